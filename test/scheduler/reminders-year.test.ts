import { writeDigest } from '../../src/reports/digest.js'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { buildCalendarPreview } from '../../src/domain/calendar/calendar-preview.js'
import { createReminderScheduler } from '../../src/scheduler/reminder-scheduler.js'
import { createLogger } from '../../src/logger.js'
import type { DatabaseHandle } from '../../src/storage/connection.js'
import { createHarness } from '../support/engine-harness.js'
import { samplePlan } from '../support/mini-plan.js'
import { createTestDatabase, testDatabaseKind } from '../support/test-database.js'

describe(`reminders and digests across an Ea Wy year (${testDatabaseKind})`, () => {
  let t: DatabaseHandle
  beforeEach(async () => {
    t = await createTestDatabase()
  })
  afterEach(async () => t.close())

  it('sends exactly the calendar\'s reminders, once each, only to units that have not submitted', async () => {
    const plan = samplePlan('ea-wy')
    const start = new Date('2025-07-01T01:00:00Z')
    const h = await createHarness(t, plan, start)
    await h.say('kt', `/start ${await h.invite('KT')}`)
    await h.say('th', `/start ${await h.invite('THON-01')}`)
    await h.say('lead', await h.leaderInvite(), 'zalo')
    const scheduler = createReminderScheduler({ db: t.db, log: createLogger('silent'), plans: h.services.plans, digests: writeDigest })
    // A second service instance ticking at the same moments.
    const other = createReminderScheduler({ db: t.db, log: createLogger('silent'), plans: h.services.plans, digests: writeDigest })

    const preview = buildCalendarPreview(plan, { from: '2025-07-01', to: '2026-06-30', unit: 'KT' })
    const expectedKt = preview.periods.flatMap((p) => p.reminders.map((r) => new Date(r.at).toISOString()))
    const digestTimes = preview.periods.flatMap((p) => p.digests.map((d) => new Date(d.at).toISOString()))
    const villagePreview = buildCalendarPreview(plan, { from: '2025-07-01', to: '2026-06-30', unit: 'THON-01' })
    const villageTimes = villagePreview.periods.flatMap((p) => p.reminders.map((r) => new Date(r.at).toISOString()))
    const ticks = [...new Set([...expectedKt, ...villageTimes, ...digestTimes])].sort()

    // KT submits its Q3/2025 report on Thursday 28 August, before the 3-working-day reminder.
    const ktSubmits = new Date('2025-08-28T03:00:00Z')
    let submitted = false
    for (const iso of ticks) {
      const at = new Date(iso)
      if (!submitted && at > ktSubmits) {
        h.setNow(ktSubmits)
        await h.services.syncPeriods(ktSubmits)
        await h.say('kt', '/baocao')
        await h.press('kt', 'Báo cáo ngay')
        for (let i = 0; i < 40 && !(h.lastReply('kt')?.text.startsWith('Rà soát')); i++) {
          const r = h.lastReply('kt')!
          if (r.text.includes('Tình trạng')) await h.press('kt', 'Đang thực hiện')
          else if (r.choices?.some((c) => c.id === 'none')) await h.press('kt', 'Không có')
          else if (r.text.includes('Tiến độ')) await h.say('kt', 'bỏ qua')
          else await h.press('kt', 'Bỏ qua')
        }
        expect(await h.press('kt', 'Gửi báo cáo')).toContain('Quý III/2025')
        submitted = true
      }
      h.setNow(at)
      await h.services.syncPeriods(at)
      await Promise.all([scheduler.tick(at), other.tick(at)])
      // A second tick a minute later (or another instance) adds nothing.
      await scheduler.tick(new Date(at.getTime() + 60_000))
    }

    const rows = await t.db.selectFrom('outbox').select(['kind', 'chat_id', 'dedupe_key', 'payload']).orderBy('id').execute()
    const instantOf = (key: string) => /\d{4}-\d\d-\d\dT[\d:.]+Z/.exec(key)?.[0] ?? ''
    const kt = rows.filter((r) => r.kind === 'reminder' && r.chat_id === 'kt').map((r) => instantOf(r.dedupe_key))
    const q3Times = preview.periods.find((p) => p.key === '2025-Q3')!.reminders.map((r) => new Date(r.at).toISOString())
    const expectedAfterSubmit = expectedKt.filter((iso) => !q3Times.includes(iso) || new Date(iso) < ktSubmits)
    expect(kt).toEqual(expectedAfterSubmit)
    expect(new Set(kt).size).toBe(kt.length)
    expect(kt).toContain('2025-08-25T01:00:00.000Z') // the 7-working-day reminder came before KT submitted
    expect(kt).not.toContain('2025-08-29T01:00:00.000Z') // none after it submitted
    const village = rows.filter((r) => r.kind === 'reminder' && r.chat_id === 'th').map((r) => instantOf(r.dedupe_key))
    expect(village).toEqual(villageTimes)
    // Overdue nudges and the escalation land on the right days for the village that never reported.
    const texts = rows.filter((r) => r.chat_id === 'th').map((r) => (r.payload as { text: string }).text)
    expect(texts.some((x) => x.startsWith('⚠️ Báo cáo Quý III/2025 của Thôn/buôn 01 đã quá hạn 1 ngày làm việc'))).toBe(true)
    const escalations = rows.filter((r) => r.kind === 'escalation')
    expect(escalations.length).toBe(0) // nobody of VHXH is enrolled to receive them in this test
    // Digests reach the leader before and after each deadline.
    const digests = rows.filter((r) => r.kind === 'digest').map((r) => (r.payload as { text: string }).text)
    expect(digests.some((d) => d.startsWith('📊 Tiến độ báo cáo Quý III/2025 (hạn trước ngày 05/09/2025): 1/54 đơn vị đã gửi'))).toBe(true)
    expect(digests.some((d) => d.startsWith('📊 Báo cáo Quý III/2025 (hạn trước ngày 05/09/2025): 1/54 đơn vị đã nộp (1%), 1 đúng hạn, 0 nộp muộn.'))).toBe(true)
    expect(digests.some((d) => d.startsWith('📊 Báo cáo Năm 2025 (gồm Quý IV/2025)'))).toBe(true)
    // The escalation also names the late units to the leaders.
    const late = digests.find((d) => d.startsWith('⚠️ Báo cáo Quý III/2025: 53 đơn vị đã quá hạn 4 ngày làm việc mà chưa gửi:'))
    expect(late).toContain('Thôn/buôn 01')
    expect(late).not.toContain('Phòng Kinh tế')
    // Nothing during Tết 2026 or on a weekend.
    const local = rows.map((r) => instantOf(r.dedupe_key)).filter(Boolean).map((iso) => new Date(new Date(iso).getTime() + 7 * 3600_000))
    expect(local.filter((d) => d.getUTCDay() === 0 || d.getUTCDay() === 6)).toEqual([])
    expect(local.filter((d) => d >= new Date('2026-02-16') && d < new Date('2026-02-21'))).toEqual([])
  }, 120_000)
})
