import type { Plan } from '../domain/plan-model.js'
import { indicatorsListed, summarisePeriod, tasksDueBy, type PeriodSummary, type UnitSubmissions } from '../domain/reporting/period-summary.js'
import { periodReporterCodes } from '../domain/unit-refs.js'
import type { Db } from '../storage/database.js'
import { unitProgress } from '../storage/reminder-queries.js'
import { leadTaskCompletion, requestSections, requestValues, requestValueTotals } from '../storage/report-reads.js'
import type { PlanRequest } from './period-request.js'

/** An expected unit of a request, with its id (to find its contacts). */
export type ExpectedUnit = UnitSubmissions & { unitId: number }

/**
 * The units a request expects, each with its submissions on the periods of
 * the schedules it reports on (one query for all units).
 */
export async function readExpectedUnits(db: Db, planId: number, plan: Plan, request: PlanRequest): Promise<ExpectedUnit[]> {
  const ids = request.periods.map((p) => p.id)
  const askedOf = periodReporterCodes(plan)
  const reporters = new Map(request.periods.map((p) => [p.id, askedOf(p)]))
  const progress = await unitProgress(db, planId, ids)
  return progress.flatMap((u) => {
    const mine = ids.filter((id) => reporters.get(id)!.has(u.unitCode))
    return mine.length ? [{ unitId: u.unitId, unitCode: u.unitCode, unitName: u.unitName, awayUntil: u.awayUntil, periods: mine.map((id) => u.periods[id]!) }] : []
  })
}

/**
 * How much of each unit's answer a summary carries: `every answer` reads all
 * values (each figure's `answers` is complete); `breakdown` reads totals by
 * indicator in SQL and only the answers a view shows by unit (listed
 * indicators, and those with few units behind them) — what a province-sized
 * digest needs.
 */
export type SummaryAnswers = 'every answer' | 'breakdown'

/**
 * Read what a request's summary needs (a few set-based queries, never one
 * per unit) and let the domain compute it.
 */
export async function readPeriodSummary(db: Db, planId: number, plan: Plan, request: PlanRequest, answers: SummaryAnswers = 'every answer'): Promise<PeriodSummary> {
  const ids = request.periods.map((p) => p.id)
  const dueTasks = tasksDueBy(plan.tasks, request.dueDate)
  const figures = async () => {
    if (answers === 'every answer') return { values: await requestValues(db, ids) }
    const weights = plan.indicators.flatMap((i) => (i.weight ? [{ code: i.code, weight: i.weight }] : []))
    const totals = await requestValueTotals(db, ids, weights)
    return { totals, values: await requestValues(db, ids, indicatorsListed(plan, totals)) }
  }
  const [units, values, sections, taskCompletion] = await Promise.all([
    readExpectedUnits(db, planId, plan, request),
    figures(),
    requestSections(db, ids),
    leadTaskCompletion(db, planId, dueTasks.map((t) => t.code)),
  ])
  return summarisePeriod({ plan, request, units, ...values, sections, taskCompletion })
}
