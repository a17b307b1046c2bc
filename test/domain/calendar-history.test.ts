import { describe, expect, it } from 'vitest'
import { buildCalendarPreview, renderCalendarText } from '../../src/domain/calendar/calendar-preview.js'
import { samplePlan } from '../support/mini-plan.js'

describe('calendar preview and tracking start', () => {
  // Ea Wy: the year's report 2025 is due before 05/12/2025 (Q4 asked with it).
  // Tracking started 06/12/2025 00:00 (+07): that request is history; the
  // scheduler sends nothing for it, so the calendar must not list reminders.
  const plan = samplePlan('ea-wy')
  const trackingFrom = new Date('2025-12-05T17:00:00Z')

  it('a request due before tracking started shows no reminders or digests, and says why', () => {
    const preview = buildCalendarPreview(plan, { from: '2025-11-01', to: '2025-12-31', trackingFrom })
    const year = preview.periods.find((p) => p.key === '2025-Y')!
    expect(year).toMatchObject({ history: true, reminders: [], digests: [] })
    const text = renderCalendarText(preview, plan.plan.timezone)
    expect(text).toContain('Năm 2025  [nam 2025-Y]  hạn trước ngày 05/12/2025\n  số liệu')
    expect(text).toContain('  hạn trước khi bắt đầu theo dõi kế hoạch: không nhắc, không tổng hợp')
    expect(preview.periods.find((p) => p.schedule === 'quy' && p.key === '2025-Q4')).toMatchObject({ combinedWith: '2025-Y', history: true, reminders: [] })
    // The standing office's own compiled report (due 10/12) comes after tracking started: still reminded.
    expect(preview.periods.find((p) => p.schedule === 'th-quy')!.reminders.length).toBeGreaterThan(0)
  })

  it('the same request tracked (tracking from the day before its deadline) keeps its reminders', () => {
    const preview = buildCalendarPreview(plan, { from: '2025-11-01', to: '2025-12-31', trackingFrom: new Date('2025-12-03T17:00:00Z') })
    const year = preview.periods.find((p) => p.key === '2025-Y')!
    expect(year.history).toBeUndefined()
    // The last "before" reminder falls on the working day before the deadline, Thursday 04/12 08:00.
    expect(year.reminders.filter((r) => r.kind === 'before').at(-1)).toEqual({ at: '2025-12-04T08:00:00+07:00', kind: 'before' })
  })
})
