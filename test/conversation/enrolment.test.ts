import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { DatabaseHandle } from '../../src/storage/connection.js'
import { createHarness } from '../support/engine-harness.js'
import { miniPlan } from '../support/mini-plan.js'
import { createTestDatabase, testDatabaseKind } from '../support/test-database.js'

const NOW = new Date('2025-12-02T02:00:00Z')

describe(`enrolment on ${testDatabaseKind}`, () => {
  let t: DatabaseHandle
  beforeEach(async () => {
    t = await createTestDatabase()
  })
  afterEach(async () => t.close())

  it('slows down a chat that keeps sending wrong codes, and refuses expired codes', async () => {
    const h = await createHarness(t, miniPlan(), NOW)
    for (let i = 0; i < 5; i++) expect(await h.say('x', `/start ZZZZ${i}2345`)).toContain('Mã mời không đúng')
    const code = await h.invite('KT')
    expect(await h.say('x', `/start ${code}`)).toContain('thử lại sau 15 phút')
    h.setNow(new Date(NOW.getTime() + 16 * 60_000))
    expect(await h.say('x', `/start ${code}`)).toContain('Đã liên kết')
    const old = await h.invite('KT')
    h.setNow(new Date(NOW.getTime() + 15 * 86_400_000))
    expect(await h.say('y', old)).toContain('Mã mời đã hết hạn')
  })

  it('registers a leader privately (Zalo) and refuses a unit code in a group', async () => {
    const h = await createHarness(t, miniPlan(), NOW)
    expect(await h.say('lead', await h.leaderInvite(), 'zalo')).toContain('nhận bản tổng hợp báo cáo dành cho lãnh đạo')
    const dest = await t.db.selectFrom('leader_destinations').select(['channel', 'chat_id', 'kind']).execute()
    expect(dest).toEqual([{ channel: 'zalo', chat_id: 'lead', kind: 'private' }])
    const group = await h.raw('u1', { text: `/start ${await h.invite('KT')}`, chatType: 'group', chatId: '-5' })
    expect(group[0]!.text).toContain('Trong nhóm, Trợ lý Đôn đốc chỉ nhận mã mời dành cho lãnh đạo')
    // A leader is not a reporter: /baocao gets the help text, not a report.
    expect(await h.say('lead', '/baocao', 'zalo')).toContain('Hướng dẫn sử dụng')
  })
})
