import { dueDateOf, readDuePhrase } from '../calendar/due-phrases.js'
import type { Plan } from '../plan-model.js'
import { scheduleReporters } from '../unit-refs.js'
import type { RawProblem } from './fields.js'

/**
 * What is allowed but probably not meant, for `plan check` to print without
 * failing: indicators whose targets stop before the plan's horizon (periods
 * after the last milestone have nothing to compare with), units asked for
 * nothing, schedules nobody reports on.
 */
export function planWarnings(plan: Plan): RawProblem[] {
  const out: RawProblem[] = []
  const horizon = planHorizon(plan)
  plan.indicators.forEach((ind, i) => {
    const years = Object.keys(ind.targets).map(Number)
    if (!years.length || horizon === undefined) return
    const last = Math.max(...years)
    if (last < horizon) out.push({ path: ['indicators', i, 'targets'], message: `mục tiêu chỉ đến năm ${last}; các kỳ báo cáo năm ${last + 1}–${horizon} sẽ không có mục tiêu để so` })
  })
  const reporting = plan.schedules.map((s) => ({ index: plan.schedules.indexOf(s), units: scheduleReporters(plan, s.code) }))
  reporting.forEach(({ index, units }) => {
    if (units.length === 0) out.push({ path: ['schedules', index], message: 'không đơn vị nào báo cáo theo lịch này' })
  })
  const asked = new Set(reporting.flatMap((r) => r.units.map((u) => u.code)))
  plan.units.forEach((u, i) => {
    if (!u.external && !asked.has(u.code)) out.push({ path: ['units', i], message: 'đơn vị này không phải báo cáo gì theo kế hoạch (không chỉ tiêu, nhiệm vụ hay lịch nào)' })
  })
  return out
}

/** The last year the plan reports on: its last milestone, or its last one-time deadline. */
function planHorizon(plan: Plan): number | undefined {
  const years = plan.indicators.flatMap((i) => Object.keys(i.targets).map(Number))
  for (const t of [...plan.tasks, ...plan.schedules]) {
    if (t.due === undefined) continue
    const due = readDuePhrase(t.due)
    const day = due.ok ? dueDateOf(due.value) : undefined
    if (day) years.push(Number(day.slice(0, 4)) - (day.endsWith('-01-01') ? 1 : 0))
  }
  return years.length ? Math.max(...years) : undefined
}
