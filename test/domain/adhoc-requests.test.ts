import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { planCalendar } from '../../src/domain/calendar/calendar-preview.js'
import { groupRequests } from '../../src/domain/calendar/combined-requests.js'
import { periodsBetween, type Period } from '../../src/domain/calendar/periods.js'
import { readPlanFile } from '../../src/domain/plan-file.js'
import { reminderMessages, type TrackedPeriod, type UnitState } from '../../src/domain/reminder-messages.js'
import { adhocLabel, adhocUnits, planAdhocRequest, readAdhocDue } from '../../src/domain/reporting/adhoc-requests.js'
import { findRequestByWords } from '../../src/domain/reporting/period-words.js'
import { requestsOf } from '../../src/domain/reporting/requests.js'
import { periodReporters } from '../../src/domain/unit-refs.js'
import { miniPlan } from '../support/mini-plan.js'

const MINI = readFileSync(new URL('../fixtures/mini-plan.yaml', import.meta.url), 'utf8')
const ADHOC = '\n  - code: dotxuat\n    name: "Báo cáo đột xuất"\n    period: adhoc\n'
const plan = miniPlan((s) => s + ADHOC)

describe('an ad-hoc schedule in the plan file', () => {
  it('has no deadline of its own and no calendar', () => {
    const s = plan.schedules.find((x) => x.code === 'dotxuat')!
    expect(s).toEqual({ code: 'dotxuat', name: 'Báo cáo đột xuất', period: 'adhoc', compile: false })
    expect(periodsBetween(s, planCalendar(plan), '2025-01-01', '2027-12-31')).toEqual([])
    // It asks what recurring data schedules ask: every unit answering an indicator or leading a task.
    expect(periodReporters(plan, { scheduleCode: 'dotxuat' }).map((u) => u.code)).toEqual(['VHXH', 'KT', 'THON-01', 'THON-02'])
  })

  it('refuses a deadline on an ad-hoc schedule, and a missing one on any other', () => {
    const withDue = readPlanFile(MINI + ADHOC.replace('period: adhoc', 'period: adhoc\n    due: "trước ngày 15/12/2026"'))
    expect(withDue.ok).toBe(false)
    if (!withDue.ok) expect(withDue.problems.map((p) => p.message)).toEqual([expect.stringContaining('lịch báo cáo đột xuất (period: adhoc) không có thời hạn cố định')])
    const noDue = readPlanFile(MINI + ADHOC.replace('period: adhoc', 'period: month'))
    expect(noDue.ok).toBe(false)
    if (!noDue.ok) expect(noDue.problems.map((p) => [p.path, p.message])).toEqual([['schedules[2].due', 'thiếu trường bắt buộc']])
  })
})

describe('the deadline of a request', () => {
  it.each([
    // phrase, today, due day (00:00 local of it), worked out by hand
    ['trước ngày 15/12/2026', '2026-11-23', '2026-12-15'],
    ['15/12/2026', '2026-11-23', '2026-12-15'],
    ['Trước ngày 5 tháng 1 năm 2027', '2026-11-23', '2027-01-05'],
    ['trước ngày 15/12', '2026-11-23', '2026-12-15'],
    ['trước ngày 15/12', '2026-12-20', '2027-12-15'], // no year: the next 15/12
    ['Tháng 12/2026', '2026-11-23', '2027-01-01'], // a month is due when it is over
    ['trước ngày 24/11/2026', '2026-11-23', '2026-11-24'], // tomorrow is the earliest
  ])('"%s" on %s → %s', (text, today, due) => expect(readAdhocDue(text, today)).toEqual({ ok: true, dueDate: due }))

  it('refuses a deadline today or past, a recurring one and an unreadable one', () => {
    expect(readAdhocDue('trước ngày 23/11/2026', '2026-11-23')).toEqual({ ok: false, problem: { kind: 'due_past', dueDate: '2026-11-23', today: '2026-11-23' } })
    expect(readAdhocDue('1/11/2026', '2026-11-23')).toEqual({ ok: false, problem: { kind: 'due_past', dueDate: '2026-11-01', today: '2026-11-23' } })
    expect(readAdhocDue('trước ngày 20 hàng tháng', '2026-11-23')).toEqual({ ok: false, problem: { kind: 'due_not_one_day', text: 'trước ngày 20 hàng tháng' } })
    const bad = readAdhocDue('sớm nhất có thể', '2026-11-23')
    expect(bad.ok || bad.problem.kind).toBe('bad_due')
  })
})

describe('the units of a request', () => {
  it('defaults to every reporter; codes, groups and `all` narrow it the way the plan names units', () => {
    expect(adhocUnits(plan, 'dotxuat', undefined)).toEqual({ ok: true, units: null })
    expect(adhocUnits(plan, 'dotxuat', ['all'])).toEqual({ ok: true, units: null })
    expect(adhocUnits(plan, 'dotxuat', ['THON-01', 'KT'])).toEqual({ ok: true, units: ['KT', 'THON-01'] })
    expect(adhocUnits(plan, 'dotxuat', ['thon-buon'])).toEqual({ ok: true, units: ['THON-01', 'THON-02'] })
    expect(adhocUnits(plan, 'dotxuat', ['thon-buon', 'KT', 'VHXH'])).toEqual({ ok: true, units: null })
  })

  it('refuses codes the plan does not know and units that do not report on the schedule', () => {
    expect(adhocUnits(plan, 'dotxuat', ['KT', 'THON-9'])).toEqual({ ok: false, problem: { kind: 'unknown_units', refs: ['THON-9'] } })
    expect(adhocUnits(plan, 'dotxuat', ['DN-VT'])).toEqual({ ok: false, problem: { kind: 'not_reporters', units: ['DN-VT'], reporters: ['VHXH', 'KT', 'THON-01', 'THON-02'] } })
    const onlyKt = miniPlan((s) => s + ADHOC + '    reporters: [KT]\n')
    expect(adhocUnits(onlyKt, 'dotxuat', ['THON-01'])).toEqual({ ok: false, problem: { kind: 'not_reporters', units: ['THON-01'], reporters: ['KT'] } })
  })
})

describe('a request planned at an instant', () => {
  const cal = planCalendar(plan)
  const now = new Date('2026-04-06T02:00:00Z') // Monday 09:00 in Hà Nội

  it('opens at once, is due at 00:00 of its day and locks 3 working days after it', () => {
    const r = planAdhocRequest(plan, cal, { schedule: 'dotxuat', due: 'trước ngày 15/4/2026', units: ['KT', 'THON-01'], title: '  Thiệt hại do mưa lũ ' }, now)
    expect(r.ok).toBe(true)
    if (!r.ok) return
    expect(r.request).toMatchObject({
      scheduleCode: 'dotxuat',
      title: 'Thiệt hại do mưa lũ',
      label: 'đột xuất “Thiệt hại do mưa lũ”',
      windowFrom: '2026-04-06',
      windowTo: '2026-04-14',
      opensAt: now,
      dueAt: new Date('2026-04-14T17:00:00Z'),
      dueDate: '2026-04-15',
      // Thursday 16, Friday 17, Monday 20 April: corrections until 00:00 of the 20th.
      locksAt: new Date('2026-04-19T17:00:00Z'),
      units: ['KT', 'THON-01'],
    })
  })

  it('names the schedule when it has no title, and refuses other schedules', () => {
    expect(adhocLabel(undefined, '2026-12-15')).toBe('đột xuất (hạn 15/12/2026)')
    expect(adhocLabel('  ', '2026-12-15')).toBe('đột xuất (hạn 15/12/2026)')
    const r = planAdhocRequest(plan, cal, { schedule: 'quy', due: '15/4/2026' }, now)
    expect(r).toEqual({ ok: false, problem: { kind: 'not_adhoc', schedule: 'quy', adhocSchedules: ['dotxuat'] } })
    expect(planAdhocRequest(plan, cal, { schedule: 'khong-co', due: '15/4/2026' }, now)).toEqual({ ok: false, problem: { kind: 'unknown_schedule', schedule: 'khong-co', adhocSchedules: ['dotxuat'] } })
    expect(planAdhocRequest(plan, cal, { schedule: 'DOTXUAT', due: '15/4/2026' }, now).ok).toBe(true)
  })
})

describe('an ad-hoc request among the calendar periods', () => {
  const local = (d: string) => new Date(`${d}T00:00:00+07:00`)
  const period = (p: Partial<Period> & Pick<Period, 'key' | 'kind' | 'label' | 'dueDate'>): Period => ({
    scheduleCode: p.kind === 'adhoc' ? 'dotxuat' : 'quy',
    window: { from: '2026-03-15', to: '2026-06-04' },
    opensAt: local('2026-05-20'),
    dueAt: local(p.dueDate),
    locksAt: local('2026-06-10'),
    closesAt: local('2026-07-01'),
    ...p,
  })
  const q2 = period({ key: '2026-Q2', kind: 'quarter', label: 'Quý II/2026', dueDate: '2026-06-05' })
  const flood = period({ key: 'adhoc:7', kind: 'adhoc', label: 'đột xuất “Thiệt hại do mưa lũ”', dueDate: '2026-06-03', units: ['KT'] })
  const census = period({ key: 'adhoc:9', kind: 'adhoc', label: 'đột xuất “Điều tra doanh nghiệp”', dueDate: '2026-06-10' })

  it('is asked on its own, never merged with a report due days apart', () => {
    const groups = groupRequests([q2, flood, census], { combine: true, combineWithinDays: 10 })
    expect(groups.map((g) => g.key)).toEqual(['adhoc:7', '2026-Q2', 'adhoc:9'])
  })

  it('is found by the words of its title or its key', () => {
    // As the views read them: stored rows grouped by the plan's policy.
    const rows = [q2, flood, census].map((p, i) => ({ ...p, id: i + 1, periodKind: p.kind, windowFrom: p.window.from, windowTo: p.window.to }))
    const requests = requestsOf(rows, { combine: true, combineWithinDays: 10 }, 'Asia/Ho_Chi_Minh')
    const now = local('2026-06-01')
    expect(findRequestByWords('đột xuất mưa lũ', requests, now)?.key).toBe('adhoc:7')
    expect(findRequestByWords('mưa lũ', requests, now)?.key).toBe('adhoc:7')
    expect(findRequestByWords('điều tra doanh nghiệp', requests, now)?.key).toBe('adhoc:9')
    expect(findRequestByWords('adhoc:9', requests, now)?.key).toBe('adhoc:9')
    // Both are "đột xuất": the one that matters now (open, nearest deadline).
    expect(findRequestByWords('đột xuất', requests, now)?.key).toBe('adhoc:7')
    expect(findRequestByWords('quý 2', requests, now)?.key).toBe('2026-Q2')
  })

  it('asks only the units it names', () => {
    expect(periodReporters(plan, flood).map((u) => u.code)).toEqual(['KT'])
    expect(periodReporters(plan, census).map((u) => u.code)).toEqual(['VHXH', 'KT', 'THON-01', 'THON-02'])
  })
})

describe('the reminder plan of an ad-hoc request', () => {
  // Opened Monday 06/04/2026 for KT and THON-01, due before Wednesday 15/04/2026.
  const planned = planAdhocRequest(plan, planCalendar(plan), { schedule: 'dotxuat', due: '15/4/2026', units: ['KT', 'THON-01'], title: 'Mưa lũ' }, new Date('2026-04-06T02:00:00Z'))
  if (!planned.ok) throw new Error('not planned')
  const r = planned.request
  const period: TrackedPeriod = { id: 200, scheduleCode: 'dotxuat', kind: 'adhoc', key: 'adhoc:200', label: r.label, window: { from: r.windowFrom, to: r.windowTo }, opensAt: r.opensAt, dueAt: r.dueAt, dueDate: r.dueDate, locksAt: r.locksAt, closesAt: r.closesAt, units: r.units! }
  const state = (unitId: number, unitCode: string, status: 'none' | 'submitted'): UnitState => ({ unitId, unitCode, unitName: unitCode, awayUntil: null, periods: { 200: { status, answered: 0 } } })
  const progress = [state(1, 'VHXH', 'none'), state(2, 'KT', 'none'), state(3, 'THON-01', 'submitted'), state(4, 'THON-02', 'none')]
  const contacts = [1, 2, 3, 4].map((unitId) => ({ id: 10 + unitId, unitId, channel: 'telegram', chatId: `c${unitId}` }))
  const destinations = [{ id: 7, channel: 'telegram', chatId: '-100', contactId: null }]

  it('on the deadline day at 08:00: the overdue nudge to the one asked unit still owing it, and the leaders\' summary', () => {
    const out = reminderMessages({ planId: 1, plan, periods: [period], progress, contacts, destinations, now: new Date('2026-04-15T01:00:00Z') })
    expect(out.map((m) => (m.kind === 'digest' ? [m.kind, m.digest, m.dedupeKey(7, 0)] : [m.kind, m.kind === 'reminder' ? m.phase : '', m.dedupeKey]))).toEqual([
      ['reminder', 'overdue', 'reminder:1:2:adhoc:200:2026-04-15T01:00:00.000Z:12'],
      ['digest', 'summary', 'digest:1:adhoc:200:summary:2026-04-15T01:00:00.000Z:7:0'],
    ])
  })
})
