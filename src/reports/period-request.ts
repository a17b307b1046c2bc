import type { Plan } from '../domain/plan-model.js'
import { isHistory, isTakingReports, requestThatMattersNow, trackingStart } from '../domain/reporting/period-now.js'
import { findRequestByWords, requestChoices } from '../domain/reporting/period-words.js'
import { asOneRequest, requestsOf, type ReportRequest } from '../domain/reporting/requests.js'
import type { Db } from '../storage/database.js'
import { listPeriods, type StoredPeriod } from '../storage/periods.js'
import { planTrackedSince } from '../storage/plan-models.js'

/** A plan's request as the views show it. */
export type PlanRequest = ReportRequest<StoredPeriod>

/** The request a view shows, or why there is none (with the choices to offer). */
export type RequestPick =
  | { ok: true; request: PlanRequest; history: boolean; requests: PlanRequest[] }
  | { ok: false; reason: 'unknown' | 'none'; choices: PlanRequest[] }

/**
 * Every data request of a plan (compile schedules, the standing office's own
 * reports upward, are left out), grouped the way units are asked.
 */
export async function planRequests(db: Db, planId: number, plan: Plan): Promise<PlanRequest[]> {
  const rows = await listPeriods(db, planId, { excludeSchedules: plan.schedules.filter((s) => s.compile).map((s) => s.code) })
  return requestsOf(rows, plan.reminders, plan.plan.timezone)
}

/**
 * The request a leader or an operator names in words ("quý 3/2026", "6
 * tháng", "2026-Q3"), or by default the one that matters now. Every view
 * (status, digest, /tonghop, the web board, export) picks through here.
 */
export async function pickRequest(db: Db, planId: number, plan: Plan, words: string | undefined, now: Date): Promise<RequestPick> {
  const requests = await planRequests(db, planId, plan)
  const since = trackingStart(plan, await planTrackedSince(db, planId))
  const tracked = requests.filter((r) => !isHistory(r, since))
  const chosen = words?.trim() ? findRequestByWords(words, requests, now) : requestThatMattersNow(requests, now, since)
  if (!chosen) return { ok: false, reason: words?.trim() ? 'unknown' : 'none', choices: requestChoices(tracked.length ? tracked : requests, now) }
  return { ok: true, request: chosen, history: isHistory(chosen, since), requests }
}

/** The request holding these period ids (the scheduler names a digest's subject by its periods). */
export async function requestOfPeriods(db: Db, planId: number, plan: Plan, periodIds: readonly number[]): Promise<PlanRequest | undefined> {
  const rows = (await listPeriods(db, planId)).filter((p) => periodIds.includes(p.id))
  return asOneRequest(rows, plan.plan.timezone)
}

/** Requests taking reports now (opened, not yet closed), history left out, nearest deadline first. */
export async function openRequests(db: Db, planId: number, plan: Plan, now: Date): Promise<PlanRequest[]> {
  const since = trackingStart(plan, await planTrackedSince(db, planId))
  return (await planRequests(db, planId, plan)).filter((r) => isTakingReports(r, now) && !isHistory(r, since))
}
