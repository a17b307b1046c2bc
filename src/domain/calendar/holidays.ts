import type { HolidayYearOverride, LocalDate } from '../plan-model.js'
import { addDays, localDate, weekday } from './local-time.js'
import { lunarToSolar } from './lunar.js'

/** A day off with its Vietnamese name. */
export interface Holiday {
  date: LocalDate
  name: string
}

/**
 * The public holidays of Labour Code 2019, art. 112, as computed before the
 * government's yearly decisions:
 * - Tết Dương lịch 1/1; Ngày Chiến thắng 30/4; Quốc tế Lao động 1/5;
 * - Tết Nguyên đán: 5 days, by default the last day of the lunar year
 *   (giao thừa) and mùng 1–4;
 * - Giỗ Tổ Hùng Vương: 10/3 lunar;
 * - Quốc khánh: 2/9 and one adjacent day: 1/9, or 3/9 when 1/9 is a Sunday
 *   (as decided for 2024);
 * - a holiday on a Saturday or Sunday gives the next working day off (nghỉ bù).
 * Overrides per year add days (`off`), drop computed days (`remove`) and make
 * weekend days working days (`work`): the government fixes Tết each year.
 */
export function publicHolidays(year: number, overrides: Record<string, HolidayYearOverride> = {}): Holiday[] {
  const days: Holiday[] = []
  days.push({ date: localDate(year, 1, 1), name: 'Tết Dương lịch' })
  const tet = lunarToSolar(year, 1, 1)
  days.push({ date: addDays(tet, -1), name: 'Tết Nguyên đán (giao thừa)' })
  for (let i = 0; i < 4; i++) days.push({ date: addDays(tet, i), name: `Tết Nguyên đán (mùng ${i + 1})` })
  days.push({ date: lunarToSolar(year, 3, 10), name: 'Giỗ Tổ Hùng Vương' })
  days.push({ date: localDate(year, 4, 30), name: 'Ngày Chiến thắng' })
  days.push({ date: localDate(year, 5, 1), name: 'Quốc tế Lao động' })
  const national = localDate(year, 9, 2)
  const adjacent = weekday(addDays(national, -1)) === 0 ? addDays(national, 1) : addDays(national, -1)
  days.push({ date: national, name: 'Quốc khánh' })
  days.push({ date: adjacent, name: 'Quốc khánh (ngày liền kề)' })

  const override = overrides[String(year)]
  const removed = new Set(override?.remove ?? [])
  const kept = days.filter((d) => !removed.has(d.date))
  const taken = new Set(kept.map((d) => d.date))
  const compensations: Holiday[] = []
  for (const d of [...kept].sort((a, b) => a.date.localeCompare(b.date))) {
    const wd = weekday(d.date)
    if (wd !== 0 && wd !== 6) continue
    let next = addDays(d.date, 1)
    while (weekday(next) === 0 || weekday(next) === 6 || taken.has(next)) next = addDays(next, 1)
    if (removed.has(next)) continue
    taken.add(next)
    compensations.push({ date: next, name: `Nghỉ bù ${d.name}` })
  }
  const all = [...kept, ...compensations]
  for (const [date, name] of Object.entries(override?.off ?? {})) {
    if (!all.some((d) => d.date === date)) all.push({ date, name: name || 'Ngày nghỉ' })
  }
  return all.sort((a, b) => a.date.localeCompare(b.date))
}
