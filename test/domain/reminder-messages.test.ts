import { describe, expect, it } from 'vitest'
import { planCalendar } from '../../src/domain/calendar/calendar-preview.js'
import { periodsBetween } from '../../src/domain/calendar/periods.js'
import { isSendingTime, reminderMessages, type PlannedMessage, type TrackedPeriod, type UnitState } from '../../src/domain/reminder-messages.js'
import { miniPlan } from '../support/mini-plan.js'

/**
 * The reminder policy against tables worked out by hand on the mini plan
 * (VHXH standing, answering for DN-VT; KT; THON-01 and THON-02), whose
 * quarterly (Q4/2025) and annual (2025) reports are both due before 05/12/2025,
 * a Friday: one combined request "2025-Y+2025-Q4". Reminders at 08:00 local,
 * 7, 3 and 1 working days before (26/11, 02/12, 04/12); overdue from 05/12
 * every 2 working days; escalation after 3 working days late (10/12, "4 ngày").
 */
const plan = miniPlan()
const cal = planCalendar(plan)
let nextId = 100
const periods: TrackedPeriod[] = plan.schedules.flatMap((s) => periodsBetween(s, cal, '2025-11-01', '2025-12-31').map((p) => ({ ...p, id: nextId++ })))
const q4 = periods.find((p) => p.key === '2025-Q4')!
const year = periods.find((p) => p.scheduleCode === 'nam')!
const REQUEST = `${year.key}+2025-Q4`

function unit(unitId: number, unitCode: string, unitName: string, status: 'none' | 'draft' | 'submitted', answered = 0, awayUntil: string | null = null): UnitState {
  return { unitId, unitCode, unitName, awayUntil, periods: { [q4.id]: { status, answered }, [year.id]: { status, answered } } }
}
const progress = [
  unit(1, 'VHXH', 'Phòng Văn hóa – Xã hội', 'none'),
  unit(2, 'KT', 'Phòng Kinh tế', 'draft', 2),
  unit(3, 'THON-01', 'Thôn 1', 'submitted', 5),
  unit(4, 'THON-02', 'Thôn 2', 'none'),
  unit(5, 'DN-VT', 'Doanh nghiệp viễn thông', 'none'),
]
const contacts = [
  { id: 10, unitId: 1, channel: 'telegram', chatId: 'vh' },
  { id: 11, unitId: 2, channel: 'zalo', chatId: 'kt' },
  { id: 12, unitId: 3, channel: 'telegram', chatId: 'th1' },
]
const destinations = [{ id: 7, channel: 'telegram', chatId: '-100', contactId: null }]

/** The messages without the digest's key function, for comparing with a table. */
function plain(messages: PlannedMessage[]) {
  return messages.map((m) =>
    m.kind === 'reminder'
      ? [m.kind, m.to.id, m.phase, m.workingDaysLate, m.answered, m.request.key, m.dedupeKey]
      : m.kind === 'escalation'
        ? [m.kind, m.to.id, m.unitName, m.workingDaysLate, m.dedupeKey]
        : m.kind === 'escalation-digest'
          ? [m.kind, m.to.id, m.unitNames, m.workingDaysLate, m.dedupeKey]
          : [m.kind, m.to.map((d) => d.id), m.digest, m.request.key, m.dedupeKey(7, 0)],
  )
}

const at = (iso: string) => new Date(iso)

describe('reminderMessages', () => {
  it('three working days before: reminds the units not yet submitted, and sends the leaders the progress digest', () => {
    // Tuesday 02/12/2025 09:00 local.
    const out = reminderMessages({ planId: 1, plan, periods, progress, contacts, destinations, now: at('2025-12-02T02:00:00Z') })
    expect(year.key).toBe('2025-Y')
    expect(plain(out)).toEqual([
      ['reminder', 10, 'before', 1, 0, REQUEST, `reminder:1:1:${REQUEST}:2025-12-02T01:00:00.000Z:10`],
      ['reminder', 11, 'before', 1, 2, REQUEST, `reminder:1:2:${REQUEST}:2025-12-02T01:00:00.000Z:11`],
      ['digest', [7], 'progress', REQUEST, `digest:1:${REQUEST}:progress:2025-12-02T01:00:00.000Z:7:0`],
    ])
  })

  it('three working days late: escalates, tells the standing office about KT and Thôn 2, and lists the late units to the leaders', () => {
    // Wednesday 10/12/2025 09:00 local; the summary digest of 05/12 is stale by now.
    const out = reminderMessages({ planId: 1, plan, periods, progress, contacts, destinations, now: at('2025-12-10T02:00:00Z') })
    expect(plain(out)).toEqual([
      ['reminder', 10, 'escalation', 4, 0, REQUEST, `reminder:1:1:${REQUEST}:2025-12-10T01:00:00.000Z:10`],
      ['reminder', 11, 'escalation', 4, 2, REQUEST, `reminder:1:2:${REQUEST}:2025-12-10T01:00:00.000Z:11`],
      ['escalation', 10, 'Phòng Kinh tế', 4, `escalation:1:2:${REQUEST}:10`],
      // Thôn 2 has nobody enrolled: no reminder can reach it, which is exactly what its monitor and the leaders must hear.
      ['escalation', 10, 'Thôn 2', 4, `escalation:1:4:${REQUEST}:10`],
      ['escalation-digest', 7, ['Phòng Văn hóa – Xã hội', 'Phòng Kinh tế', 'Thôn 2'], 4, `escalation-digest:1:${REQUEST}@2025-12-10T01:00:00.000Z:7`],
    ])
  })

  it('the first day late: an overdue nudge, and the leaders get the summary', () => {
    // Friday 05/12/2025 10:00 local.
    const out = reminderMessages({ planId: 1, plan, periods, progress, contacts, destinations, now: at('2025-12-05T03:00:00Z') })
    expect(plain(out)).toEqual([
      ['reminder', 10, 'overdue', 1, 0, REQUEST, `reminder:1:1:${REQUEST}:2025-12-05T01:00:00.000Z:10`],
      ['reminder', 11, 'overdue', 1, 2, REQUEST, `reminder:1:2:${REQUEST}:2025-12-05T01:00:00.000Z:11`],
      ['digest', [7], 'summary', REQUEST, `digest:1:${REQUEST}:summary:2025-12-05T01:00:00.000Z:7:0`],
    ])
  })

  it('skips a unit away until today (inclusive, in local time) and sends nothing at night or on a weekend', () => {
    const away = progress.map((u) => (u.unitCode === 'KT' ? { ...u, awayUntil: '2025-12-10' } : u))
    // 23:30 local on 10/12 is still 10/12 (16:30 UTC): quiet hours anyway.
    expect(reminderMessages({ planId: 1, plan, periods, progress: away, contacts, destinations, now: at('2025-12-10T16:30:00Z') })).toEqual([])
    expect(isSendingTime(plan, at('2025-12-10T16:30:00Z'))).toBe(false)
    const day = reminderMessages({ planId: 1, plan, periods, progress: away, contacts, destinations: [], now: at('2025-12-10T02:00:00Z') })
    expect(plain(day).map((m) => m.slice(0, 3))).toEqual([['reminder', 10, 'escalation'], ['escalation', 10, 'Thôn 2']])
    // Saturday 06/12/2025 10:00 local.
    expect(reminderMessages({ planId: 1, plan, periods, progress, contacts, destinations, now: at('2025-12-06T03:00:00Z') })).toEqual([])
  })
})
