import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { DatabaseHandle } from '../../src/storage/connection.js'
import { createHarness } from '../support/engine-harness.js'
import { miniPlan } from '../support/mini-plan.js'
import { createTestDatabase, testDatabaseKind } from '../support/test-database.js'

describe(`snooze and away (${testDatabaseKind})`, () => {
  let t: DatabaseHandle
  beforeEach(async () => {
    t = await createTestDatabase()
  })
  afterEach(async () => t.close())

  it('a contact snoozes until the next working morning, or marks the unit away and the standing office is told', async () => {
    const h = await createHarness(t, miniPlan(), new Date('2025-12-05T02:00:00Z')) // Friday
    await h.say('vh', `/start ${await h.invite('VHXH')}`)
    await h.say('kt', `/start ${await h.invite('KT')}`)
    expect(await h.say('kt', 'nhắc lại ngày mai')).toContain('08:00 ngày 08/12/2025')
    const snoozed = await t.db.selectFrom('contacts').select('snoozed_until').where('chat_id', '=', 'kt').executeTakeFirstOrThrow()
    expect(snoozed.snoozed_until?.toISOString()).toBe('2025-12-08T01:00:00.000Z')
    expect(await h.say('kt', 'vắng đến 31/2')).toContain('vắng đến 15/12')
    expect(await h.say('kt', 'Vắng đến 15/12')).toContain('Đã ghi: Phòng Kinh tế vắng đến hết ngày 15/12/2025; Trợ lý Đôn đốc tạm dừng nhắc đến khi đó. Phòng Văn hóa – Xã hội đã được báo.')
    expect(await t.db.selectFrom('units').select('away_until').where('code', '=', 'KT').executeTakeFirstOrThrow()).toEqual({ away_until: '2025-12-15' })
    const notice = await t.db.selectFrom('outbox').select(['chat_id', 'payload']).where('kind', '=', 'notice').execute()
    expect(notice).toEqual([{ chat_id: 'vh', payload: { text: '🏖 Phòng Kinh tế báo vắng đến hết ngày 15/12/2025 (Người dùng kt); Trợ lý Đôn đốc tạm dừng nhắc đơn vị này.' } }])
  })
})
