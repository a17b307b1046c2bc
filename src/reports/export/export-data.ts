import type { Plan } from '../../domain/plan-model.js'
import type { PeriodSummary } from '../../domain/reporting/period-summary.js'
import type { Db } from '../../storage/database.js'
import { requestSubmitters, requestTaskEntries, requestValueEntries, type SubmissionEntry, type TaskEntry, type ValueEntry } from '../../storage/export-reads.js'
import type { PlanRequest } from '../period-request.js'
import { readPeriodSummary } from '../period-summary.js'

/**
 * Everything the export lays out for one request: the summary the digest
 * words (never recomputed here), the previous request's summary for the
 * "kỳ trước" column, and the per-entry details the sheets list.
 */
export interface ExportData {
  plan: Plan
  request: PlanRequest
  summary: PeriodSummary
  previous?: { request: PlanRequest; summary: PeriodSummary }
  values: ValueEntry[]
  submitters: SubmissionEntry[]
  tasks: TaskEntry[]
  /** When the export was made (the date line of the draft takes its year). */
  now: Date
}

/**
 * The request a "previous period" column compares with: the latest request
 * due earlier that shares the schedule of this request's largest period
 * (last year's annual report for an annual one; for a quarter, the request
 * holding the quarter before), else the latest one due earlier.
 */
export function previousRequest(request: PlanRequest, requests: readonly PlanRequest[]): PlanRequest | undefined {
  const earlier = requests.filter((r) => r.dueAt < request.dueAt && r.key !== request.key).sort((a, b) => b.dueAt.getTime() - a.dueAt.getTime())
  const main = request.periods[0]?.scheduleCode
  return earlier.find((r) => r.periods.some((p) => p.scheduleCode === main)) ?? earlier[0]
}

/** Everything but the per-value entries: what the Word draft needs (the workbook needs the values too). */
export type ExportBase = Omit<ExportData, 'values'>

/** Read what the export needs: a few set-based queries plus two summaries. */
export async function readExportData(db: Db, planId: number, plan: Plan, request: PlanRequest, requests: readonly PlanRequest[], now: Date): Promise<ExportData> {
  const [base, values] = await Promise.all([readExportBase(db, planId, plan, request, requests, now), readExportValues(db, request)])
  return { ...base, values }
}

/** The two summaries, the submitters and the task entries of a request. */
export async function readExportBase(db: Db, planId: number, plan: Plan, request: PlanRequest, requests: readonly PlanRequest[], now: Date): Promise<ExportBase> {
  const ids = request.periods.map((p) => p.id)
  const before = previousRequest(request, requests)
  const [summary, previousSummary, submitters, tasks] = await Promise.all([
    readPeriodSummary(db, planId, plan, request, 'breakdown'),
    before ? readPeriodSummary(db, planId, plan, before, 'breakdown') : Promise.resolve(undefined),
    requestSubmitters(db, ids),
    requestTaskEntries(db, ids),
  ])
  return { plan, request, summary, ...(before && previousSummary ? { previous: { request: before, summary: previousSummary } } : {}), submitters, tasks, now }
}

/** Every value of the request with who entered it: the export's largest read (222,000 entries for a province). */
export function readExportValues(db: Db, request: PlanRequest): Promise<ValueEntry[]> {
  return requestValueEntries(
    db,
    request.periods.map((p) => p.id),
  )
}
