import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createTelegramSender } from '../../src/channels/telegram/telegram-sender.js'
import type { Reply } from '../../src/conversation/types.js'
import { buildCalendarPreview } from '../../src/domain/calendar/calendar-preview.js'
import { createLogger } from '../../src/logger.js'
import { digestFiles, type FileBuilder } from '../../src/reports/chat-export.js'
import { writeDigest } from '../../src/reports/digest.js'
import { createReminderScheduler } from '../../src/scheduler/reminder-scheduler.js'
import type { DatabaseHandle } from '../../src/storage/connection.js'
import { claimDue } from '../../src/storage/outbox.js'
import { createFakeTelegram, type FakeTelegram } from '../fakes/telegram-bot-api.js'
import { createHarness } from '../support/engine-harness.js'
import { miniPlan } from '../support/mini-plan.js'
import { createTestDatabase, testDatabaseKind } from '../support/test-database.js'

const START = new Date('2025-11-24T02:00:00Z')
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])

/** A small real export file: one line naming the request. */
const textBuilder: FileBuilder = async (_db, _planId, _plan, request) => [{ name: `bao-cao-${request.key}.txt`, bytes: Buffer.from(`Báo cáo ${request.label}\n`, 'utf8'), mime: 'text/plain' }]

describe(`the summary digest carries the chart and the files to Telegram (${testDatabaseKind})`, () => {
  let t: DatabaseHandle
  let fake: FakeTelegram
  beforeEach(async () => {
    t = await createTestDatabase()
    fake = createFakeTelegram()
    await fake.start()
  })
  afterEach(async () => {
    await fake.close()
    await t.close()
  })

  it('queues the picture and the file as rows of their own for the Telegram leader only, and the sender uploads them', async () => {
    const plan = miniPlan()
    const h = await createHarness(t, plan, START)
    await h.say('tg-lead', await h.leaderInvite(), 'telegram')
    await h.say('zl-lead', await h.leaderInvite(), 'zalo')
    const preview = buildCalendarPreview(plan, { from: '2025-11-24', to: '2025-12-31' })
    const year = preview.periods.find((p) => p.key === '2025-Y')!
    const summaryAt = new Date(year.digests.find((d) => d.kind === 'summary')!.at)
    h.setNow(summaryAt)
    await h.services.syncPeriods(summaryAt)
    const scheduler = createReminderScheduler({ db: t.db, log: createLogger('silent'), plans: h.services.plans, digests: writeDigest, digestFiles: digestFiles(textBuilder) })
    await scheduler.tick(summaryAt)

    const rows = await t.db.selectFrom('outbox').select(['channel', 'chat_id', 'payload']).where('kind', '=', 'digest').orderBy('run_after').orderBy('id').execute()
    const shape = (r: (typeof rows)[number]) => {
      const p = r.payload as Reply
      return [r.channel, p.text ? 'text' : p.attachments!.map((a) => `${a.kind}:${a.name}`).join()]
    }
    const zalo = rows.filter((r) => r.channel === 'zalo').map(shape)
    const telegram = rows.filter((r) => r.channel === 'telegram').map(shape)
    expect(zalo.every(([, what]) => what === 'text')).toBe(true)
    expect(zalo.length).toBeGreaterThanOrEqual(1)
    // The same text parts, then the chart, then the file.
    expect(telegram).toEqual([...zalo.map(() => ['telegram', 'text']), ['telegram', 'photo:tien-do-nop-bao-cao.png'], ['telegram', 'document:bao-cao-2025-Y+2025-Q4.txt']])
    // A second tick adds nothing.
    await scheduler.tick(new Date(summaryAt.getTime() + 60_000))
    expect(await t.db.selectFrom('outbox').select('id').where('kind', '=', 'digest').execute()).toHaveLength(rows.length)

    // The rows survive the outbox's JSON payload and go out as uploads.
    const sender = createTelegramSender({ token: '123456:TEST-token', apiRoot: fake.apiRoot })
    for (const row of await claimDue(t.db, 'telegram', 'test', new Date(summaryAt.getTime() + 120_000), 50)) expect(await sender.send({ ...row, payload: row.payload as Reply })).toEqual({ ok: true })
    const files = fake.filesTo('tg-lead')
    expect(files.map((f) => [f.method, f.name])).toEqual([
      ['sendPhoto', 'tien-do-nop-bao-cao.png'],
      ['sendDocument', 'bao-cao-2025-Y+2025-Q4.txt'],
    ])
    expect(files[0]!.bytes.subarray(0, 8)).toEqual(PNG_SIGNATURE)
    expect(files[1]!.bytes.toString('utf8')).toBe('Báo cáo Năm 2025 (gồm Quý IV/2025)\n')
    expect(fake.messagesTo('tg-lead')[0]!.text).toMatch(/^📊 Báo cáo Năm 2025 \(gồm Quý IV\/2025\)/)
  }, 60_000)
})
