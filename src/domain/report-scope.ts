import type { Plan, UnitDef } from './plan-model.js'
import { answeringUnits, resolveUnitRefs, taskOnSchedule } from './unit-refs.js'

/** One indicator a unit answers in a report, possibly on behalf of an external unit. */
export interface ScopedIndicator {
  code: string
  /** The unit the value is about (the unit itself, or the external unit it answers for). */
  aboutUnit: string
}

/** What a unit is asked in one report request. */
export interface ReportScope {
  indicators: ScopedIndicator[]
  tasks: string[]
}

/**
 * What a unit must answer for a set of schedules: its own indicators, those of
 * the external units it answers for, and the tasks it leads. Indicators
 * without an explicit schedule list go on every recurring data schedule; a
 * one-off or compile schedule asks only for what names it.
 */
export function reportScope(plan: Plan, unitCode: string, scheduleCodes: readonly string[]): ReportScope {
  const schedules = plan.schedules.filter((s) => scheduleCodes.includes(s.code))
  const onSchedule = (explicit: string[] | undefined) =>
    schedules.some((s) => (explicit ? explicit.includes(s.code) : !s.compile && s.period !== 'once'))
  const indicators: ScopedIndicator[] = []
  for (const ind of plan.indicators) {
    if (!onSchedule(ind.schedules)) continue
    const owners = resolveUnitRefs(plan, ind.responsible)
    for (const owner of owners) {
      const answerers = answeringUnits(plan, [owner], ind.monitor)
      if (answerers.some((u) => u.code === unitCode)) indicators.push({ code: ind.code, aboutUnit: owner.code })
    }
  }
  const tasks = plan.tasks
    .filter((t) => schedules.some((s) => taskOnSchedule(plan, t, s)))
    .filter((t) => answeringUnits(plan, resolveUnitRefs(plan, t.lead), []).some((u: UnitDef) => u.code === unitCode))
    .map((t) => t.code)
  return { indicators, tasks }
}
