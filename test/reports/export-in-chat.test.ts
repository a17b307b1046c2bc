import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createTelegramBot, runTelegram } from '../../src/channels/telegram/telegram-bot.js'
import { createZaloChannel } from '../../src/channels/zalo/zalo-channel.js'
import { createZaloClient } from '../../src/channels/zalo/zalo-client.js'
import { createServices } from '../../src/cli/services.js'
import { createInvite } from '../../src/conversation/invites.js'
import { createLogger } from '../../src/logger.js'
import type { FileBuilder } from '../../src/reports/chat-export.js'
import { readPeriodSummary } from '../../src/reports/period-summary.js'
import type { DatabaseHandle } from '../../src/storage/connection.js'
import { importPlan } from '../../src/storage/plan-import.js'
import { createFakeTelegram, type FakeTelegram } from '../fakes/telegram-bot-api.js'
import { createFakeZalo, type FakeZalo } from '../fakes/zalo-bot-api.js'
import { miniPlan } from '../support/mini-plan.js'
import { createTestDatabase, testDatabaseKind } from '../support/test-database.js'

const NOW = new Date('2025-12-02T02:00:00Z') // Tuesday 2 Dec 2025, 09:00 in Vietnam: the year 2025 (with Q4) is due on 5 Dec
const log = createLogger('silent')
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])

/** A small real export: the expected units and where they stand, as CSV (the Excel/Word export plugs in the same way). */
const csvBuilder: FileBuilder = async (db, planId, plan, request) => {
  const s = await readPeriodSummary(db, planId, plan, request)
  const csv = ['Đơn vị,Trạng thái', ...s.units.map((u) => `"${u.unitName}",${u.state.kind}`)].join('\n')
  return [{ name: `bao-cao-${request.key}.csv`, bytes: Buffer.from(csv, 'utf8'), mime: 'text/csv' }]
}

describe(`/xuatbaocao: the report as files in chat (${testDatabaseKind})`, () => {
  let t: DatabaseHandle
  let planId: number
  const stops: (() => Promise<void>)[] = []

  beforeEach(async () => {
    t = await createTestDatabase()
    planId = (await importPlan(t.db, miniPlan(), { now: NOW })).planId
  })
  afterEach(async () => {
    for (const s of stops.splice(0).reverse()) await s()
    await t.close()
  })

  async function telegramBot(buildFiles?: FileBuilder): Promise<FakeTelegram> {
    const fake = createFakeTelegram()
    await fake.start()
    stops.push(() => fake.close())
    const services = createServices({ db: t.db, config: { logLevel: 'silent' }, now: () => NOW, log, ...(buildFiles ? { buildFiles } : {}) })
    await services.syncPeriods(NOW)
    const bot = createTelegramBot({ token: '123456:TEST-token', apiRoot: fake.apiRoot, engine: services.engine, log, now: () => NOW })
    const polling = await runTelegram(bot, { mount: () => undefined, log })
    stops.push(() => polling.stop())
    return fake
  }

  const chairman = { id: 601, first_name: 'Chủ tịch' }
  const group = { id: -77, type: 'group' as const, title: 'Lãnh đạo xã' }

  async function leadersGroup(fake: FakeTelegram) {
    const { code } = await createInvite(t.db, { planId, planCode: 'mini', leader: true, now: NOW })
    fake.sendText(chairman, `/start ${code}`, group)
    await fake.waitForMessages(group.id, 1, 20_000)
  }

  it('on Telegram, a leader in a group gets the summary, the completeness chart as a photo and the built file as a document', async () => {
    const fake = await telegramBot(csvBuilder)
    await leadersGroup(fake)
    const before = fake.messagesTo(group.id).length
    fake.sendText(chairman, '/xuatbaocao', group)
    const files = await fake.waitForFiles(group.id, 2, 30_000)
    const text = fake.messagesTo(group.id).slice(before).map((m) => m.text)
    expect(text).toEqual(['📊 Báo cáo Năm 2025 (gồm Quý IV/2025) (hạn trước ngày 05/12/2025): 0/4 đơn vị đã nộp (0%), 0 đúng hạn, 0 nộp muộn.\nChưa nộp: Phòng Văn hóa – Xã hội; Phòng Kinh tế; Thôn 1; Thôn 2'])
    expect(files.map((f) => [f.method, f.name, f.caption])).toEqual([
      ['sendPhoto', 'tien-do-nop-bao-cao.png', 'Tiến độ nộp báo cáo Năm 2025 (gồm Quý IV/2025)'],
      ['sendDocument', 'bao-cao-2025-Y+2025-Q4.csv', '📎 Báo cáo tổng hợp Năm 2025 (gồm Quý IV/2025)'],
    ])
    const [photo, csv] = files
    expect(photo!.bytes.subarray(0, 8)).toEqual(PNG_SIGNATURE)
    expect(photo!.size).toBeGreaterThan(5_000)
    expect(csv!.bytes.toString('utf8')).toBe('Đơn vị,Trạng thái\n"Phòng Văn hóa – Xã hội",not_started\n"Phòng Kinh tế",not_started\n"Thôn 1",not_started\n"Thôn 2",not_started')
    expect(csv!.size).toBe(csv!.bytes.length)
  }, 60_000)

  it('on Telegram without a file builder, the chart alone; the menu lists the command', async () => {
    const fake = await telegramBot()
    await leadersGroup(fake)
    fake.sendText(chairman, '/xuatbaocao năm 2025', group)
    const files = await fake.waitForFiles(group.id, 1, 30_000)
    expect(files.map((f) => f.method)).toEqual(['sendPhoto'])
    expect(fake.calls.filter((c) => c.method === 'sendDocument')).toEqual([])
    const commands = fake.calls.find((c) => c.method === 'setMyCommands')?.params.commands as { command: string }[]
    expect(commands.map((c) => c.command)).toContain('xuatbaocao')
  }, 60_000)

  it('on Zalo, which sends no files, the leader gets the summary text and where the operator downloads the files', async () => {
    const fake: FakeZalo = createFakeZalo()
    await fake.start()
    stops.push(() => fake.close())
    const services = createServices({ db: t.db, config: { logLevel: 'silent' }, now: () => NOW, log, buildFiles: csvBuilder })
    await services.syncPeriods(NOW)
    const client = createZaloClient({ token: fake.token, apiRoot: fake.apiRoot, retryBaseMs: 10 })
    const channel = createZaloChannel({ client, engine: services.engine, log, now: () => NOW })
    channel.start({ pollTimeoutSeconds: 1 })
    stops.push(() => channel.stop())
    const boss = { id: 'z-boss', display_name: 'Chủ tịch' }
    const { code } = await createInvite(t.db, { planId, planCode: 'mini', leader: true, now: NOW })
    fake.sendText(boss, code)
    await fake.waitForMessages(boss.id, 1, 20_000)
    const before = fake.messagesTo(boss.id).length
    fake.sendText(boss, '/xuatbaocao')
    const sent = (await fake.waitForMessages(boss.id, before + 3, 30_000)).slice(before)
    expect(sent[0]).toContain('📊 Báo cáo Năm 2025 (gồm Quý IV/2025) (hạn trước ngày 05/12/2025): 0/4 đơn vị đã nộp (0%)')
    expect(sent.at(-1)).toBe('📎 Ứng dụng này không gửi được tệp: bản Excel/Word và biểu đồ của Năm 2025 (gồm Quý IV/2025) do Văn phòng tải ở mục "Tải báo cáo" trên trang quản lý của Trợ lý Đôn đốc (hoặc bằng lệnh "dondoc export" trên máy chủ).')
  }, 60_000)
})
