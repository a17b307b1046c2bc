import { DEFAULT_OPENS_WORKING_DAYS_BEFORE, type LocalDate, type PeriodKind, type ScheduleDef } from '../plan-model.js'
import { dueDateOf, readScheduleDue, type ScheduleDue } from './due-phrases.js'
import { addDays, dateParts, localDate, localDateTimeToInstant } from './local-time.js'
import type { WorkCalendar } from './working-days.js'

/** One occurrence of a schedule: "Quý IV/2025", due at an instant. */
export interface Period {
  scheduleCode: string
  kind: PeriodKind
  key: string
  label: string
  /** The data cut-off window (chốt số liệu), inclusive local dates. */
  window: { from: LocalDate; to: LocalDate }
  opensAt: Date
  /** "Trước ngày D" = 00:00 of D local: from this instant on, a submission is late. */
  dueAt: Date
  dueDate: LocalDate
  /** Corrections to a submitted report are taken until this instant. */
  locksAt: Date
  /** A late first submission is still taken until this instant. */
  closesAt: Date
  /** Only for an ad-hoc request opened for some of the schedule's reporters: their unit codes. */
  units?: readonly string[]
}

/** Working days after the deadline day during which submitted values may still be corrected. */
export const CORRECTION_WORKING_DAYS = 3
/** Working days after the deadline during which a late report is still taken. */
export const LATE_WORKING_DAYS = 20

const ROMAN = ['I', 'II', 'III', 'IV']

interface Occurrence {
  key: string
  label: string
  dueDate: LocalDate
  /** The Decree 09/2019 window before clipping to the deadline. */
  standard: { from: LocalDate; to: LocalDate }
}

/**
 * The occurrences of a schedule whose deadline lies in [from, to] (local
 * dates, inclusive), in deadline order. Windows follow Decree 09/2019 and end
 * no later than the day before the deadline; when the previous window of the
 * same schedule was cut short that way, the next one starts right after it so
 * no day of data falls between two reports.
 */
export function periodsBetween(schedule: ScheduleDef, cal: WorkCalendar, from: LocalDate, to: LocalDate): Period[] {
  // An ad-hoc schedule has no calendar: its periods are the requests an operator opens (adhoc-requests.ts).
  if (schedule.period === 'adhoc' || schedule.due === undefined) return []
  const due = readScheduleDue(schedule.due)
  if (!due.ok) throw new Error(`schedule ${schedule.code}: ${due.error}`)
  const fromYear = dateParts(from).year
  const toYear = dateParts(to).year
  const occurrences: Occurrence[] = []
  for (let y = fromYear - 1; y <= toYear + 1; y++) occurrences.push(...occurrencesOfYear(schedule, due.value, y))
  occurrences.sort((a, b) => a.dueDate.localeCompare(b.dueDate))
  const out: Period[] = []
  occurrences.forEach((o, i) => {
    if (o.dueDate < from || o.dueDate > to) return
    out.push(toPeriod(schedule, o, occurrences[i - 1], cal))
  })
  return out
}

function occurrencesOfYear(schedule: ScheduleDef, due: ScheduleDue, y: number): Occurrence[] {
  switch (due.kind) {
    case 'day_of_month':
      return Array.from({ length: 12 }, (_, i) => {
        const m = i + 1
        return {
          key: `${y}-M${m}`,
          label: `Tháng ${m}/${y}`,
          dueDate: localDate(y, m, due.day),
          standard: { from: localDate(y, m - 1, 15), to: localDate(y, m, 14) },
        }
      })
    case 'day_of_last_month_of_quarter':
      return [1, 2, 3, 4].map((q) => ({
        key: `${y}-Q${q}`,
        label: `Quý ${ROMAN[q - 1]}/${y}`,
        dueDate: localDate(y, q * 3, due.day),
        standard: { from: localDate(y, q * 3 - 3, 15), to: localDate(y, q * 3, 14) },
      }))
    case 'date':
    case 'month':
    case 'quarter':
    case 'year': {
      const dueDate = dueDateOf(due)!
      if (dateParts(dueDate).year !== y) return []
      return [{ key: `once:${schedule.code}`, label: schedule.name, dueDate, standard: { from: addDays(dueDate, -92), to: addDays(dueDate, -1) } }]
    }
    case 'ongoing':
    case 'yearly':
    case 'from_year':
      // Not a reporting calendar; plan checks refuse these for schedules.
      return []
    case 'day_month': {
      const [first, second] = due.dates
      const at = (d: { day: number; month: number }) => localDate(y, d.month, d.day)
      switch (schedule.period) {
        case 'half': {
          const out: Occurrence[] = [
            { key: `${y}-H1`, label: `6 tháng đầu năm ${y}`, dueDate: at(first!), standard: { from: localDate(y - 1, 12, 15), to: localDate(y, 6, 14) } },
          ]
          if (second) out.push({ key: `${y}-H2`, label: `6 tháng cuối năm ${y}`, dueDate: at(second), standard: { from: localDate(y, 6, 15), to: localDate(y, 12, 14) } })
          return out
        }
        case 'nine_months':
          return [{ key: `${y}-9M`, label: `9 tháng năm ${y}`, dueDate: at(first!), standard: { from: localDate(y - 1, 12, 15), to: localDate(y, 9, 14) } }]
        default:
          return [{ key: `${y}-Y`, label: `Năm ${y}`, dueDate: at(first!), standard: { from: localDate(y - 1, 12, 15), to: localDate(y, 12, 14) } }]
      }
    }
  }
}

function clippedEnd(o: Occurrence): LocalDate {
  const dayBefore = addDays(o.dueDate, -1)
  return o.standard.to < dayBefore ? o.standard.to : dayBefore
}

function toPeriod(schedule: ScheduleDef, o: Occurrence, previous: Occurrence | undefined, cal: WorkCalendar): Period {
  const tz = cal.timezone
  const adjacent = previous && addDays(previous.standard.to, 1) === o.standard.from
  const windowFrom = adjacent ? addDays(clippedEnd(previous), 1) : o.standard.from
  const opensDate = cal.addWorkingDays(o.dueDate, -(schedule.opensWorkingDaysBefore ?? DEFAULT_OPENS_WORKING_DAYS_BEFORE))
  return {
    scheduleCode: schedule.code,
    kind: schedule.period,
    key: o.key,
    label: o.label,
    window: { from: windowFrom, to: clippedEnd(o) },
    opensAt: localDateTimeToInstant(opensDate, '00:00', tz),
    dueAt: localDateTimeToInstant(o.dueDate, '00:00', tz),
    dueDate: o.dueDate,
    locksAt: localDateTimeToInstant(cal.addWorkingDays(o.dueDate, CORRECTION_WORKING_DAYS), '00:00', tz),
    closesAt: localDateTimeToInstant(cal.addWorkingDays(o.dueDate, LATE_WORKING_DAYS), '00:00', tz),
  }
}
