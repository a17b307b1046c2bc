import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createZaloChannel } from '../../src/channels/zalo/zalo-channel.js'
import { createZaloClient, ZaloApiError } from '../../src/channels/zalo/zalo-client.js'
import { createTelegramBot, runTelegram } from '../../src/channels/telegram/telegram-bot.js'
import { createServices } from '../../src/cli/services.js'
import { createInvite } from '../../src/conversation/invites.js'
import { createLogger } from '../../src/logger.js'
import type { DatabaseHandle } from '../../src/storage/connection.js'
import { importPlan } from '../../src/storage/plan-import.js'
import { createFakeTelegram } from '../fakes/telegram-bot-api.js'
import { createFakeZalo, type FakeZalo } from '../fakes/zalo-bot-api.js'
import { samplePlan } from '../support/mini-plan.js'
import { createTestDatabase, testDatabaseKind } from '../support/test-database.js'

const NOW = new Date('2025-12-02T02:00:00Z')
const log = createLogger('silent')

describe('Zalo client against the fake Zalo Bot API', () => {
  let fake: FakeZalo
  beforeEach(async () => {
    fake = createFakeZalo()
    await fake.start()
  })
  afterEach(async () => fake.close())

  it('reads one update per getUpdates, null on 408, and treats ok:false with HTTP 200 as an error', async () => {
    const client = createZaloClient({ token: fake.token, apiRoot: fake.apiRoot })
    expect(await client.getMe()).toMatchObject({ account_name: 'dondoc_zalo_bot' })
    fake.sendText({ id: 'u1' }, 'một')
    fake.sendText({ id: 'u1' }, 'hai')
    expect((await client.getUpdates(1))?.message.text).toBe('một')
    expect((await client.getUpdates(1))?.message.text).toBe('hai')
    expect(await client.getUpdates(1)).toBeNull()
    const bad = createZaloClient({ token: '1:wrong', apiRoot: fake.apiRoot, attempts: 3 })
    const err = await bad.getMe().catch((e: unknown) => e)
    expect(err).toBeInstanceOf(ZaloApiError)
    expect(err).toMatchObject({ method: 'getMe', code: 401 })
  })

  it('retries a 429 and a 500 and sends the message exactly once', async () => {
    const client = createZaloClient({ token: fake.token, apiRoot: fake.apiRoot, retryBaseMs: 10 })
    fake.failNext('sendMessage', { errorCode: 429 })
    fake.failNext('sendMessage', { errorCode: 500, httpStatus: 500 })
    await client.sendMessage('c1', 'Xin chào')
    expect(fake.messagesTo('c1')).toEqual(['Xin chào'])
    expect(fake.stats).toEqual({ sendMessage: 1, failed: 2 })
  })

  it('times out a slow call', async () => {
    const client = createZaloClient({ token: fake.token, apiRoot: fake.apiRoot, timeoutMs: 100, attempts: 1 })
    fake.delayNext('getMe', 1000)
    await expect(client.getMe()).rejects.toMatchObject({ code: null })
  })
})

describe(`Zalo channel end to end (${testDatabaseKind})`, () => {
  let t: DatabaseHandle
  let fake: FakeZalo
  let planId: number
  let stop: (() => Promise<void>)[] = []

  async function startChannel() {
    const services = createServices({ db: t.db, config: { logLevel: 'silent' }, now: () => NOW, log })
    await services.syncPeriods(NOW)
    const client = createZaloClient({ token: fake.token, apiRoot: fake.apiRoot, retryBaseMs: 10 })
    const channel = createZaloChannel({ client, engine: services.engine, log, now: () => NOW, retry: { baseMs: 10, capMs: 50 } })
    return { services, client, channel }
  }

  beforeEach(async () => {
    t = await createTestDatabase()
    fake = createFakeZalo()
    await fake.start()
    planId = (await importPlan(t.db, samplePlan('ea-wy'), { now: NOW })).planId
  })
  afterEach(async () => {
    for (const s of stop.reverse()) await s()
    stop = []
    await fake.close()
    await t.close()
  })

  const user = { id: 'z-501', display_name: 'Nguyễn Văn A' }
  /** Send a text and return everything the bot answered (a long answer comes in several parts). */
  async function say(text: string): Promise<string> {
    const before = fake.messagesTo(user.id).length
    fake.sendText(user, text)
    await fake.waitForMessages(user.id, before + 1)
    // Let the remaining parts of a split answer arrive.
    for (let seen = -1; seen !== fake.messagesTo(user.id).length; ) {
      seen = fake.messagesTo(user.id).length
      await new Promise((r) => setTimeout(r, 150))
    }
    return fake.messagesTo(user.id).slice(before).join('\n')
  }

  it('enrols by code and reports by number and by word, with bad inputs, a restart, review and submit', async () => {
    let { channel } = await startChannel()
    channel.start({ pollTimeoutSeconds: 1 })
    stop.push(() => channel.stop())
    const { code } = await createInvite(t.db, { planId, planCode: 'ea-wy', unitCode: 'CAX', leader: false, now: NOW })
    expect(await say(code.toLowerCase())).toContain('Đã liên kết anh/chị với Công an xã Ea Wy')
    const opening = await say('/baocao')
    expect(opening).toContain('1. Báo cáo ngay\n2. Để sau\nTrả lời 1 hoặc 2')
    let m = await say('1')
    expect(m).toContain('Chỉ tiêu 1/17: Trung tâm an ninh mạng cấp xã')
    expect(m).toContain('1. Có\n2. Không\n3. Bỏ qua')
    expect(await say('có lẽ')).toContain('Anh/chị trả lời "có" hoặc "không".')
    m = await say('có')
    expect(m).toContain('Đã ghi: Có ✅ đạt mục tiêu 2025.')
    expect(m).toContain('Hoặc gõ: "bỏ qua", "quay lại"')
    expect(await say('abc')).toContain('chưa đọc được số')
    expect(await say('-5')).toContain('không được âm')
    m = await say('quay lại')
    expect(m).toContain('Chỉ tiêu 1/17')
    m = await say('2')
    expect(m).toContain('Đã ghi: Không (chưa đạt mục tiêu 2025).')
    m = await say('7')
    expect(m).toContain('Đã ghi: 7 người/vạn dân')
    m = await say('bỏ qua')
    expect(m).toContain('Đã bỏ qua mục này.')
    // A sticker is answered politely and nothing changes.
    const beforeSticker = fake.messagesTo(user.id).length
    fake.sendSticker(user)
    expect((await fake.waitForMessages(user.id, beforeSticker + 1)).at(-1)).toContain('chỉ đọc được tin nhắn chữ')

    // Restart the process: the next question is the same.
    await channel.stop()
    ;({ channel } = await startChannel())
    channel.start({ pollTimeoutSeconds: 1 })
    stop.push(() => channel.stop())
    m = await say('tiếp tục')
    expect(m).toContain('Chỉ tiêu 4/17')
    for (const v of ['3', '100', '100', '80', '75,5', '100', '85', '45', '60', '70', '92', '12', '2,5']) m = await say(v)
    expect(m).toContain('Chỉ tiêu 17/17')
    // The detailed-plan task of the closed one-off report is still asked until it is reported done.
    expect(await say('Chưa đo được')).toContain('Nhiệm vụ 1/1')
    await say('1')
    expect(await say('bỏ qua')).toContain('Kết quả nổi bật trong kỳ')
    await say('không')
    await say('Thiếu thiết bị')
    m = await say('không')
    expect(m).toContain('Rà soát báo cáo')
    // The review numbers its items only: no "1. Gửi báo cáo" beside item 1 (issue 10, item 13).
    expect(m).not.toContain('1. Gửi báo cáo')
    expect(m).toContain('gõ "gửi" để gửi báo cáo')
    m = await say('sửa 2')
    expect(m).toContain('Chỉ tiêu 2/17')
    m = await say('8')
    expect(m).toContain('2. Số người thực hiện công tác nghiên cứu khoa học')
    expect(m).toContain(': 8 người/vạn dân')
    m = await say('gửi')
    expect(m).toContain('✅ Đã nhận báo cáo Năm 2025 (gồm Quý IV/2025) của Công an xã Ea Wy')
    const history = await t.db.selectFrom('answer_history').select(['channel']).where('item_kind', '=', 'indicator').execute()
    expect(new Set(history.map((h) => h.channel))).toEqual(new Set(['zalo']))
  }, 60_000)

  it('webhook: rejects a wrong or missing secret with 401 and records nothing; accepts wrapped and bare bodies once', async () => {
    const { channel, client } = await startChannel()
    const server = http.createServer((req, res) => void channel.webhookHandler('s3cret-value')(req, res))
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
    stop.push(() => new Promise((r) => server.close(() => r())))
    await client.setWebhook(`http://127.0.0.1:${(server.address() as AddressInfo).port}/zalo`, 's3cret-value')
    const { code } = await createInvite(t.db, { planId, planCode: 'ea-wy', unitCode: 'KT', leader: false, now: NOW })
    const enrol = fake.textEvent(user, `/start ${code}`)
    expect(await fake.deliverToWebhook(enrol, { secret: 'wrong-secret' })).toBe(401)
    expect(await fake.deliverToWebhook(enrol, { secret: null })).toBe(401)
    expect(await t.db.selectFrom('processed_updates').select('update_id').execute()).toEqual([])
    expect(await t.db.selectFrom('contacts').select('id').execute()).toEqual([])

    expect(await fake.deliverToWebhook(enrol, { wrapped: true })).toBe(200)
    await fake.waitForMessages(user.id, 1)
    expect(await fake.deliverToWebhook(enrol)).toBe(200) // the same message_id again, bare as live Zalo sends it
    expect(await fake.deliverToWebhook(fake.textEvent(user, '/baocao'))).toBe(200)
    const sent = await fake.waitForMessages(user.id, 2)
    expect(sent[0]).toContain('Đã liên kết anh/chị với Phòng Kinh tế')
    expect(sent[1]).toContain('📋 Báo cáo Năm 2025')
    expect(await t.db.selectFrom('contacts').select('id').execute()).toHaveLength(1)
    expect(fake.messagesTo(user.id)).toHaveLength(2)
  }, 30_000)

  it('continues on Zalo a report started on Telegram', async () => {
    const tg = createFakeTelegram()
    await tg.start()
    stop.push(() => tg.close())
    const { services, channel } = await startChannel()
    const bot = createTelegramBot({ token: '1:T', apiRoot: tg.apiRoot, engine: services.engine, log, now: () => NOW })
    const polling = runTelegram(bot, { mount: () => undefined, log, pollTimeoutSeconds: 1 })
    await polling.started
    stop.push(() => polling.stop())
    channel.start({ pollTimeoutSeconds: 1 })
    stop.push(() => channel.stop())

    const tgUser = { id: 77, first_name: 'A' }
    tg.sendText(tgUser, `/start ${(await createInvite(t.db, { planId, planCode: 'ea-wy', unitCode: 'THON-03', leader: false, now: NOW })).code}`)
    tg.sendText(tgUser, '/baocao')
    const [, opening] = await tg.waitForMessages(77, 2)
    tg.pressButton(tgUser, opening!.buttons[0]!.data)
    await tg.waitForMessages(77, 3)
    tg.sendText(tgUser, '96')
    expect((await tg.waitForMessages(77, 4))[3]!.text).toContain('Đã ghi: 96%')

    expect(await say(`/start ${(await createInvite(t.db, { planId, planCode: 'ea-wy', unitCode: 'THON-03', leader: false, now: NOW })).code}`)).toContain('Thôn/buôn 03')
    expect(await say('báo cáo')).toContain('Anh/chị đã nhập 1/5 mục.')
    expect(await say('1')).toContain('Nhiệm vụ 1/1')
  }, 30_000)
})
