import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createHarness } from '../support/engine-harness.js'
import { miniPlan } from '../support/mini-plan.js'
import { createTestDatabase, testDatabaseKind } from '../support/test-database.js'
import type { DatabaseHandle } from '../../src/storage/connection.js'

// Tuesday 2 December 2025, 09:00 in Vietnam: Q4/2025 and the 2025 annual report are open, due 05/12.
const NOW = new Date('2025-12-02T02:00:00Z')

describe(`report conversation on ${testDatabaseKind}`, () => {
  let t: DatabaseHandle
  beforeEach(async () => {
    t = await createTestDatabase()
  })
  afterEach(async () => t.close())

  it('enrols by code and runs a whole report with bad inputs, edit from review, submit and receipt', async () => {
    const h = await createHarness(t, miniPlan(), NOW)
    expect(await h.say('kt1', 'xin chào')).toMatch(/chưa được liên kết/)
    const code = await h.invite('KT')
    expect(await h.say('kt1', `/start ${code}`)).toMatch(/Đã liên kết anh\/chị với Phòng Kinh tế/)
    expect(await h.say('kt2', `/start ${code}`)).toMatch(/đã được sử dụng/)

    const opening = await h.say('kt1', '/baocao')
    expect(opening).toContain('📋 Báo cáo Năm 2025 (gồm Quý IV/2025): hạn trước ngày 05/12/2025 (còn 3 ngày làm việc).')
    expect(opening).toContain('Phòng Kinh tế cần báo cáo 5 mục: 1 chỉ tiêu, 1 nhiệm vụ và 3 mục nhận xét (kết quả, khó khăn, đề xuất). Anh/chị đã nhập 0/5 mục.')

    const q1 = await h.press('kt1', 'Báo cáo ngay')
    expect(q1).toContain('Chỉ tiêu 1/1: Số doanh nghiệp khởi nghiệp sáng tạo')
    expect(q1).toContain('Mục tiêu đến hết năm 2025: 01 đến 02.')
    for (const [bad, answer] of [
      ['abc', /chưa đọc được số/],
      ['12,5,3', /chưa đọc được số/],
      ['-5', /không được âm/],
      ['1.234,5', /cần số nguyên/],
      ['😀', /chưa hiểu biểu tượng/],
      ['x'.repeat(5000), /chưa đọc được số/],
      ['/xoa', /chưa dùng được khi đang trả lời/],
      ['/tiendo', /Năm 2025 \(gồm Quý IV\/2025\) \(hạn trước ngày 05\/12\/2025\): chưa bắt đầu, còn 3 ngày làm việc/],
    ] as const) {
      const reply = await h.say('kt1', bad)
      expect(reply).toMatch(answer)
      expect(reply).toContain('Chỉ tiêu 1/1')
    }
    const afterValue = await h.say('kt1', '2')
    expect(afterValue).toContain('Đã ghi: 2 doanh nghiệp ✅ đạt mục tiêu 2025.')
    expect(afterValue).toContain('Nhiệm vụ 1/1: Tham mưu bố trí kinh phí thực hiện Kế hoạch (hạn: Thường xuyên)')
    expect(await h.press('kt1', 'Đang thực hiện')).toContain('Tiến độ hiện nay')
    expect(await h.say('kt1', 'Đã trình dự toán 2026')).toContain('Kết quả nổi bật trong kỳ')
    expect(await h.say('kt1', 'Hỗ trợ 2 doanh nghiệp đăng ký')).toContain('Khó khăn, vướng mắc')
    expect(await h.say('kt1', 'Chưa có hướng dẫn định mức chi')).toContain('Đề xuất, kiến nghị')
    const review = await h.say('kt1', 'không')
    expect(review).toContain('Rà soát báo cáo Năm 2025 (gồm Quý IV/2025): Phòng Kinh tế')
    expect(review).toContain('1. Số doanh nghiệp khởi nghiệp sáng tạo: 2 doanh nghiệp')
    expect(review).toContain('2. Tham mưu bố trí kinh phí thực hiện Kế hoạch: Đang thực hiện (Đã trình dự toán 2026)')
    expect(review).toContain('5. Đề xuất, kiến nghị: (không)')

    expect(await h.say('kt1', 'sửa 1')).toContain('Chỉ tiêu 1/1')
    expect(await h.say('kt1', '3')).toContain('1. Số doanh nghiệp khởi nghiệp sáng tạo: 3 doanh nghiệp')
    const receipt = await h.press('kt1', 'Gửi báo cáo')
    expect(receipt).toContain('✅ Đã nhận báo cáo Năm 2025 (gồm Quý IV/2025) của Phòng Kinh tế lúc 09:00 ngày 02/12/2025 (đúng hạn).')
    expect(receipt).toContain('đến hết ngày 09/12/2025')

    const subs = await t.db.selectFrom('submissions as s').innerJoin('periods as p', 'p.id', 's.period_id').select(['p.key', 's.status', 's.submitted_channel']).orderBy('p.key').execute()
    expect(subs).toEqual([
      { key: '2025-Q4', status: 'submitted', submitted_channel: 'telegram' },
      { key: '2025-Y', status: 'submitted', submitted_channel: 'telegram' },
    ])
    const history = await t.db.selectFrom('answer_history').select(['item_kind', 'old_value', 'new_value', 'channel']).where('item_kind', '=', 'indicator').orderBy('id').execute()
    expect(history.map((r) => [r.old_value, r.new_value])).toEqual([
      [null, { num: 2 }],
      [null, { num: 2 }],
      [{ num: 2, skipped: false }, { num: 3 }],
      [{ num: 2, skipped: false }, { num: 3 }],
    ])
  })

  it('asks to confirm a surprising value, takes a note, and keeps "same as last period"', async () => {
    const h = await createHarness(t, miniPlan(), new Date('2025-09-01T02:00:00Z'))
    await h.say('kt', `/start ${await h.invite('KT')}`)
    await h.say('kt', '/baocao')
    await h.press('kt', 'Báo cáo ngay')
    await h.say('kt', '2')
    await h.press('kt', 'Chưa thực hiện')
    for (let i = 0; i < 3; i++) await h.press('kt', 'Không có')
    expect(await h.press('kt', 'Gửi báo cáo')).toContain('Quý III/2025')

    h.setNow(NOW)
    await h.services.syncPeriods(NOW)
    await h.say('kt', '/baocao')
    const q = await h.press('kt', 'Báo cáo ngay')
    expect(q).toContain('Kỳ trước (Quý III/2025): 2 doanh nghiệp.')
    expect(await h.say('kt', '40')).toContain('Kỳ trước là 2 doanh nghiệp, kỳ này 40 doanh nghiệp: chênh lệch lớn. Anh/chị xác nhận số liệu?')
    expect(await h.press('kt', 'Đúng, giữ 40')).toContain('ghi ngắn lý do')
    expect(await h.say('kt', 'Tính cả hộ kinh doanh mới đăng ký')).toContain('Đã ghi chú.')
    await h.press('kt', 'Quay lại')
    expect(await h.press('kt', 'Giữ như kỳ trước')).toContain('Đã ghi: 2 doanh nghiệp')
    const v = await t.db.selectFrom('indicator_values').select(['value_num', 'note']).orderBy('id', 'desc').executeTakeFirstOrThrow()
    expect(v).toEqual({ value_num: 2, note: null })
  })

  it('answers a redelivered update with the question now on screen (nothing stored), re-shows the question for a stale button, and answers media politely', async () => {
    const h = await createHarness(t, miniPlan(), NOW)
    await h.say('kt', `/start ${await h.invite('KT')}`)
    await h.say('kt', '/baocao')
    const opening = h.lastReply('kt')!
    await h.press('kt', 'Báo cáo ngay')
    const first = await h.raw('kt', { updateId: 'dup-1', text: '2' })
    expect(first[0]!.text).toContain('Đã ghi: 2')
    const stored = await t.db.selectFrom('answer_history').select('id').execute()
    const dialog = await t.db.selectFrom('conversations').select(['state', 'version']).execute()
    // The reply to dup-1 was lost (process died after commit): the platform delivers dup-1 again.
    const again = await h.raw('kt', { updateId: 'dup-1', text: '2' })
    expect(again).toHaveLength(1)
    expect(again[0]!.text).not.toContain('Đã ghi')
    expect(again[0]!.text).toMatch(/^Nhiệm vụ 1\/1: Tham mưu bố trí kinh phí/)
    expect(again[0]!.token).toBe(first[0]!.token)
    expect(again[0]!.choices).toEqual(first[0]!.choices)
    expect(await t.db.selectFrom('answer_history').select('id').execute()).toEqual(stored)
    expect(await t.db.selectFrom('conversations').select(['state', 'version']).execute()).toEqual(dialog)

    const stale = await h.raw('kt', { choice: { token: opening.token!, id: 'go' } })
    expect(stale[0]!.text).toMatch(/^Nút này thuộc câu hỏi cũ/)
    expect(stale[0]!.text).toContain('Nhiệm vụ 1/1')
    const sticker = await h.raw('kt', { media: 'sticker' })
    expect(sticker[0]!.text).toContain('chỉ đọc được tin nhắn chữ')
    expect(sticker[0]!.text).toContain('Nhiệm vụ 1/1')
  })

  it('continues after a restart at the same question with earlier answers kept, also from another app', async () => {
    const h = await createHarness(t, miniPlan(), NOW)
    await h.say('kt', `/start ${await h.invite('KT')}`)
    await h.say('kt', '/baocao')
    await h.press('kt', 'Báo cáo ngay')
    await h.say('kt', '2')
    // A fresh engine on the same database (a restarted process) continues at the task question.
    const restarted = await createHarness(t, miniPlan(), NOW)
    expect(await restarted.say('kt', 'tiếp tục')).toContain('Nhiệm vụ 1/1')
    expect(await restarted.say('kt', 'hoàn thành')).toContain('Kết quả, sản phẩm')
    // The same unit on Zalo picks up at the first unanswered item.
    await restarted.say('zl', `/start ${await restarted.invite('KT')}`, 'zalo')
    const zalo = await restarted.say('zl', 'báo cáo', 'zalo')
    expect(zalo).toContain('Anh/chị đã nhập 1/5 mục.')
    expect(await restarted.press('zl', 'Báo cáo ngay', 'zalo')).toContain('Nhiệm vụ 1/1')
  })

  it('keeps units apart: a village sees only its own items; answers for an external unit go to its monitor', async () => {
    const h = await createHarness(t, miniPlan(), NOW)
    await h.say('th', `/start ${await h.invite('THON-01')}`)
    await h.say('th', '/baocao')
    const q = await h.press('th', 'Báo cáo ngay')
    expect(q).toContain('Chỉ tiêu 1/1: Thôn có tổ công nghệ số cộng đồng')
    expect(q).not.toContain('doanh nghiệp')
    expect(await h.press('th', 'Có')).toContain('Đã ghi: Có ✅ đạt mục tiêu 2025.')

    await h.say('vh', `/start ${await h.invite('VHXH')}`)
    await h.say('vh', '/baocao')
    const vh = await h.press('vh', 'Báo cáo ngay')
    expect(vh).toContain('Tỷ lệ phủ sóng 5G (thay Doanh nghiệp viễn thông)')
    expect(await h.say('vh', '150')).toContain('Tỷ lệ phải từ 0 đến 100%')
    expect(await h.say('vh', '72,5')).toContain('Đã ghi: 72,5% ✅ đạt mục tiêu 2025.')
    const values = await t.db.selectFrom('indicator_values as v').innerJoin('units as u', 'u.id', 'v.about_unit_id').select(['u.code', 'v.value_num', 'v.value_bool']).orderBy('u.code').execute()
    expect(values.filter((v) => v.code === 'DN-VT').map((v) => v.value_num)).toEqual([72.5, 72.5])
    expect(values.filter((v) => v.code === 'THON-01').map((v) => v.value_bool)).toEqual([true, true])
  })

  it('tells the standing office when a unit submits, through the outbox', async () => {
    const h = await createHarness(t, miniPlan(), NOW)
    await h.say('vh', `/start ${await h.invite('VHXH')}`)
    await h.say('th', `/start ${await h.invite('THON-02')}`)
    await h.say('th', '/baocao')
    await h.press('th', 'Báo cáo ngay')
    await h.press('th', 'Không')
    await h.press('th', 'Hoàn thành')
    await h.say('th', 'bỏ qua')
    for (let i = 0; i < 3; i++) await h.say('th', 'không')
    await h.say('th', 'gửi')
    const notices = await t.db.selectFrom('outbox').select(['kind', 'chat_id', 'payload']).execute()
    expect(notices).toEqual([{ kind: 'notice', chat_id: 'vh', payload: { text: '📥 Thôn 2 đã gửi báo cáo Năm 2025 (gồm Quý IV/2025) lúc 09:00 ngày 02/12/2025.' } }])
  })
})
