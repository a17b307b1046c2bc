import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { buildCalendarPreview } from '../../src/domain/calendar/calendar-preview.js'
import { createLogger } from '../../src/logger.js'
import { writeDigest } from '../../src/reports/digest.js'
import { createReminderScheduler } from '../../src/scheduler/reminder-scheduler.js'
import type { DatabaseHandle } from '../../src/storage/connection.js'
import { createHarness } from '../support/engine-harness.js'
import { samplePlan } from '../support/mini-plan.js'
import { createTestDatabase, testDatabaseKind } from '../support/test-database.js'

describe(`an idle scheduler tick (${testDatabaseKind})`, () => {
  let t: DatabaseHandle
  beforeEach(async () => {
    t = await createTestDatabase()
  })
  afterEach(async () => t.close())

  it('asks a fingerprint and plans in full only when an instant passed or an input changed', async () => {
    const plan = samplePlan('ea-wy')
    const preview = buildCalendarPreview(plan, { from: '2025-07-01', to: '2026-06-30', unit: 'KT' })
    const at = new Date(preview.periods.flatMap((p) => p.reminders).find((r) => new Date(r.at) > new Date('2025-07-02'))!.at)
    const h = await createHarness(t, plan, new Date(at.getTime() - 3_600_000))
    await h.say('kt', `/start ${await h.invite('KT')}`)
    let queries = 0
    const db = t.db.withPlugin({ transformQuery: (args) => (queries++, args.node), transformResult: async (args) => args.result })
    const scheduler = createReminderScheduler({ db, log: createLogger('silent'), plans: h.services.plans, digests: writeDigest })
    const minute = (n: number) => new Date(at.getTime() + n * 60_000)

    h.setNow(at)
    await h.services.syncPeriods(at)
    // At the reminder instant: KT's one contact is reminded.
    expect(await scheduler.tick(at)).toEqual({ reminders: 1, digests: 0 })

    // A minute later nothing passed and nothing changed: the plan's stamp, its periods and one fingerprint query.
    queries = 0
    expect(await scheduler.tick(minute(1))).toEqual({ reminders: 0, digests: 0 })
    expect(queries).toBe(3)

    // A second person of KT enrols: the next tick sees the fingerprint change and reminds them of the same instant.
    h.setNow(minute(2))
    await h.say('kt2', `/start ${await h.invite('KT')}`)
    expect(await scheduler.tick(minute(3))).toEqual({ reminders: 1, digests: 0 })
    queries = 0
    expect(await scheduler.tick(minute(4))).toEqual({ reminders: 0, digests: 0 })
    expect(queries).toBe(3)
  })
})
