import { localDateTimeToInstant } from '../calendar/local-time.js'
import type { Plan } from '../plan-model.js'
import type { ReportRequest } from './requests.js'

/**
 * Whether a request is history rather than a failure: its deadline passed
 * before the bot started tracking the plan (first import, or the plan's
 * `tracking_from`). History is never shown as "0/54 đã nộp" by default, and
 * gets no overdue reminders or escalations.
 */
export function isHistory(r: Pick<ReportRequest, 'dueAt'>, trackingFrom: Date): boolean {
  return r.dueAt.getTime() < trackingFrom.getTime()
}

/** Taking reports at `now`: opened and not yet closed (what leaders' /chuanop and the office's "Nhắc ngay" work on). */
export function isTakingReports(r: Pick<ReportRequest, 'opensAt' | 'closesAt'>, now: Date): boolean {
  return r.opensAt.getTime() <= now.getTime() && now.getTime() < r.closesAt.getTime()
}

/**
 * The request that matters now, for every view (status, digest, /tonghop,
 * the web board): a request open for reports (nearest deadline first); else
 * the most recently due that still takes late reports; else the most
 * recently due; else the next to open. History is skipped. Undefined when
 * the plan has nothing tracked.
 */
export function requestThatMattersNow<R extends Pick<ReportRequest, 'opensAt' | 'dueAt' | 'closesAt'>>(requests: readonly R[], now: Date, trackingFrom: Date): R | undefined {
  const t = now.getTime()
  const tracked = requests.filter((r) => !isHistory(r, trackingFrom))
  const byDue = [...tracked].sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime())
  const open = byDue.filter((r) => r.opensAt.getTime() <= t && t < r.dueAt.getTime())
  if (open.length) return open[0]
  const past = byDue.filter((r) => r.dueAt.getTime() <= t)
  const accepting = past.filter((r) => t < r.closesAt.getTime())
  if (accepting.length) return accepting.at(-1)
  if (past.length) return past.at(-1)
  return byDue.find((r) => r.opensAt.getTime() > t)
}

/**
 * When tracking of a plan starts: the plan file's `tracking_from` (a local
 * date; set it earlier to chase a recent overdue report on purpose), else
 * the first import.
 */
export function trackingStart(plan: Pick<Plan, 'plan'>, trackedSince: Date | null): Date {
  if (plan.plan.trackingFrom) return localDateTimeToInstant(plan.plan.trackingFrom, '00:00', plan.plan.timezone)
  return trackedSince ?? new Date(0)
}
