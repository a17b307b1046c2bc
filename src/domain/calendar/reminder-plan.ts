import type { DigestPolicy, ReminderPolicy } from '../plan-model.js'
import { workingDaysLate } from './lateness.js'
import { instantToLocal, localDateTimeToInstant, minutesOf } from './local-time.js'
import type { WorkCalendar } from './working-days.js'

/** One reminder instant for a request. */
export interface ReminderInstant {
  at: Date
  kind: 'before' | 'overdue' | 'escalation'
  /** For `before`: working days left before the deadline day. */
  workingDaysLeft?: number
  /** For `overdue`/`escalation`: working days late, counting the deadline day as the first. */
  workingDaysLate?: number
}

/** One digest instant for leaders. */
export interface DigestInstant {
  at: Date
  kind: 'progress' | 'summary'
}

/** At most this many overdue nudges per request: after that the escalation has done its work. */
export const MAX_OVERDUE_NUDGES = 5

/**
 * When to remind a unit about a request: N working days before the deadline
 * at the policy's time (1 = the last working day before it), then every few
 * working days while overdue, with an escalation after the threshold. Only
 * working days, never in quiet hours, never before the request opens.
 */
export function reminderInstants(
  request: { dueDate: string; opensAt: Date },
  policy: ReminderPolicy,
  cal: WorkCalendar,
): ReminderInstant[] {
  const at = sendTime(policy.at, policy)
  const out: ReminderInstant[] = []
  for (const n of [...new Set(policy.beforeWorkingDays)].sort((a, b) => b - a)) {
    const day = cal.addWorkingDays(request.dueDate, -n)
    const instant = localDateTimeToInstant(day, at, cal.timezone)
    if (instant < request.opensAt) continue
    out.push({ at: instant, kind: 'before', workingDaysLeft: n })
  }
  const firstLate = cal.workingDayOnOrAfter(request.dueDate)
  const dueAt = localDateTimeToInstant(request.dueDate, '00:00', cal.timezone)
  for (let i = 0; i < MAX_OVERDUE_NUDGES; i++) {
    const instant = localDateTimeToInstant(cal.addWorkingDays(firstLate, i * policy.overdueEveryWorkingDays), at, cal.timezone)
    out.push({ at: instant, kind: 'overdue', workingDaysLate: workingDaysLate(cal, dueAt, instant) })
  }
  const escalation = localDateTimeToInstant(cal.addWorkingDays(firstLate, policy.escalateAfterWorkingDays), at, cal.timezone)
  out.push({ at: escalation, kind: 'escalation', workingDaysLate: workingDaysLate(cal, dueAt, escalation) })
  // One message per instant: an escalation replaces the overdue nudge of the same moment.
  const byTime = new Map<number, ReminderInstant>()
  for (const r of out) {
    const prev = byTime.get(r.at.getTime())
    if (!prev || r.kind === 'escalation') byTime.set(r.at.getTime(), r)
  }
  return [...byTime.values()].sort((a, b) => a.at.getTime() - b.at.getTime())
}

/**
 * When leaders get a digest about a period: a progress digest N working days
 * before the deadline, and the period summary on the first working day on or
 * after the deadline day (plus `summaryAfterWorkingDays - 1`).
 */
export function digestInstants(request: { dueDate: string }, policy: DigestPolicy, cal: WorkCalendar, quiet?: Pick<ReminderPolicy, 'quietFrom' | 'quietTo'>): DigestInstant[] {
  const at = quiet ? sendTime(policy.at, quiet) : policy.at
  const out: DigestInstant[] = policy.progressBeforeWorkingDays.map((n) => ({
    at: localDateTimeToInstant(cal.addWorkingDays(request.dueDate, -n), at, cal.timezone),
    kind: 'progress' as const,
  }))
  const summaryDay = cal.addWorkingDays(cal.workingDayOnOrAfter(request.dueDate), policy.summaryAfterWorkingDays - 1)
  out.push({ at: localDateTimeToInstant(summaryDay, at, cal.timezone), kind: 'summary' })
  return out.sort((a, b) => a.at.getTime() - b.at.getTime())
}

/** Whether a local time of day falls in the quiet hours (which may wrap past midnight). */
export function isQuiet(hhmm: string, quiet: Pick<ReminderPolicy, 'quietFrom' | 'quietTo'>): boolean {
  const t = minutesOf(hhmm)
  const from = minutesOf(quiet.quietFrom)
  const to = minutesOf(quiet.quietTo)
  return from <= to ? t >= from && t < to : t >= from || t < to
}

/**
 * When a message asked for at `now` may go out: now, on a working day outside
 * quiet hours; otherwise the plan's reminder time on the next working day
 * (today's, if that is still ahead). Leaders' "/nhac" at 00:10 or on a Sunday
 * is queued for that morning instead of waking people up.
 */
export function nextSendingInstant(now: Date, policy: Pick<ReminderPolicy, 'at' | 'quietFrom' | 'quietTo'>, cal: WorkCalendar): Date {
  const local = instantToLocal(now, cal.timezone)
  if (cal.isWorkingDay(local.date) && !isQuiet(local.time, policy)) return now
  const at = sendTime(policy.at, policy)
  let day = cal.workingDayOnOrAfter(local.date)
  let instant = localDateTimeToInstant(day, at, cal.timezone)
  while (instant <= now) {
    day = cal.addWorkingDays(day, 1)
    instant = localDateTimeToInstant(day, at, cal.timezone)
  }
  return instant
}

/** The configured sending time, moved to the end of quiet hours if it falls inside them. */
function sendTime(hhmm: string, quiet: Pick<ReminderPolicy, 'quietFrom' | 'quietTo'>): string {
  return isQuiet(hhmm, quiet) ? quiet.quietTo : hhmm
}
