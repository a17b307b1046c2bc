import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { DatabaseHandle } from '../../src/storage/connection.js'
import { createHarness } from '../support/engine-harness.js'
import { miniPlan } from '../support/mini-plan.js'
import { createTestDatabase, testDatabaseKind } from '../support/test-database.js'

const NOW = new Date('2025-12-02T02:00:00Z')

describe(`leader commands (${testDatabaseKind})`, () => {
  let t: DatabaseHandle
  beforeEach(async () => {
    t = await createTestDatabase()
  })
  afterEach(async () => t.close())

  it('answer in a registered leaders\' group and privately to a leader; unit heads are refused', async () => {
    const h = await createHarness(t, miniPlan(), NOW)
    const group = { chatType: 'group' as const, chatId: '-77', chatTitle: 'Lãnh đạo xã' }
    expect((await h.raw('chairman', { ...group, text: '/chuanop' }))[0]!.text).toContain('dành cho lãnh đạo')
    await h.raw('chairman', { ...group, text: `/start ${await h.leaderInvite()}` })
    await h.say('kt', `/start ${await h.invite('KT')}`)
    await h.say('th', `/start ${await h.invite('THON-01')}`)
    await h.say('kt', '/baocao')
    await h.press('kt', 'Báo cáo ngay')
    await h.say('kt', '2')
    await h.press('kt', 'Hoàn thành')
    await h.say('kt', 'bỏ qua')
    await h.say('kt', 'Hỗ trợ 2 doanh nghiệp')
    await h.say('kt', 'Thiếu kinh phí')
    await h.say('kt', 'không')
    await h.say('kt', 'gửi')

    const missing = (await h.raw('chairman', { ...group, text: '/chuanop' }))[0]!.text
    // The year and its fourth quarter are one request: each unit is listed once.
    expect(missing).toContain('📋 Năm 2025 (gồm Quý IV/2025) (hạn trước ngày 05/12/2025): 3/4 đơn vị chưa nộp.')
    expect(missing.match(/• Thôn 1/g)).toHaveLength(1)
    expect(missing).toContain('• Thôn 1')
    expect(missing).not.toContain('Phòng Kinh tế')
    const summary = (await h.raw('chairman', { ...group, text: '/tonghop 2025-Q4' })).map((r) => r.text).join('\n')
    expect(summary).toContain('📊 Báo cáo Năm 2025 (gồm Quý IV/2025) (hạn trước ngày 05/12/2025): 1/4 đơn vị đã nộp (25%), 1 đúng hạn, 0 nộp muộn.')
    expect(summary).toContain('Đang xem: Năm 2025 (gồm Quý IV/2025).')
    expect(summary).toContain('• CT02 Số doanh nghiệp khởi nghiệp sáng tạo: 2 doanh nghiệp (chỉ Phòng Kinh tế báo cáo) ✅ đạt mục tiêu đến năm 2025 (01 đến 02)')
    expect(summary).toContain('• Phòng Kinh tế: Thiếu kinh phí')
    expect(summary).toContain('• NV02 Xây dựng kế hoạch chi tiết (hạn trước ngày 31/7/2025): chưa hoàn thành ở Thôn 1; Thôn 2')
    const indicator = (await h.raw('chairman', { ...group, text: '/chitieu ct02' }))[0]!.text
    expect(indicator).toContain('📈 CT02 Số doanh nghiệp khởi nghiệp sáng tạo')
    expect(indicator).toContain('• Phòng Kinh tế: 2 doanh nghiệp')
    expect((await h.raw('chairman', { ...group, text: '/nhac THON-01' }))[0]!.text).toContain('Đã xếp 1 tin nhắc')
    expect((await h.raw('chairman', { ...group, text: '/nhac THON-01' }))[0]!.text).toContain('Không có tin nhắc mới')
    const nudges = await t.db.selectFrom('outbox').select(['chat_id', 'payload']).where('kind', '=', 'reminder').execute()
    expect(nudges).toEqual([{ chat_id: 'th', payload: { text: '📋 Lãnh đạo nhắc: Thôn 1 gửi báo cáo Năm 2025 (gồm Quý IV/2025) (hạn trước ngày 05/12/2025). Gõ /baocao để báo cáo.' } }])

    expect(await h.say('kt', '/tonghop')).toContain('dành cho lãnh đạo')
    // Ten days after the deadline the missing units are flagged as escalated.
    h.setNow(new Date('2025-12-12T02:00:00Z'))
    expect((await h.raw('chairman', { ...group, text: '/chuanop' }))[0]!.text).toContain('• Thôn 1 (⚠️ quá hạn 6 ngày làm việc)')
    await h.say('boss', await h.leaderInvite(), 'zalo')
    expect(await h.say('boss', '/chuanop', 'zalo')).toContain('3/4 đơn vị chưa nộp')
  })
})
