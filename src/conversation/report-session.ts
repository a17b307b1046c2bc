import { toAnswerValue } from '../storage/answer-value.js'
import type { Plan } from '../domain/plan-model.js'
import { reportScope } from '../domain/report-scope.js'
import { readTarget, targetForYear } from '../domain/targets.js'
import { periodReporterCodes } from '../domain/unit-refs.js'
import { ensureSubmission, loadSubmissionAnswers } from '../storage/answers.js'
import type { Db } from '../storage/database.js'
import { finishedTasks, openPeriods, planIds, previousValues, type OpenPeriod } from '../storage/report-queries.js'
import { formatDeadline } from '../domain/calendar/local-time.js'
import { combinedLabel as labelOfPeriods, largestFirst } from '../domain/calendar/combined-requests.js'
import type { ItemAnswer, ReportItem, ReportSession } from './state.js'

/**
 * The periods a unit can report for now: every open period it is asked for
 * (of a schedule it reports on; an ad-hoc request only if it names the
 * unit). Unsubmitted ones come first; when all are submitted, the ones still
 * open for corrections.
 */
export async function periodsForUnit(db: Db, plan: Plan, planId: number, unitCode: string, now: Date): Promise<OpenPeriod[]> {
  const reporters = periodReporterCodes(plan)
  const mine = (await openPeriods(db, planId, now)).filter((p) => reporters(p).has(unitCode))
  return mine
}

/** "6 tháng đầu năm 2025 (gồm Quý II/2025)": the largest period names the report (one rule, in the domain). */
export function combinedLabel(periods: Pick<OpenPeriod, 'label' | 'periodKind'>[]): string {
  return labelOfPeriods(periods.map((p) => ({ kind: p.periodKind, label: p.label })))
}

/**
 * Build the report a unit answers now: one session over every open period it
 * has not submitted (or, if all are submitted, the ones it may still
 * correct). Items are snapshotted with targets and last period's values;
 * answers already stored (from any app, by any contact of the unit) are
 * loaded so the person continues where the unit stopped.
 */
export async function buildSession(
  db: Db,
  args: { plan: Plan; planId: number; unitId: number; unitCode: string; unitName: string; now: Date; remaining: (due: Date) => string },
): Promise<ReportSession | undefined> {
  const { plan, planId, unitId, unitCode, now } = args
  const periods = await periodsForUnit(db, plan, planId, unitCode, now)
  if (!periods.length) return undefined
  const submissions = await Promise.all(periods.map((p) => ensureSubmission(db, planId, unitId, p.id, now)))
  const pending = periods.filter((_, i) => submissions[i]!.status === 'draft')
  const correctable = periods.filter((p, i) => submissions[i]!.status !== 'draft' && p.locksAt > now)
  const chosen = pending.length ? pending : correctable
  if (!chosen.length) return undefined
  const chosenSubs = chosen.map((p) => submissions[periods.indexOf(p)]!)
  const largest = largestFirst(chosen.map((p) => ({ kind: p.periodKind, p })))[0]!.p
  const primary = chosenSubs[chosen.indexOf(largest)]!

  const scope = reportScope(plan, unitCode, [...new Set(chosen.map((p) => p.scheduleCode))])
  const ids = await planIds(db, planId)
  const dueAt = new Date(Math.min(...chosen.map((p) => p.dueAt.getTime())))
  const year = Number(chosen[0]!.key.slice(0, 4)) || dueAt.getUTCFullYear()
  const aboutUnitIds = [...new Set(scope.indicators.map((i) => ids.units.get(i.aboutUnit)?.id).filter((x): x is number => x !== undefined))]
  const previous = await previousValues(db, aboutUnitIds, dueAt)
  const done = await finishedTasks(db, unitId, dueAt)

  const items: ReportItem[] = []
  for (const s of scope.indicators) {
    const def = plan.indicators.find((i) => i.code === s.code)!
    const indicatorId = ids.indicators.get(s.code)
    const about = ids.units.get(s.aboutUnit)
    if (indicatorId === undefined || !about) continue
    const applies = targetForYear(def.targets, year)
    const reading = applies ? readTarget(applies.target) : undefined
    const prev = previous.get(`${indicatorId}:${about.id}`)
    items.push({
      kind: 'indicator',
      indicatorId,
      aboutUnitId: about.id,
      ...(about.id !== unitId ? { aboutUnitName: about.name } : {}),
      code: def.code,
      name: def.name,
      type: def.type,
      ...(def.unit ? { unit: def.unit } : {}),
      ...(def.choices ? { choices: def.choices } : {}),
      ...(applies && reading?.ok ? { target: { year: applies.year, text: applies.target, reading: reading.target } } : {}),
      ...(prev ? { previous: prev } : {}),
    })
  }
  for (const code of scope.tasks) {
    const taskId = ids.tasks.get(code)
    const def = plan.tasks.find((t) => t.code === code)!
    if (taskId === undefined || done.has(taskId)) continue
    items.push({ kind: 'task', taskId, code, title: def.title, due: def.due })
  }
  items.push({ kind: 'section', section: 'results' }, { kind: 'section', section: 'difficulties' }, { kind: 'section', section: 'proposals' })

  const answers = await existingAnswers(db, primary.id, items)
  const firstOpen = items.findIndex((_, i) => !answers[i])
  return {
    planId,
    unitId,
    unitName: args.unitName,
    requestKey: chosen.map((p) => p.key).join('+'),
    label: combinedLabel(chosen),
    dueAt: dueAt.toISOString(),
    deadlineText: formatDeadline(dueAt, plan.plan.timezone),
    remainingText: args.remaining(dueAt),
    timezone: plan.plan.timezone,
    locksAt: new Date(Math.min(...chosen.map((p) => p.locksAt.getTime()))).toISOString(),
    submissionId: primary.id,
    submissionIds: chosenSubs.map((s) => s.id),
    submitted: chosenSubs.every((s) => s.status !== 'draft'),
    items,
    answers,
    cursor: firstOpen === -1 ? items.length : firstOpen,
    returnToReview: false,
  }
}

async function existingAnswers(db: Db, submissionId: number, items: ReportItem[]): Promise<Record<number, ItemAnswer>> {
  const stored = await loadSubmissionAnswers(db, submissionId)
  const out: Record<number, ItemAnswer> = {}
  items.forEach((item, i) => {
    if (item.kind === 'indicator') {
      const v = stored.values.find((r) => r.indicator_id === item.indicatorId && r.about_unit_id === item.aboutUnitId)
      if (!v) return
      if (v.skipped) out[i] = { kind: 'skipped' }
      else {
        out[i] = { kind: 'value', value: toAnswerValue(v), ...(v.note ? { note: v.note } : {}) }
      }
    } else if (item.kind === 'task') {
      const t = stored.tasks.find((r) => r.task_id === item.taskId)
      if (t) out[i] = { kind: 'task', status: t.status, ...(t.detail ? { detail: t.detail } : {}) }
    } else {
      const s = stored.sections.find((r) => r.section === item.section)
      if (s) out[i] = { kind: 'section', body: s.body }
    }
  })
  return out
}
