import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Bot } from 'grammy'
import { createTelegramBot, runTelegram } from '../../src/channels/telegram/telegram-bot.js'
import { createServices } from '../../src/cli/services.js'
import { createHttpServer } from '../../src/cli/http-server.js'
import { createInvite } from '../../src/conversation/invites.js'
import { createLogger } from '../../src/logger.js'
import type { DatabaseHandle } from '../../src/storage/connection.js'
import { importPlan } from '../../src/storage/plan-import.js'
import { createFakeTelegram, type FakeTelegram } from '../fakes/telegram-bot-api.js'
import { samplePlan } from '../support/mini-plan.js'
import { createTestDatabase, testDatabaseKind } from '../support/test-database.js'

const NOW = new Date('2025-12-02T02:00:00Z') // Tuesday 2 Dec 2025, 09:00 in Vietnam
const TOKEN = '123456:TEST-token'
const log = createLogger('silent')

describe(`Telegram channel end to end (real grammY, fake Bot API, ${testDatabaseKind})`, () => {
  let t: DatabaseHandle
  let fake: FakeTelegram
  let running: { bot: Bot; stop: () => Promise<void> } | undefined
  let planId: number

  async function startBot() {
    const services = createServices({ db: t.db, config: { logLevel: 'silent' }, now: () => NOW, log })
    await services.syncPeriods(NOW)
    const bot = createTelegramBot({ token: TOKEN, apiRoot: fake.apiRoot, engine: services.engine, log, now: () => NOW })
    const polling = runTelegram(bot, { mount: () => undefined, log, pollTimeoutSeconds: 1 })
    await polling.started
    running = { bot, stop: () => polling.stop() }
  }

  beforeEach(async () => {
    t = await createTestDatabase()
    fake = createFakeTelegram()
    await fake.start()
    planId = (await importPlan(t.db, samplePlan('ea-wy'), { now: NOW })).planId
    await startBot()
  })
  afterEach(async () => {
    await running?.stop()
    await fake.close()
    await t.close()
  })

  const user = { id: 501, first_name: 'Lan' }
  async function say(text: string) {
    const before = fake.messagesTo(user.id).length
    fake.sendText(user, text)
    return (await fake.waitForMessages(user.id, before + 1)).at(-1)!
  }
  async function press(label: string) {
    const last = fake.messagesTo(user.id).at(-1)!
    const button = last.buttons.find((b) => b.text.startsWith(label))
    if (!button) throw new Error(`no button ${label} in ${JSON.stringify(last)}`)
    const before = fake.messagesTo(user.id).length
    fake.pressButton(user, button.data)
    return (await fake.waitForMessages(user.id, before + 1)).at(-1)!
  }

  it('publishes the Vietnamese command menu', () => {
    const set = fake.calls.find((c) => c.method === 'setMyCommands')
    const commands = set?.params.commands as { command: string; description: string }[]
    expect(commands.map((c) => c.command)).toEqual(['baocao', 'tiendo', 'huongdan', 'huy', 'tonghop', 'xuatbaocao', 'chuanop', 'chitieu', 'nhac'])
    expect(commands.find((c) => c.command === 'baocao')?.description).toBe('Báo cáo hoặc tiếp tục báo cáo')
    expect(commands.every((c) => c.description.length >= 3 && c.description.length <= 256)).toBe(true)
  })

  it('enrols through the deep link and runs a whole Ea Wy quarterly report for Công an xã, surviving a restart', async () => {
    const { code } = await createInvite(t.db, { planId, planCode: 'ea-wy', unitCode: 'CAX', leader: false, now: NOW })
    expect((await say(`/start ${code}`)).text).toContain('Đã liên kết anh/chị với Công an xã Ea Wy')
    const opening = await say('/baocao')
    expect(opening.text).toContain('📋 Báo cáo Năm 2025 (gồm Quý IV/2025): hạn trước ngày 05/12/2025 (còn 3 ngày làm việc).')
    expect(opening.text).toContain('Công an xã Ea Wy cần báo cáo 21 mục: 17 chỉ tiêu, 1 nhiệm vụ và 3 mục nhận xét (kết quả, khó khăn, đề xuất). Anh/chị đã nhập 0/21 mục.')
    expect(opening.buttons.map((b) => b.text)).toEqual(['Báo cáo ngay', 'Để sau'])
    expect(opening.buttons.every((b) => Buffer.byteLength(b.data) <= 64)).toBe(true)

    let m = await press('Báo cáo ngay')
    expect(m.text).toContain('Chỉ tiêu 1/17: Trung tâm an ninh mạng cấp xã')
    expect(m.buttons.map((b) => b.text)).toEqual(['Có', 'Không', 'Bỏ qua'])
    m = await press('Có')
    expect(m.text).toContain('Đã ghi: Có ✅ đạt mục tiêu 2025.')
    expect(m.text).toContain('Chỉ tiêu 2/17: Số người thực hiện công tác nghiên cứu khoa học')
    // A sticker and a photo get a polite answer and the same question.
    const beforeSticker = fake.messagesTo(user.id).length
    fake.sendSticker(user)
    m = (await fake.waitForMessages(user.id, beforeSticker + 1)).at(-1)!
    expect(m.text).toContain('chỉ đọc được tin nhắn chữ')
    expect(m.text).toContain('Chỉ tiêu 2/17')
    m = await say('6,5')
    expect(m.text).toContain('Đã ghi: 6,5 người/vạn dân ✅ đạt mục tiêu 2025.')
    expect(m.text).toContain('Chỉ tiêu 3/17: Dân số trưởng thành thường xuyên sử dụng dịch vụ số')
    expect(m.text).toContain('Mục tiêu đến hết năm 2040: 80-90%.')
    expect((await say('150%')).text).toContain('Tỷ lệ phải từ 0 đến 100%')
    m = await say('72.5%')
    expect(m.text).toContain('Đã ghi: 72,5% (chưa đạt mục tiêu 2040).')
    m = await say('2')
    expect(m.text).toContain('Đã ghi: 2 công trình')

    // The process dies mid-report; a fresh bot and engine continue at the same question.
    await running!.stop()
    running = undefined
    await startBot()
    m = await say('tiếp tục')
    expect(m.text).toContain('Chỉ tiêu 5/17')
    const percents = ['100', '100%', '80', '75,5', '100', '85', '45', '60', '70', '92', '12']
    for (const value of percents) m = await say(value)
    expect(m.text).toContain('Chỉ tiêu 16/17: Quy mô kinh tế số')
    m = await say('2,5')
    expect(m.text).toContain('Đã ghi: 2,5%')
    expect(m.text).toContain('Chỉ tiêu 17/17: Đóng góp của năng suất nhân tố tổng hợp')
    m = await say('Chưa đo được trong năm 2025')
    // The detailed-plan task of the closed one-off report is still asked until it is reported done.
    expect(m.text).toContain('Nhiệm vụ 1/1: Xây dựng Kế hoạch chi tiết')
    m = await press('Hoàn thành')
    expect(m.text).toContain('Kết quả, sản phẩm đạt được')
    m = await say('bỏ qua')
    expect(m.text).toContain('Kết quả nổi bật trong kỳ')
    await say('Hoàn thành cấp tài khoản VNeID cho 92% dân số')
    await say('Thiếu thiết bị đọc thẻ căn cước')
    m = await say('không')
    expect(m.text).toContain('Rà soát báo cáo Năm 2025 (gồm Quý IV/2025): Công an xã Ea Wy')
    expect(m.text).toContain('1. Trung tâm an ninh mạng cấp xã')
    expect(m.text).toContain(': Có')
    expect(m.text).toContain('3. Dân số trưởng thành thường xuyên sử dụng dịch vụ số')
    const receipt = await press('Gửi báo cáo')
    expect(receipt.text).toContain('✅ Đã nhận báo cáo Năm 2025 (gồm Quý IV/2025) của Công an xã Ea Wy lúc 09:00 ngày 02/12/2025 (đúng hạn).')

    const values = await t.db.selectFrom('indicator_values').select(['channel']).execute()
    expect(values).toHaveLength(17 * 2)
    expect(new Set(values.map((v) => v.channel))).toEqual(new Set(['telegram']))
  }, 60_000)

  it('changes nothing on a redelivered update (it gets the question on screen again) and re-shows the question for yesterday\'s button', async () => {
    const { code } = await createInvite(t.db, { planId, planCode: 'ea-wy', unitCode: 'CAX', leader: false, now: NOW })
    await say(`/start ${code}`)
    const opening = await say('/baocao')
    await press('Báo cáo ngay')
    await press('Có')
    const update = fake.sendText(user, '7')
    const answered = (await fake.waitForMessages(user.id, 5))[4]!
    expect(answered.text).toContain('Đã ghi')
    // As if the reply had been lost: the redelivered update shows the question now on screen, read-only.
    fake.redeliver(update)
    const shown = (await fake.waitForMessages(user.id, 6))[5]!
    expect(shown.text).toMatch(/^Chỉ tiêu 3\/17/)
    const stale = fake.pressButton(user, opening.buttons[0]!.data)
    const sent = await fake.waitForMessages(user.id, 7)
    expect(stale).toBeDefined()
    expect(sent[6]!.text).toMatch(/^Nút này thuộc câu hỏi cũ/)
    expect(sent[6]!.text).toContain('Chỉ tiêu 3/17')
    const history = await t.db.selectFrom('answer_history').select('id').execute()
    expect(history).toHaveLength(2 * 2) // CT04 and CT10, each on Q4 and the annual report: the redelivery added nothing
  }, 30_000)

  it('refuses report answers in a group and registers a leaders\' group with a leader code', async () => {
    const group = { id: -900, type: 'group' as const, title: 'Lãnh đạo xã Ea Wy' }
    fake.sendText(user, '/baocao', group)
    expect((await fake.waitForMessages(group.id, 1))[0]!.text).toContain('không gửi trong nhóm')
    const { code } = await createInvite(t.db, { planId, planCode: 'ea-wy', leader: true, now: NOW })
    fake.sendText(user, `/start@dondoc_test_bot ${code}`, group)
    expect((await fake.waitForMessages(group.id, 2))[1]!.text).toContain('Đã đăng ký nhóm "Lãnh đạo xã Ea Wy"')
    const dest = await t.db.selectFrom('leader_destinations').select(['chat_id', 'kind', 'title']).execute()
    expect(dest).toEqual([{ chat_id: '-900', kind: 'group', title: 'Lãnh đạo xã Ea Wy' }])
  }, 30_000)
})

describe(`Telegram webhook mode (${testDatabaseKind})`, () => {
  it('sets the webhook with its secret, answers 401 to a wrong secret and handles a redelivered update once', async () => {
    const t = await createTestDatabase()
    const fake = createFakeTelegram()
    await fake.start()
    const server = createHttpServer({ log, health: () => ({ ready: true }) })
    const port = await server.listen(0, '127.0.0.1')
    try {
      const planId = (await importPlan(t.db, samplePlan('ea-wy'), { now: NOW })).planId
      const services = createServices({ db: t.db, config: { logLevel: 'silent' }, now: () => NOW, log })
      const bot = createTelegramBot({ token: TOKEN, apiRoot: fake.apiRoot, engine: services.engine, log, now: () => NOW })
      await runTelegram(bot, { webhook: { url: `http://127.0.0.1:${port}/telegram/hook`, secret: 'hook_secret-1' }, mount: (p, h) => server.route(p, h), log }).started
      expect(fake.webhook).toEqual({ url: `http://127.0.0.1:${port}/telegram/hook`, secret: 'hook_secret-1' })
      const { code } = await createInvite(t.db, { planId, planCode: 'ea-wy', unitCode: 'KT', leader: false, now: NOW })
      const update = { update_id: 9001, message: { message_id: 1, date: 0, chat: { id: 31, type: 'private' }, from: { id: 31, is_bot: false, first_name: 'B' }, text: `/start ${code}`, entities: [{ type: 'bot_command', offset: 0, length: 6 }] } }
      expect(await fake.deliverToWebhook(update, 'wrong')).toBe(401)
      expect(await t.db.selectFrom('processed_updates').select('update_id').execute()).toEqual([])
      expect(await fake.deliverToWebhook(update)).toBe(200)
      expect(await fake.deliverToWebhook(update)).toBe(200)
      expect(fake.messagesTo(31).map((m) => m.text)).toEqual([expect.stringContaining('Đã liên kết anh/chị với Phòng Kinh tế')])
      expect(await t.db.selectFrom('processed_updates').select('update_id').execute()).toEqual([{ update_id: '9001' }])
    } finally {
      await server.close()
      await fake.close()
      await t.close()
    }
  }, 30_000)
})
