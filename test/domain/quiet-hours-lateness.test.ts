import { describe, expect, it } from 'vitest'
import { planCalendar } from '../../src/domain/calendar/calendar-preview.js'
import { workingDaysLate } from '../../src/domain/calendar/lateness.js'
import { nextSendingInstant, reminderInstants } from '../../src/domain/calendar/reminder-plan.js'
import { miniPlan } from '../support/mini-plan.js'

/** Expected instants worked out by hand: Vietnam is UTC+7, reminders at 08:00, quiet 21:00–07:00. */
const plan = miniPlan()
const cal = planCalendar(plan)
const at = (iso: string) => new Date(iso)

describe('when a leader-triggered reminder may go out (issue 10, item 8)', () => {
  it('now, on a working day outside quiet hours', () => {
    expect(nextSendingInstant(at('2025-12-02T00:30:00Z'), plan.reminders, cal)).toEqual(at('2025-12-02T00:30:00Z')) // Tue 07:30
    expect(nextSendingInstant(at('2025-12-02T13:59:00Z'), plan.reminders, cal)).toEqual(at('2025-12-02T13:59:00Z')) // Tue 20:59
  })
  it('at 08:00 the same morning after midnight, the next working morning late in the evening', () => {
    expect(nextSendingInstant(at('2025-12-01T17:10:00Z'), plan.reminders, cal)).toEqual(at('2025-12-02T01:00:00Z')) // Tue 00:10 → Tue 08:00
    expect(nextSendingInstant(at('2025-12-02T14:00:00Z'), plan.reminders, cal)).toEqual(at('2025-12-03T01:00:00Z')) // Tue 21:00 → Wed 08:00
  })
  it('skips weekends and holidays: Friday 29/08/2025 22:00 → Wednesday 03/09 (Mon 1/9 and Tue 2/9 are Quốc khánh)', () => {
    expect(nextSendingInstant(at('2025-08-29T15:00:00Z'), plan.reminders, cal)).toEqual(at('2025-09-03T01:00:00Z'))
    expect(nextSendingInstant(at('2025-08-30T03:00:00Z'), plan.reminders, cal)).toEqual(at('2025-09-03T01:00:00Z')) // Saturday 10:00
  })
})

describe('working days late, one rule (issue 10, item 15)', () => {
  const due = at('2025-12-04T17:00:00Z') // 00:00 Friday 05/12/2025
  it('counts the deadline day as day 1 and skips weekends', () => {
    expect(workingDaysLate(cal, due, at('2025-12-04T16:59:00Z'))).toBe(0)
    expect(workingDaysLate(cal, due, at('2025-12-05T01:00:00Z'))).toBe(1) // Fri
    expect(workingDaysLate(cal, due, at('2025-12-07T01:00:00Z'))).toBe(2) // Sun: the same as Monday (Fri, then the next working day)
    expect(workingDaysLate(cal, due, at('2025-12-10T01:00:00Z'))).toBe(4) // Wed: Fri, Mon, Tue, Wed
  })
  it('is what the reminder plan labels its overdue and escalation instants with', () => {
    const instants = reminderInstants({ dueDate: '2025-12-05', opensAt: at('2025-10-01T00:00:00Z') }, plan.reminders, cal).filter((r) => r.kind !== 'before')
    for (const r of instants) expect(r.workingDaysLate).toBe(workingDaysLate(cal, due, r.at))
    expect(instants.find((r) => r.kind === 'escalation')?.workingDaysLate).toBe(4)
  })
})
