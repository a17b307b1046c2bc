import { formatInTimeZone, fromZonedTime } from 'date-fns-tz'
import type { LocalDate } from '../plan-model.js'

/**
 * Calendar days and wall-clock times in a plan's timezone. Deadlines are
 * instants, but every rule ("trước ngày 05", "08:00", "not after 21:00")
 * speaks of local days and times; these helpers are the only bridge.
 */

const DAY_MS = 86_400_000

function toUtcMidnight(date: LocalDate): number {
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)))
}

function fromUtcMidnight(ms: number): LocalDate {
  return new Date(ms).toISOString().slice(0, 10)
}

/** Build a LocalDate from parts; month is 1-12. */
export function localDate(year: number, month: number, day: number): LocalDate {
  return fromUtcMidnight(Date.UTC(year, month - 1, day))
}

/** Whether the parts name a real day (no 31/2). */
export function isValidDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1 || day > 31) return false
  const d = new Date(Date.UTC(year, month - 1, day))
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day
}

/** `date` plus `n` calendar days. */
export function addDays(date: LocalDate, n: number): LocalDate {
  return fromUtcMidnight(toUtcMidnight(date) + n * DAY_MS)
}

/** Day of the week: 0 = Sunday … 6 = Saturday. */
export function weekday(date: LocalDate): number {
  return new Date(toUtcMidnight(date)).getUTCDay()
}

/** Whole days from a to b (b - a). */
export function daysBetween(a: LocalDate, b: LocalDate): number {
  return Math.round((toUtcMidnight(b) - toUtcMidnight(a)) / DAY_MS)
}

/** Year, month (1-12) and day of a LocalDate. */
export function dateParts(date: LocalDate): { year: number; month: number; day: number } {
  return { year: Number(date.slice(0, 4)), month: Number(date.slice(5, 7)), day: Number(date.slice(8, 10)) }
}

/** The instant of a local date and `HH:MM` in `tz`. */
export function localDateTimeToInstant(date: LocalDate, hhmm: string, tz: string): Date {
  return fromZonedTime(`${date}T${hhmm}:00`, tz)
}

/** The local date and `HH:MM` of an instant in `tz`. */
export function instantToLocal(instant: Date, tz: string): { date: LocalDate; time: string } {
  return { date: formatInTimeZone(instant, tz, 'yyyy-MM-dd'), time: formatInTimeZone(instant, tz, 'HH:mm') }
}

/** ISO-8601 with the plan's offset: `2025-09-05T00:00:00+07:00`. */
export function toIsoLocal(instant: Date, tz: string): string {
  return formatInTimeZone(instant, tz, "yyyy-MM-dd'T'HH:mm:ssXXX")
}

/** "trước ngày 05/12/2025": the deadline instant (00:00 of day D) as plans write it. */
export function formatDeadline(due: Date, tz: string): string {
  return `trước ngày ${formatInTimeZone(due, tz, 'dd/MM/yyyy')}`
}

/** "05/12/2025" for a LocalDate. */
export function formatDate(date: LocalDate): string {
  const { year, month, day } = dateParts(date)
  return `${String(day).padStart(2, '0')}/${String(month).padStart(2, '0')}/${year}`
}

/** Minutes since midnight of an `HH:MM` text. */
export function minutesOf(hhmm: string): number {
  return Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5))
}

/** "15:42 ngày 03/12/2025" in the plan's timezone, for receipts and notices. */
export function formatTimeAndDate(at: Date, tz: string): string {
  return formatInTimeZone(at, tz, "HH:mm 'ngày' dd/MM/yyyy")
}

/** "09/12/2025": the last day something is still allowed, given the instant it stops. */
export function lastDayBefore(instant: Date, tz: string): string {
  return formatInTimeZone(new Date(instant.getTime() - 1), tz, 'dd/MM/yyyy')
}

/** "03/12/2025" for an instant, in `tz`. */
export function formatInstantDate(instant: Date, tz: string): string {
  return formatInTimeZone(instant, tz, 'dd/MM/yyyy')
}
