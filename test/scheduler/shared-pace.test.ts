import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createTelegramSender } from '../../src/channels/telegram/telegram-sender.js'
import { createLogger } from '../../src/logger.js'
import type { ChannelSender } from '../../src/delivery/outbound.js'
import { createDispatcher } from '../../src/scheduler/dispatcher.js'
import { openPostgres, type DatabaseHandle } from '../../src/storage/connection.js'
import { enqueueMessage } from '../../src/storage/outbox.js'
import { bookSendSlots, finishSend, holdSendPace, type SlotRequest } from '../../src/storage/send-pace.js'
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

  const request = (over: Partial<SlotRequest> = {}): SlotRequest => ({ perSecond: 30, gapMs: 200, leaseMs: 40_000, max: 10, horizonMs: 1000, ...over })

  it('books one bot’s slots one gap apart from the database clock, no further ahead than asked, and other bots apart from it', async () => {
    const first = await bookSendSlots(t.db, bot, request())
    // Slots at 0, 200, …, 1000 ms from the database's now: six within a 1000 ms horizon.
    expect(first.slots.map((s) => Math.round(s.inMs))).toEqual([0, 200, 400, 600, 800, 1000])
    expect(new Set(first.slots.map((s) => s.token)).size).toBe(6)
    // The pace goes on where it stopped: the next slot is 1200 ms after the first, said "from now".
    const t0 = performance.now()
    const next = await bookSendSlots(t.db, bot, request({ max: 1, horizonMs: 2000 }))
    const elapsed = performance.now() - t0
    expect(next.slots).toHaveLength(1)
    expect(next.slots[0]!.inMs).toBeLessThanOrEqual(1200)
    expect(next.slots[0]!.inMs).toBeGreaterThan(1200 - 1000) // the first booking is well under a second ago
    expect(elapsed).toBeLessThan(1000)
    // Nothing within a short horizon: told how long to wait instead.
    const none = await bookSendSlots(t.db, bot, request({ horizonMs: 0 }))
    expect(none.slots).toEqual([])
    expect(none.waitMs).toBeGreaterThan(1000)
    // Another bot of the same channel has its own pace.
    expect((await bookSendSlots(t.db, { channel: 'telegram', botId: '2' }, request({ max: 1 }))).slots.map((s) => Math.round(s.inMs))).toEqual([0])
  })

  it('never makes up a stall with a burst: a pace that fell behind restarts from now', async () => {
    await bookSendSlots(t.db, bot, request({ max: 1 }))
    // The pace's next slot is long past, as after a stall of ten seconds.
    await t.db.updateTable('send_pace').set({ next_at: new Date(Date.now() - 10_000), recent: [] }).execute()
    const after = await bookSendSlots(t.db, bot, request({ horizonMs: 400 }))
    // Slots at 0, 200 and 400 ms from now: three, not the fifty the ten seconds held.
    expect(after.slots.map((s) => Math.round(s.inMs))).toEqual([0, 200, 400])
  })

  it('holds a bot after a 429 so no instance books before the platform’s wait is over; a reply waits too', async () => {
    const t0 = performance.now()
    await holdSendPace(t.db, bot, 3000)
    const broadcast = await bookSendSlots(t.db, bot, request())
    const reply = await bookSendSlots(t.db, bot, request({ interactive: true, max: 1, horizonMs: 5000 }))
    const elapsed = performance.now() - t0
    // Within a 1000 ms horizon nothing: wait until the hold is within reach (3000 − 1000 ms).
    expect(broadcast.slots).toEqual([])
    expect(broadcast.waitMs).toBeGreaterThanOrEqual(2000 - elapsed - 1)
    expect(broadcast.waitMs).toBeLessThanOrEqual(2001)
    // A reply asking up to 5 s ahead gets the first slot after the hold.
    expect(reply.slots).toHaveLength(1)
    expect(reply.slots[0]!.inMs).toBeGreaterThanOrEqual(3000 - elapsed - 1)
    expect(reply.slots[0]!.inMs).toBeLessThanOrEqual(3001)
  })

  it('counts a send from its slot until a second after it finished, whichever instance asks', async () => {
    const limit = request({ perSecond: 3, gapMs: 0, horizonMs: 0 })
    const tA = performance.now()
    const sends = await bookSendSlots(t.db, bot, limit)
    const tB = performance.now()
    expect(sends.slots).toHaveLength(3)
    // Three in flight fill the window: however long they take, nothing more is booked, not even a second later.
    const full = await bookSendSlots(t.db, bot, request({ perSecond: 3, gapMs: 0, horizonMs: 5000 }))
    expect(full.slots).toEqual([])
    // Two finish; the third is still on its way.
    const t0 = performance.now()
    await finishSend(t.db, bot, sends.slots[0]!.token, 40_000, performance.now() - tA) // measured from before the slot, as callers do
    await finishSend(t.db, bot, sends.slots[1]!.token, 40_000, performance.now() - tA)
    const t1 = performance.now()
    const later = await bookSendSlots(t.db, bot, request({ perSecond: 3, gapMs: 0, horizonMs: 5000 }))
    const t2 = performance.now()
    // Each finished send frees its place one second after it finished (by the database clock): two slots, the
    // second no earlier than the first; the send still on its way keeps its place, so no third.
    expect(later.slots).toHaveLength(2)
    // A finish reported between t0 and t1 ends its send there (up to the first booking's round trip later), so its place
    // frees 1000 ms after that, said from a moment between t1 and t2.
    expect(later.slots[0]!.inMs).toBeGreaterThanOrEqual(1000 - (t2 - t0) - 1)
    expect(later.slots[0]!.inMs).toBeLessThanOrEqual(1000 + (tB - tA) + 1)
    expect(later.slots[1]!.inMs).toBeGreaterThanOrEqual(later.slots[0]!.inMs)
    expect(later.slots[1]!.inMs).toBeLessThanOrEqual(1000 + (tB - tA) + 1)
    expect(t1 - t0).toBeLessThan(1000)
    // A reply is held by the window too (it has the same three places).
    expect((await bookSendSlots(t.db, bot, request({ perSecond: 3, gapMs: 0, horizonMs: 0, interactive: true }))).slots).toEqual([])
    // Another bot is not held by this one.
    expect((await bookSendSlots(t.db, { channel: 'telegram', botId: '2' }, limit)).slots).toHaveLength(3)
  })

  it('keeps the platform’s limit in every one-second window through a stalled process and a request that lands late', async () => {
    // The pace is the fake's limit itself, no margin: only counting each send until a second after it finished keeps it.
    const fake = createFakeTelegram({ limits: { perSecond: 10, perChatPerSecond: 1 } })
    await fake.start()
    try {
      const COUNT = 40
      const now = new Date()
      for (let i = 0; i < COUNT; i++) {
        await enqueueMessage(t.db, { planId: null, dedupeKey: `stall:${i}`, kind: 'reminder', channel: 'telegram', chatId: String(80_000 + i), contactId: null, payload: { text: `Nhắc ${i}` }, runAfter: now, now })
      }
      // The platform keeps one request waiting (it lands when released), and the whole process stalls once,
      // as under a long GC pause or a swapped-out machine: timers fire late, together.
      const release = fake.holdChat(80_005)
      const d = createDispatcher({ db: t.db, senders: [createTelegramSender({ token: '1:T', apiRoot: fake.apiRoot, limits: { perSecond: 10, perChatGapMs: 1000, perGroupPerMinute: 20 } })], log, now: () => new Date(), worker: 'w' })
      d.start(50)
      const sent = () => fake.calls.filter((c) => c.method === 'sendMessage' && !c.failed).length
      const deadline = Date.now() + 120_000
      while (sent() < 12 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20))
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1500)
      while (sent() < 25 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20))
      release()
      while (sent() < COUNT && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20))
      await d.stop()
      expect(fake.stats.tooManyRequests).toBe(0)
      expect(fake.busiestSecond()).toBeLessThanOrEqual(10)
      // Every chat reached exactly once.
      const perChat = fake.deliveredPerChat()
      expect(perChat.size).toBe(COUNT)
      expect([...perChat.values()].every((n) => n === 1)).toBe(true)
      const states = await t.db.selectFrom('outbox').select('state').distinct().execute()
      expect(states).toEqual([{ state: 'sent' }])
    } finally {
      await fake.close()
    }
  }, 180_000)

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
