import { describe, expect, it } from 'vitest'
import { checkScheduleDue, dueDateOf, readScheduleDue, readTaskDue } from '../../src/domain/calendar/due-phrases.js'
import { periodsBetween } from '../../src/domain/calendar/periods.js'
import { WorkCalendar } from '../../src/domain/calendar/working-days.js'
import type { PeriodKind } from '../../src/domain/plan-model.js'

const cal = new WorkCalendar('Asia/Ho_Chi_Minh')

/** The first deadline instant of a schedule with this phrase, from 2025 on. */
function firstScheduleDue(period: PeriodKind, due: string): string | undefined {
  return periodsBetween({ code: 's', name: 'Thử', period, due, compile: false }, cal, '2025-01-01', '2027-12-31')[0]?.dueAt.toISOString()
}

/** A task's own one-time deadline day, or 'recurring' / 'open' for the other rules. */
function taskDue(due: string): string {
  const r = readTaskDue(due)
  if (!r.ok) return `error: ${r.error}`
  return dueDateOf(r.value) ?? (['ongoing', 'yearly', 'from_year'].includes(r.value.kind) ? 'open' : 'recurring')
}

// Worked by hand: "trước ngày D" is due at 00:00 of D in Asia/Ho_Chi_Minh (UTC+7),
// i.e. 17:00 UTC the day before; a month, quarter or year is due at 00:00 of the
// first day after it, the day the summary digest starts calling a task late.
describe('one grammar for schedule and task deadlines', () => {
  it.each([
    // phrase, schedule period, schedule's first deadline (UTC), task's local due day
    ['trước ngày 31/7/2025', 'once', '2025-07-30T17:00:00.000Z', '2025-07-31'],
    ['trước ngày 10 tháng 6 năm 2026', 'once', '2026-06-09T17:00:00.000Z', '2026-06-10'],
    ['Tháng 6/2025', 'once', '2025-06-30T17:00:00.000Z', '2025-07-01'],
    ['trong tháng 6 năm 2025', 'once', '2025-06-30T17:00:00.000Z', '2025-07-01'],
    ['6/2025', 'once', '2025-06-30T17:00:00.000Z', '2025-07-01'],
    ['Tháng 12/2025', 'once', '2025-12-31T17:00:00.000Z', '2026-01-01'],
    ['Quý III/2025', 'once', '2025-09-30T17:00:00.000Z', '2025-10-01'],
    ['quý 3/2025', 'once', '2025-09-30T17:00:00.000Z', '2025-10-01'],
    ['Quy IV nam 2025', 'once', '2025-12-31T17:00:00.000Z', '2026-01-01'],
    ['Quý I/2026', 'once', '2026-03-31T17:00:00.000Z', '2026-04-01'],
    ['năm 2026', 'once', '2026-12-31T17:00:00.000Z', '2027-01-01'],
    ['2026', 'once', '2026-12-31T17:00:00.000Z', '2027-01-01'],
    ['trước ngày 20 hàng tháng', 'month', '2025-01-19T17:00:00.000Z', 'recurring'],
    ['trước ngày 05 của tháng cuối Quý', 'quarter', '2025-03-04T17:00:00.000Z', 'recurring'],
    ['trước ngày 10/6', 'half', '2025-06-09T17:00:00.000Z', 'recurring'],
    ['trước ngày 10/9', 'nine_months', '2025-09-09T17:00:00.000Z', 'recurring'],
    ['trước ngày 05/12', 'year', '2025-12-04T17:00:00.000Z', 'recurring'],
  ] as const)('%s: schedule (%s) due %s, task due %s', (phrase, period, scheduleDue, taskDay) => {
    expect(readScheduleDue(phrase)).toEqual(readTaskDue(phrase))
    const read = readScheduleDue(phrase)
    expect(read.ok && checkScheduleDue(period, read.value)).toBeNull()
    expect(firstScheduleDue(period, phrase)).toBe(scheduleDue)
    expect(taskDue(phrase)).toBe(taskDay)
  })

  it.each(['Thường xuyên', 'Hàng năm', '2026 và các năm tiếp theo'])('%s reads the same for both, and is no reporting calendar', (phrase) => {
    const read = readScheduleDue(phrase)
    expect(read).toEqual(readTaskDue(phrase))
    expect(taskDue(phrase)).toBe('open')
    for (const period of ['month', 'quarter', 'half', 'nine_months', 'year', 'once'] as const) expect(read.ok && checkScheduleDue(period, read.value)).toMatch(/cần thời hạn như/)
  })

  it.each(['Tháng 13/2025', 'Quý V/2025', 'quý 5/2025', 'cuối năm', 'trước ngày 20', 'sớm nhất có thể'])('refuses %j for both, in Vietnamese', (phrase) => {
    for (const r of [readScheduleDue(phrase), readTaskDue(phrase)]) {
      expect(r.ok).toBe(false)
      if (!r.ok) expect(r.error).toMatch(/không|viết như/)
    }
  })

  it('a one-off schedule due "Tháng 7/2025" does not fit a monthly schedule', () => {
    const r = readScheduleDue('Tháng 7/2025')
    expect(r.ok && checkScheduleDue('month', r.value)).toMatch(/trước ngày 20 hàng tháng/)
  })
})
