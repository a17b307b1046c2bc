import { formatInTimeZone } from 'date-fns-tz'

/** "15:42 ngày 03/12/2025" in the plan's timezone, for receipts and notices. */
export function formatTimeAndDate(at: Date, timezone: string): string {
  return formatInTimeZone(at, timezone, "HH:mm 'ngày' dd/MM/yyyy")
}

/** "09/12/2025": the last day something is still allowed, given the instant it stops. */
export function lastDayBefore(instant: Date, timezone: string): string {
  return formatInTimeZone(new Date(instant.getTime() - 1), timezone, 'dd/MM/yyyy')
}
