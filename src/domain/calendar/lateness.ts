import { instantToLocal } from './local-time.js'
import type { WorkCalendar } from './working-days.js'

/**
 * How late a report is, in working days: the one rule every view uses (the
 * conversation's "đã quá hạn N ngày làm việc", reminders, escalations and
 * leaders' lists). The first working day on or after the deadline day counts
 * as day 1; weekends and holidays are not counted. 0 before the deadline.
 */
export function workingDaysLate(cal: WorkCalendar, dueAt: Date, now: Date): number {
  if (now < dueAt) return 0
  const dueDay = instantToLocal(dueAt, cal.timezone).date
  const today = instantToLocal(now, cal.timezone).date
  return Math.max(1, cal.workingDaysBetween(dueDay, today) + 1)
}
