import type { HolidayYearOverride, LocalDate } from '../plan-model.js'
import { publicHolidays, type Holiday } from './holidays.js'
import { addDays, weekday } from './local-time.js'

/**
 * Working-day arithmetic for one plan: Monday to Friday, minus public holidays
 * and the plan's extra days off, plus weekend days it declares worked.
 * Holidays are computed once per year and cached.
 */
export class WorkCalendar {
  private readonly byYear = new Map<number, Map<LocalDate, string>>()

  constructor(
    readonly timezone: string,
    private readonly overrides: Record<string, HolidayYearOverride> = {},
  ) {}

  /** The holidays of a year, in date order. */
  holidays(year: number): Holiday[] {
    return [...this.yearMap(year)].map(([date, name]) => ({ date, name }))
  }

  /** The holiday's name, or undefined on an ordinary day. */
  holidayName(date: LocalDate): string | undefined {
    return this.yearMap(Number(date.slice(0, 4))).get(date)
  }

  isWorkingDay(date: LocalDate): boolean {
    if (this.overrides[date.slice(0, 4)]?.work[date] !== undefined) return true
    const wd = weekday(date)
    if (wd === 0 || wd === 6) return false
    return this.holidayName(date) === undefined
  }

  /**
   * The n-th working day after `date` (n > 0) or before it (n < 0), not
   * counting `date` itself; n = 0 returns `date`.
   */
  addWorkingDays(date: LocalDate, n: number): LocalDate {
    const step = n < 0 ? -1 : 1
    let left = Math.abs(n)
    let d = date
    while (left > 0) {
      d = addDays(d, step)
      if (this.isWorkingDay(d)) left--
    }
    return d
  }

  /** The last working day strictly before `date`. */
  previousWorkingDay(date: LocalDate): LocalDate {
    return this.addWorkingDays(date, -1)
  }

  /** The first working day on or after `date`. */
  workingDayOnOrAfter(date: LocalDate): LocalDate {
    return this.isWorkingDay(date) ? date : this.addWorkingDays(date, 1)
  }

  /** Working days d with a ≤ d < b (negative when b is before a). */
  workingDaysBetween(a: LocalDate, b: LocalDate): number {
    if (a === b) return 0
    const [from, to, sign] = a < b ? [a, b, 1] : [b, a, -1]
    let count = 0
    for (let d = from; d < to; d = addDays(d, 1)) if (this.isWorkingDay(d)) count++
    return sign * count
  }

  private yearMap(year: number): Map<LocalDate, string> {
    let map = this.byYear.get(year)
    if (!map) {
      map = new Map(publicHolidays(year, this.overrides).map((h) => [h.date, h.name]))
      this.byYear.set(year, map)
    }
    return map
  }
}
