import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createTelegramSender } from '../../src/channels/telegram/telegram-sender.js'
import { createLogger } from '../../src/logger.js'
import type { ChannelSender } from '../../src/delivery/outbound.js'
import { createDispatcher } from '../../src/scheduler/dispatcher.js'
import { openPostgres, type DatabaseHandle } from '../../src/storage/connection.js'
import { enqueueMessage } from '../../src/storage/outbox.js'
import { admitSend, bookSendSlot, holdSendPace } from '../../src/storage/send-pace.js'
import { createFakeTelegram, type FakeTelegram } from '../fakes/telegram-bot-api.js'
import { createTestDatabase, testDatabaseKind } from '../support/test-database.js'

const log = createLogger('silent')
const onPostgres = Boolean(process.env.TEST_DATABASE_URL)
const bot = { channel: 'telegram' as const, botId: '1' }

describe(`the send pace shared through the database (${testDatabaseKind})`, () => {
  let t: DatabaseHandle & { schema?: string }
  beforeEach(async () => {
    t = await createTestDatabase()
  })
  afterEach(async () => {
    await t.close()
  })

  it('books one bot’s slots one gap apart, from the database clock, and other bots apart from it', async () => {
    const t0 = performance.now()
    const waits: number[] = []
    for (let i = 0; i < 5; i++) waits.push(await bookSendSlot(t.db, bot, 200))
    const elapsed = performance.now() - t0
    // Slot k is k × 200 ms after the first booking; the answer is "from now", so it is short by the time the bookings took.
    waits.forEach((w, k) => {
      expect(w).toBeLessThanOrEqual(k * 200 + 1)
      expect(w).toBeGreaterThanOrEqual(k * 200 - elapsed - 1)
    })
    // Another bot of the same channel has its own pace.
    expect(await bookSendSlot(t.db, { channel: 'telegram', botId: '2' }, 200)).toBe(0)
    // A chat that may only be sent to in 5 s books its slot then, and pushes the bot's pace past it.
    const late = await bookSendSlot(t.db, bot, 200, 5000)
    expect(late).toBeGreaterThan(4900)
    expect(late).toBeLessThanOrEqual(5001)
    expect(await bookSendSlot(t.db, bot, 200)).toBeGreaterThan(late)
  })

  it('holds a bot after a 429 so no instance books before the platform’s wait is over', async () => {
    const t0 = performance.now()
    await holdSendPace(t.db, bot, 3000)
    const wait = await bookSendSlot(t.db, bot, 100)
    // A send booked before the 429 is held too.
    const held = await admitSend(t.db, bot, 30)
    const elapsed = performance.now() - t0
    for (const w of [wait, held]) {
      expect(w).toBeGreaterThanOrEqual(3000 - elapsed - 1)
      expect(w).toBeLessThanOrEqual(3001)
    }
  })

  it('admits at most perSecond sends of a bot in any second, whichever instance asks', async () => {
    await bookSendSlot(t.db, bot, 1) // the dispatcher books before it asks to send
    const t0 = performance.now()
    const answers = [await admitSend(t.db, bot, 3), await admitSend(t.db, bot, 3), await admitSend(t.db, bot, 3), await admitSend(t.db, bot, 3)]
    const elapsed = performance.now() - t0
    // Three pass; the fourth waits until the first is a second old.
    expect(answers.slice(0, 3)).toEqual([0, 0, 0])
    expect(answers[3]).toBeGreaterThanOrEqual(1000 - elapsed - 1)
    expect(answers[3]).toBeLessThanOrEqual(1000)
    // Another bot is not held by this one.
    expect(await admitSend(t.db, { channel: 'telegram', botId: '2' }, 3)).toBe(0)
  })

  // Two instances need PostgreSQL: PGlite is one process, and in this process it stalls the event loop the fake
  // shares, so its clock at the fake says nothing about the pace.
  describe.skipIf(!onPostgres)('two dispatchers on one PostgreSQL database and one fake Telegram', () => {
    let fake: FakeTelegram
    let second: DatabaseHandle
    beforeEach(async () => {
      // The fake enforces 10 messages/s for the bot; each dispatcher paces at 8/s, leaving room for replies and a busy machine's jitter.
      fake = createFakeTelegram({ limits: { perSecond: 10, perChatPerSecond: 1 } })
      await fake.start()
      // The second dispatcher has its own pool, as a second instance would.
      second = openPostgres(process.env.TEST_DATABASE_URL!, { schema: t.schema!, max: 4 })
    })
    afterEach(async () => {
      await fake.close()
      await second.close()
    })

    it('together never exceed the bot’s limit, and together reach it', async () => {
      const pace = 8
      const COUNT = 40
      const now = new Date()
      for (let i = 0; i < COUNT; i++) {
        await enqueueMessage(t.db, { planId: null, dedupeKey: `pace:${i}`, kind: 'reminder', channel: 'telegram', chatId: String(70_000 + i), contactId: null, payload: { text: `Nhắc ${i}` }, runAfter: now, now })
      }
      const sentBy = [0, 0]
      const sender = (i: number): ChannelSender => {
        const s = createTelegramSender({ token: '1:T', apiRoot: fake.apiRoot, limits: { perSecond: pace, perChatGapMs: 1000, perGroupPerMinute: 20 } })
        return { ...s, send: (m) => (sentBy[i]!++, s.send(m)) }
      }
      const dispatchers = [t, second].map((h, i) => createDispatcher({ db: h.db, senders: [sender(i)], log, now: () => new Date(), worker: `w${i}`, batchSize: 5 }))
      for (const d of dispatchers) d.start(50)
      const sent = () => fake.calls.filter((c) => c.method === 'sendMessage' && !c.failed)
      const deadline = Date.now() + 60_000
      while (sent().length < COUNT && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50))
      await Promise.all(dispatchers.map((d) => d.stop()))
      expect(fake.stats.tooManyRequests).toBe(0)
      const times = sent().map((c) => c.at)
      expect(times).toHaveLength(COUNT)
      // Never more than the limit in any one second, counted at the fake.
      const busiest = Math.max(...times.map((t0) => times.filter((x) => x >= t0 && x < t0 + 1000).length))
      expect(busiest).toBeLessThanOrEqual(10)
      // Both took part.
      expect(sentBy[0]).toBeGreaterThan(0)
      expect(sentBy[1]).toBeGreaterThan(0)
      expect(sentBy[0]! + sentBy[1]!).toBe(COUNT)
      // Together at the bot's pace, not twice it: 40 sends at 8/s span 39 gaps of 125 ms = 4.9 s; allow a busy machine 25 % more.
      const span = Math.max(...times) - Math.min(...times)
      expect(span).toBeGreaterThanOrEqual(39 * 125 - 200)
      expect(span).toBeLessThan((39 * 125) * 1.25)
    })
  })
})
