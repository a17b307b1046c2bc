import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { lunarToSolar, solarToLunar } from '../../src/domain/calendar/lunar.js'
import { publicHolidays } from '../../src/domain/calendar/holidays.js'
import { WorkCalendar } from '../../src/domain/calendar/working-days.js'
import { addDays, instantToLocal, localDate, toIsoLocal, weekday } from '../../src/domain/calendar/local-time.js'
import { periodsBetween } from '../../src/domain/calendar/periods.js'
import { digestInstants, isQuiet, reminderInstants } from '../../src/domain/calendar/reminder-plan.js'
import { groupRequests } from '../../src/domain/calendar/combined-requests.js'
import { readScheduleDue, readTaskDue, checkScheduleDue } from '../../src/domain/calendar/due-phrases.js'
import { DEFAULT_DIGESTS, DEFAULT_REMINDERS, type PeriodKind, type ScheduleDef } from '../../src/domain/plan-model.js'

const TZ = 'Asia/Ho_Chi_Minh'
const cal = new WorkCalendar(TZ)
const schedule = (period: PeriodKind, due: string, code = 's'): ScheduleDef => ({ code, name: 'Kế hoạch chi tiết', period, due, compile: false })
const iso = (d: Date) => toIsoLocal(d, TZ)

describe('Vietnamese lunar calendar', () => {
  it.each([
    [1985, '1985-01-21'],
    [2024, '2024-02-10'],
    [2025, '2025-01-29'],
    [2026, '2026-02-17'],
    [2027, '2027-02-06'],
    [2028, '2028-01-26'],
  ])('Tết %i is %s', (year, date) => {
    expect(lunarToSolar(year, 1, 1)).toBe(date)
  })

  it.each([
    [2024, '2024-04-18'],
    [2025, '2025-04-07'],
    [2026, '2026-04-26'],
  ])('Giỗ Tổ Hùng Vương %i is %s', (year, date) => {
    expect(lunarToSolar(year, 3, 10)).toBe(date)
  })

  it('round-trips every day from 2000 to 2045', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 45 * 366 }), (n) => {
        const date = addDays('2000-01-01', n)
        const l = solarToLunar(date)
        expect(lunarToSolar(l.year, l.month, l.day, l.leap)).toBe(date)
      }),
      { numRuns: 500 },
    )
  })

  it('knows the 2025 leap sixth month (6 nhuận)', () => {
    expect(solarToLunar('2025-07-25')).toEqual({ year: 2025, month: 6, day: 1, leap: true })
    expect(() => lunarToSolar(2025, 5, 1, true)).toThrow(RangeError)
  })
})

describe('public holidays', () => {
  it('lists 2025 by the Labour Code rules', () => {
    expect(publicHolidays(2025).map((h) => h.date)).toEqual([
      '2025-01-01',
      '2025-01-28', '2025-01-29', '2025-01-30', '2025-01-31', '2025-02-01',
      '2025-02-03', // Tết day on Saturday 1/2 → compensating Monday
      '2025-04-07', '2025-04-30', '2025-05-01',
      '2025-09-01', '2025-09-02',
    ])
  })

  it('gives a compensating day for a holiday on a weekend', () => {
    const h2027 = publicHolidays(2027)
    expect(weekday('2027-05-01')).toBe(6)
    expect(h2027.find((h) => h.date === '2027-05-03')?.name).toBe('Nghỉ bù Quốc tế Lao động')
    // 2/9/2024 was a Monday: the adjacent day is 3/9 (1/9 is a Sunday).
    expect(publicHolidays(2024).filter((h) => h.date.startsWith('2024-09')).map((h) => h.date)).toEqual(['2024-09-02', '2024-09-03'])
  })

  it('takes the government\'s Tết 2025 decision as an override', () => {
    const overrides = {
      '2025': {
        off: { '2025-01-27': 'Nghỉ Tết', '2025-01-25': 'Nghỉ Tết', '2025-01-26': 'Nghỉ Tết', '2025-02-02': 'Nghỉ Tết' },
        work: {},
        remove: ['2025-02-03'],
      },
    }
    const c = new WorkCalendar(TZ, overrides)
    expect(c.isWorkingDay('2025-01-27')).toBe(false)
    expect(c.isWorkingDay('2025-02-03')).toBe(true)
    const worked = new WorkCalendar(TZ, { '2025': { off: {}, work: { '2025-04-26': 'làm bù' }, remove: [] } })
    expect(worked.isWorkingDay('2025-04-26')).toBe(true)
  })
})

describe('due phrases', () => {
  it.each([
    ['hàng tháng trước ngày 20', { kind: 'day_of_month', day: 20 }],
    ['trước ngày 20 hàng tháng', { kind: 'day_of_month', day: 20 }],
    ['Truoc ngay 20 hang thang', { kind: 'day_of_month', day: 20 }],
    ['trước ngày 10 tháng cuối quý', { kind: 'day_of_last_month_of_quarter', day: 10 }],
    ['trước ngày 05 của tháng cuối Quý', { kind: 'day_of_last_month_of_quarter', day: 5 }],
    ['trước ngày 10/6', { kind: 'day_month', dates: [{ day: 10, month: 6 }] }],
    ['trước ngày 15/12', { kind: 'day_month', dates: [{ day: 15, month: 12 }] }],
    ['TRƯỚC  NGÀY 05 / 12', { kind: 'day_month', dates: [{ day: 5, month: 12 }] }],
    ['trước ngày 31/7/2025', { kind: 'date', date: '2025-07-31' }],
    ['trước ngày 10 tháng 6 và trước ngày 25 tháng 11', { kind: 'day_month', dates: [{ day: 10, month: 6 }, { day: 25, month: 11 }] }],
  ])('reads %s', (text, value) => {
    expect(readScheduleDue(text)).toEqual({ ok: true, value })
  })

  it.each(['cuối năm', 'trước ngày 31/2', 'trước ngày 20', 'trước ngày 30 hàng tháng', ''])('refuses %j with the accepted forms', (text) => {
    const r = readScheduleDue(text)
    expect(r.ok).toBe(false)
  })

  it('checks the phrase fits the period kind', () => {
    const q = readScheduleDue('trước ngày 20 hàng tháng')
    expect(q.ok && checkScheduleDue('quarter', q.value)).toMatch(/lịch báo cáo quý \(period: quarter\) cần thời hạn như/)
    const y = readScheduleDue('trước ngày 05/12')
    expect(y.ok && checkScheduleDue('year', y.value)).toBeNull()
  })

  it.each([
    ['9/2025', { kind: 'month', year: 2025, month: 9 }],
    ['Tháng 12/2025', { kind: 'month', year: 2025, month: 12 }],
    ['06/2026', { kind: 'month', year: 2026, month: 6 }],
    ['2026', { kind: 'year', year: 2026 }],
    ['Thường xuyên', { kind: 'ongoing' }],
    ['Hàng năm', { kind: 'yearly' }],
    ['2026 và các năm tiếp theo', { kind: 'from_year', year: 2026 }],
    ['2025 và những năm tiếp theo', { kind: 'from_year', year: 2025 }],
    ['trước ngày 31/7/2025', { kind: 'date', date: '2025-07-31' }],
  ])('reads task deadline %s', (text, value) => {
    expect(readTaskDue(text)).toEqual({ ok: true, value })
  })
})

describe('Ea Wy calendar (real dates)', () => {
  const quarterly = schedule('quarter', 'trước ngày 05 của tháng cuối Quý', 'quy')
  const yearly = schedule('year', 'trước ngày 05/12', 'nam')
  const half = schedule('half', 'trước ngày 10/6', '6thang')

  it('Q3/2025 is due 2025-09-05 00:00 +07:00, reminded 25/8, 29/8 and 4/9 (1–2/9 are National Day)', () => {
    const [q3] = periodsBetween(quarterly, cal, '2025-09-01', '2025-09-30')
    expect(q3).toMatchObject({ key: '2025-Q3', label: 'Quý III/2025', window: { from: '2025-06-05', to: '2025-09-04' } })
    expect(iso(q3!.dueAt)).toBe('2025-09-05T00:00:00+07:00')
    const before = reminderInstants(q3!, DEFAULT_REMINDERS, cal).filter((r) => r.kind === 'before')
    expect(before.map((r) => [iso(r.at), r.workingDaysLeft])).toEqual([
      ['2025-08-25T08:00:00+07:00', 7],
      ['2025-08-29T08:00:00+07:00', 3],
      ['2025-09-04T08:00:00+07:00', 1],
    ])
  })

  it('Q4/2025: window, overdue nudges and escalation on working days', () => {
    const [q4] = periodsBetween(quarterly, cal, '2025-12-01', '2025-12-31')
    expect(q4!.window).toEqual({ from: '2025-09-05', to: '2025-12-04' })
    expect(q4!.label).toBe('Quý IV/2025')
    const late = reminderInstants(q4!, DEFAULT_REMINDERS, cal).filter((r) => r.kind !== 'before')
    expect(late.map((r) => [instantToLocal(r.at, TZ).date, r.kind])).toEqual([
      ['2025-12-05', 'overdue'],
      ['2025-12-09', 'overdue'],
      ['2025-12-10', 'escalation'],
      ['2025-12-11', 'overdue'],
      ['2025-12-15', 'overdue'],
      ['2025-12-17', 'overdue'],
    ])
    expect(instantToLocal(q4!.locksAt, TZ)).toEqual({ date: '2025-12-10', time: '00:00' })
  })

  it('merges Q4 with the annual report and Q2 with the 6-month report', () => {
    const periods = [quarterly, yearly, half].flatMap((s) => periodsBetween(s, cal, '2025-01-01', '2025-12-31'))
    const requests = groupRequests(periods, DEFAULT_REMINDERS)
    expect(requests.map((r) => [r.key, r.label, instantToLocal(r.dueAt, TZ).date])).toEqual([
      ['2025-Q1', 'Quý I/2025', '2025-03-05'],
      ['2025-H1+2025-Q2', '6 tháng đầu năm 2025 (gồm Quý II/2025)', '2025-06-05'],
      ['2025-Q3', 'Quý III/2025', '2025-09-05'],
      ['2025-Y+2025-Q4', 'Năm 2025 (gồm Quý IV/2025)', '2025-12-05'],
    ])
    expect(groupRequests(periods, { combine: false, combineWithinDays: 10 })).toHaveLength(6)
  })

  it('schedules nothing during Tết 2026', () => {
    const all = [quarterly, yearly, half, schedule('month', 'trước ngày 20 hàng tháng', 'thang')].flatMap((s) => periodsBetween(s, cal, '2025-07-01', '2026-12-31'))
    const instants = all.flatMap((p) => [...reminderInstants(p, DEFAULT_REMINDERS, cal), ...digestInstants(p, DEFAULT_DIGESTS, cal)])
    const tet = instants.filter((r) => { const d = instantToLocal(r.at, TZ).date; return d >= '2026-02-16' && d <= '2026-02-20' })
    expect(tet).toEqual([])
    expect(instants.length).toBeGreaterThan(100)
  })

  it('digests: progress 3 working days before, summary on the first working day after', () => {
    const [q4] = periodsBetween(quarterly, cal, '2025-12-01', '2025-12-31')
    expect(digestInstants(q4!, DEFAULT_DIGESTS, cal).map((d) => [iso(d.at), d.kind])).toEqual([
      ['2025-12-02T08:00:00+07:00', 'progress'],
      ['2025-12-05T08:00:00+07:00', 'summary'],
    ])
  })

  it('labels every kind of period', () => {
    expect(periodsBetween(schedule('month', 'trước ngày 20 hàng tháng'), cal, '2025-11-01', '2025-11-30').map((p) => [p.key, p.label, iso(p.dueAt)])).toEqual([['2025-M11', 'Tháng 11/2025', '2025-11-20T00:00:00+07:00']])
    expect(periodsBetween(half, cal, '2025-01-01', '2025-12-31').map((p) => [p.key, p.label, p.window])).toEqual([['2025-H1', '6 tháng đầu năm 2025', { from: '2024-12-15', to: '2025-06-09' }]])
    expect(periodsBetween(schedule('nine_months', 'trước ngày 20/9'), cal, '2025-01-01', '2025-12-31').map((p) => [p.key, p.label])).toEqual([['2025-9M', '9 tháng năm 2025']])
    // The 2024 annual window was cut at 04/12/2024 by its deadline: 2025 picks up from 05/12 so no day is lost.
    expect(periodsBetween(yearly, cal, '2025-01-01', '2025-12-31').map((p) => [p.key, p.label, p.window])).toEqual([['2025-Y', 'Năm 2025', { from: '2024-12-05', to: '2025-12-04' }]])
    expect(periodsBetween(schedule('once', 'trước ngày 31/7/2025', 'khct'), cal, '2025-01-01', '2025-12-31').map((p) => [p.key, iso(p.dueAt)])).toEqual([['once:khct', '2025-07-31T00:00:00+07:00']])
    expect(periodsBetween(schedule('half', 'trước ngày 10 tháng 6 và trước ngày 25 tháng 11'), cal, '2025-01-01', '2025-12-31').map((p) => p.key)).toEqual(['2025-H1', '2025-H2'])
  })
})

describe('calendar properties', () => {
  const kinds = fc.oneof(
    fc.integer({ min: 1, max: 28 }).map((d) => schedule('month', `trước ngày ${d} hàng tháng`)),
    fc.integer({ min: 1, max: 28 }).map((d) => schedule('quarter', `trước ngày ${d} tháng cuối quý`)),
    fc.tuple(fc.integer({ min: 1, max: 28 }), fc.integer({ min: 1, max: 12 })).map(([d, m]) => schedule('year', `trước ngày ${d}/${m}`)),
  )
  const start = fc.integer({ min: 0, max: 20 * 365 }).map((n) => addDays('2020-01-01', n))

  it('deadlines are 00:00 local on the stated day; reminders avoid weekends, holidays and quiet hours', () => {
    fc.assert(
      fc.property(kinds, start, (s, from) => {
        const due = readScheduleDue(s.due!)
        for (const p of periodsBetween(s, cal, from, addDays(from, 400))) {
          const local = instantToLocal(p.dueAt, TZ)
          expect(local.time).toBe('00:00')
          expect(local.date).toBe(p.dueDate)
          if (due.ok && (due.value.kind === 'day_month' || due.value.kind === 'day_of_month' || due.value.kind === 'day_of_last_month_of_quarter')) {
            const day = due.value.kind === 'day_month' ? due.value.dates[0]!.day : due.value.day
            expect(Number(p.dueDate.slice(8, 10))).toBe(day)
          }
          for (const r of reminderInstants(p, DEFAULT_REMINDERS, cal)) {
            const { date, time } = instantToLocal(r.at, TZ)
            expect(cal.isWorkingDay(date)).toBe(true)
            expect(isQuiet(time, DEFAULT_REMINDERS)).toBe(false)
            if (r.kind === 'before') expect(r.at.getTime()).toBeLessThan(p.dueAt.getTime())
            else expect(r.at.getTime()).toBeGreaterThan(p.dueAt.getTime())
          }
        }
      }),
      { numRuns: 150 },
    )
  })

  it('periods of one schedule never overlap and leave no gap', () => {
    fc.assert(
      fc.property(kinds, start, (s, from) => {
        const periods = periodsBetween(s, cal, from, addDays(from, 500))
        for (let i = 1; i < periods.length; i++) {
          expect(periods[i]!.window.from).toBe(addDays(periods[i - 1]!.window.to, 1))
          expect(periods[i]!.window.from <= periods[i]!.window.to).toBe(true)
          expect(periods[i]!.window.to < periods[i]!.dueDate).toBe(true)
        }
      }),
      { numRuns: 150 },
    )
  })

  it('addWorkingDays forwards then backwards comes home on a working day', () => {
    fc.assert(
      fc.property(start, fc.integer({ min: 1, max: 40 }), (d, n) => {
        const home = cal.workingDayOnOrAfter(d)
        const there = cal.addWorkingDays(home, n)
        expect(cal.isWorkingDay(there)).toBe(true)
        expect(cal.addWorkingDays(there, -n)).toBe(home)
        expect(cal.workingDaysBetween(home, there)).toBe(n)
      }),
      { numRuns: 300 },
    )
  })

  it('every year has 11 public holiday days before compensation, none on a day counted as working', () => {
    for (let y = 2020; y <= 2040; y++) {
      const base = publicHolidays(y).filter((h) => !h.name.startsWith('Nghỉ bù'))
      expect(new Set(base.map((h) => h.date)).size).toBe(11)
      for (const h of publicHolidays(y)) expect(cal.isWorkingDay(h.date)).toBe(false)
      expect(localDate(y, 1, 1)).toBe(base[0]!.date)
    }
  })
})
