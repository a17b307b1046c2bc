import { describe, expect, it } from 'vitest'
import { readAwayUntil } from '../../src/domain/calendar/away-until.js'
import { planCalendar } from '../../src/domain/calendar/calendar-preview.js'
import { instantToLocal } from '../../src/domain/calendar/local-time.js'
import { periodsBetween } from '../../src/domain/calendar/periods.js'
import { miniPlan } from '../support/mini-plan.js'

/**
 * Vietnam is UTC+7: from 17:00 UTC the local day is already tomorrow. Every
 * rule asks for the local day through one helper; these moments sit on the
 * last day of a quarter, where a UTC date would name the wrong quarter.
 */
describe('the local day at the end of a quarter', () => {
  const lateEvening = new Date('2026-03-31T16:30:00Z') // 23:30 on 31/03 in Hà Nội
  const afterMidnight = new Date('2026-03-31T17:30:00Z') // 00:30 on 01/04 in Hà Nội, still 31/03 in UTC

  it('is the plan\'s local date, not the UTC one', () => {
    expect(instantToLocal(lateEvening, 'Asia/Ho_Chi_Minh')).toEqual({ date: '2026-03-31', time: '23:30' })
    expect(instantToLocal(afterMidnight, 'Asia/Ho_Chi_Minh')).toEqual({ date: '2026-04-01', time: '00:30' })
  })

  it('"vắng đến 31/3" is today at 23:30, and next year half an hour later', () => {
    expect(readAwayUntil('vang den 31/3', instantToLocal(lateEvening, 'Asia/Ho_Chi_Minh').date)).toEqual({ kind: 'until', date: '2026-03-31', shown: '31/03/2026' })
    expect(readAwayUntil('vang den 31/3', instantToLocal(afterMidnight, 'Asia/Ho_Chi_Minh').date)).toEqual({ kind: 'until', date: '2027-03-31', shown: '31/03/2027' })
  })

  it('the quarter that closed at midnight is due before 05/03, the next one before 05/06', () => {
    const plan = miniPlan()
    const quarterly = plan.schedules.find((s) => s.code === 'quy')!
    const today = instantToLocal(afterMidnight, plan.plan.timezone).date
    const [q1, q2] = periodsBetween(quarterly, planCalendar(plan), '2026-03-01', '2026-06-30')
    expect([q1!.key, q1!.dueAt.toISOString()]).toEqual(['2026-Q1', '2026-03-04T17:00:00.000Z'])
    expect([q2!.key, q2!.dueAt.toISOString()]).toEqual(['2026-Q2', '2026-06-04T17:00:00.000Z'])
    expect(q1!.dueAt < afterMidnight && today > instantToLocal(q1!.dueAt, plan.plan.timezone).date).toBe(true)
  })
})
