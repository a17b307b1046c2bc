import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { renderTextOnly } from '../../src/channels/text-only.js'
import { createLogger } from '../../src/logger.js'
import { createReminderScheduler } from '../../src/scheduler/reminder-scheduler.js'
import type { DatabaseHandle } from '../../src/storage/connection.js'
import { createHarness } from '../support/engine-harness.js'
import { miniPlan } from '../support/mini-plan.js'
import { createTestDatabase, testDatabaseKind } from '../support/test-database.js'

/**
 * What unit heads see (issue 10, items 8 and 10–16), driven through the real
 * engine. The mini plan's Q4/2025 and 2025 reports are one request due before
 * Friday 05/12/2025; reminders at 08:00, quiet hours 21:00–07:00.
 */
// Tuesday 2 December 2025, 09:00 in Vietnam.
const NOW = new Date('2025-12-02T02:00:00Z')

describe(`what unit heads see (${testDatabaseKind})`, () => {
  let t: DatabaseHandle
  beforeEach(async () => {
    t = await createTestDatabase()
  })
  afterEach(async () => t.close())

  async function kt() {
    const h = await createHarness(t, miniPlan(), NOW)
    await h.say('kt', `/start ${await h.invite('KT')}`)
    return h
  }

  it('item 8: /nhac in quiet hours or on a day off is queued for the next working morning, and the leader is told when', async () => {
    const h = await kt()
    const group = { chatType: 'group' as const, chatId: '-77', chatTitle: 'Lãnh đạo xã' }
    await h.raw('chairman', { ...group, text: `/start ${await h.leaderInvite()}` })
    // Tuesday 02/12/2025 00:10 local: the reminder goes at 08:00 the same morning.
    h.setNow(new Date('2025-12-01T17:10:00Z'))
    expect((await h.raw('chairman', { ...group, text: '/nhac KT' }))[0]!.text).toBe(
      'Đã xếp 1 tin nhắc tới các đơn vị chưa nộp. Tin nhắc sẽ được gửi lúc 08:00 thứ Ba 02/12/2025.',
    )
    // Friday 05/12/2025 22:30 local: Saturday and Sunday are skipped, Monday 08/12 08:00.
    h.setNow(new Date('2025-12-05T15:30:00Z'))
    expect((await h.raw('chairman', { ...group, text: '/nhac KT' }))[0]!.text).toBe(
      'Đã xếp 1 tin nhắc tới các đơn vị chưa nộp. Tin nhắc sẽ được gửi lúc 08:00 thứ Hai 08/12/2025.',
    )
    const rows = await t.db.selectFrom('outbox').select(['chat_id', 'run_after']).where('kind', '=', 'reminder').orderBy('id').execute()
    expect(rows.map((r) => [r.chat_id, new Date(r.run_after).toISOString()])).toEqual([
      ['kt', '2025-12-02T01:00:00.000Z'],
      ['kt', '2025-12-08T01:00:00.000Z'],
    ])
  })

  it('items 10 and 11: the opening counts every item it asks for; a section title is said once', async () => {
    const h = await kt()
    const opening = await h.say('kt', '/baocao')
    expect(opening).toContain('Phòng Kinh tế cần báo cáo 5 mục: 1 chỉ tiêu, 1 nhiệm vụ và 3 mục nhận xét (kết quả, khó khăn, đề xuất). Anh/chị đã nhập 0/5 mục.')
    await h.press('kt', 'Báo cáo ngay')
    await h.say('kt', '2')
    const section = await h.press('kt', 'Chưa thực hiện')
    expect(section).toContain('Kết quả nổi bật trong kỳ (gõ "không" nếu không có):')
    expect(section).not.toContain('trong kỳ trong kỳ')
    expect(await h.say('kt', 'Hỗ trợ 2 doanh nghiệp')).toContain('Khó khăn, vướng mắc trong kỳ (gõ "không" nếu không có):')
    expect(await h.say('kt', 'không')).toContain('Đề xuất, kiến nghị (gõ "không" nếu không có):')
  })

  it('item 12: a free-text question on Zalo offers no numbered menu, and a bare number is confirmed before it is stored', async () => {
    const h = await createHarness(t, miniPlan(), NOW)
    await h.say('zl', `/start ${await h.invite('KT')}`, 'zalo')
    await h.say('zl', '/baocao', 'zalo')
    await h.say('zl', '1', 'zalo')
    await h.say('zl', '2', 'zalo') // 2 doanh nghiệp
    expect(await h.say('zl', 'đang thực hiện', 'zalo')).toContain('Tiến độ hiện nay, ghi ngắn (gõ "bỏ qua" nếu không có):')
    const shown = renderTextOnly(h.lastReply('zl', 'zalo')!)
    expect(shown).toBe('Tiến độ hiện nay, ghi ngắn (gõ "bỏ qua" nếu không có):')

    // A stray "2" is not stored as the progress note.
    expect(await h.say('zl', '2', 'zalo')).toContain('Anh/chị muốn ghi "2" làm nội dung mục này?')
    const tasks = () => t.db.selectFrom('task_progress').select(['status', 'detail']).execute()
    expect(await tasks()).toEqual([])
    // Typing the real note instead is taken as the answer.
    expect(await h.say('zl', 'Đã trình dự toán', 'zalo')).toContain('Kết quả nổi bật trong kỳ')
    expect((await tasks()).map((r) => r.detail)).toEqual(['Đã trình dự toán', 'Đã trình dự toán'])

    // A bare "1" to a section question is not "the first option" either; confirmed, it is stored as typed.
    expect(await h.say('zl', '1', 'zalo')).toContain('Anh/chị muốn ghi "1" làm nội dung mục này?')
    expect(await h.say('zl', 'đúng', 'zalo')).toContain('Khó khăn, vướng mắc trong kỳ')
    const sections = await t.db.selectFrom('submission_sections').select(['section', 'body']).execute()
    expect(new Set(sections.map((r) => `${r.section}:${r.body}`))).toEqual(new Set(['results:1']))
  })

  it('item 13: on Zalo the review numbers only its items; "1" opens item 1, only "gửi" submits', async () => {
    const h = await createHarness(t, miniPlan(), NOW)
    await h.say('zl', `/start ${await h.invite('KT')}`, 'zalo')
    await h.say('zl', '/baocao', 'zalo')
    await h.say('zl', '1', 'zalo')
    await h.say('zl', '2', 'zalo')
    await h.say('zl', 'chưa thực hiện', 'zalo')
    for (let i = 0; i < 3; i++) await h.say('zl', 'không', 'zalo')
    const review = renderTextOnly(h.lastReply('zl', 'zalo')!)
    expect(review).toContain('1. Số doanh nghiệp khởi nghiệp sáng tạo: 2 doanh nghiệp')
    expect(review).toContain('Gõ "sửa 2" (hoặc số mục) để sửa một mục; gõ "gửi" để gửi báo cáo.')
    expect(review).not.toMatch(/^1\. Gửi báo cáo$/m)
    expect(review).not.toContain('Trả lời 1')

    expect(await h.say('zl', '1', 'zalo')).toContain('Chỉ tiêu 1/1')
    const statuses = () => t.db.selectFrom('submissions').select('status').execute()
    expect((await statuses()).map((s) => s.status)).toEqual(['draft', 'draft'])
    expect(await h.say('zl', 'giữ nguyên', 'zalo')).toContain('Rà soát báo cáo')
    expect(await h.say('zl', 'gửi', 'zalo')).toContain('✅ Đã nhận báo cáo')
    expect((await statuses()).map((s) => s.status)).toEqual(['submitted', 'submitted'])
  })

  it('item 14: "quay lại" shows the value already entered and keeps it on "giữ nguyên"', async () => {
    const h = await kt()
    await h.say('kt', '/baocao')
    await h.press('kt', 'Báo cáo ngay')
    await h.say('kt', '2')
    const back = await h.say('kt', 'quay lại')
    expect(back).toContain('Chỉ tiêu 1/1')
    expect(back).toContain('Đã nhập: 2 doanh nghiệp. Gõ "giữ nguyên" để giữ, hoặc nhập giá trị mới.')
    expect(h.lastReply('kt')!.choices!.map((c) => c.label)).toContain('Giữ nguyên (2 doanh nghiệp)')
    const history = () => t.db.selectFrom('answer_history').select('id').where('item_kind', '=', 'indicator').execute()
    const before = (await history()).length
    expect(await h.say('kt', 'giữ nguyên')).toContain('Nhiệm vụ 1/1')
    expect((await history()).length).toBe(before)
    // The task, too: its stored status and how to keep it.
    await h.press('kt', 'Chưa thực hiện')
    expect(await h.say('kt', 'quay lại')).toContain('Đã nhập: Chưa thực hiện. Gõ "giữ nguyên"')
  })

  it('item 15: the conversation says how late a report is in working days, as reminders do', async () => {
    const h = await kt()
    // Wednesday 10/12/2025: the deadline day Friday 05/12 is day 1, then Monday 08, Tuesday 09, Wednesday 10 (not 6 calendar days).
    h.setNow(new Date('2025-12-10T02:00:00Z'))
    expect(await h.say('kt', '/baocao')).toContain('(đã quá hạn 4 ngày làm việc)')
  })

  it('item 16: reminders speak for the committee and name the standing office; unit lists use ";"; the bot is "Trợ lý Đôn đốc"', async () => {
    const h = await kt()
    await h.say('th', `/start ${await h.invite('THON-01')}`)
    await h.raw('chairman', { chatType: 'group', chatId: '-77', chatTitle: 'Lãnh đạo xã', text: `/start ${await h.leaderInvite()}` })
    expect(await h.say('kt', 'xin chào')).toBe('Trợ lý Đôn đốc chưa hiểu ý anh/chị. Gõ /baocao để báo cáo hoặc /huongdan để xem hướng dẫn.')

    const scheduler = createReminderScheduler({ db: t.db, log: createLogger('silent'), plans: h.services.plans, digests: async () => [] })
    // Friday 05/12/2025 08:00: first working day late.
    await scheduler.tick(new Date('2025-12-05T01:00:00Z'))
    // Wednesday 10/12/2025 08:00: escalation.
    await scheduler.tick(new Date('2025-12-10T01:00:00Z'))
    const texts = (await t.db.selectFrom('outbox').select(['kind', 'chat_id', 'payload']).orderBy('id').execute()).map((r) => [r.kind, r.chat_id, (r.payload as { text: string }).text])
    const overdue = texts.find(([kind, chat, text]) => kind === 'reminder' && chat === 'kt' && text!.includes('1 ngày làm việc'))
    expect(overdue?.[2]).toBe(
      '⚠️ Báo cáo Năm 2025 (gồm Quý IV/2025) của Phòng Kinh tế đã quá hạn 1 ngày làm việc (hạn trước ngày 05/12/2025).\nĐề nghị đồng chí khẩn trương gửi báo cáo để Phòng Văn hóa – Xã hội kịp tổng hợp.',
    )
    expect(texts.some(([, , text]) => text!.includes('Văn phòng'))).toBe(false)
    const list = texts.find(([kind, chat]) => kind === 'digest' && chat === '-77')?.[2]
    expect(list).toMatch(/^⚠️ Báo cáo Năm 2025 \(gồm Quý IV\/2025\): 4 đơn vị đã quá hạn 4 ngày làm việc mà chưa gửi: /)
    expect(list!.split(': ').at(-1)!.replace(/\.$/, '').split('; ').sort()).toEqual(['Phòng Kinh tế', 'Phòng Văn hóa – Xã hội', 'Thôn 1', 'Thôn 2'])
  })
})
