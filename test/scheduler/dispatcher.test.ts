import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createTelegramSender } from '../../src/channels/telegram/telegram-sender.js'
import { createLogger } from '../../src/logger.js'
import { createDispatcher } from '../../src/scheduler/dispatcher.js'
import { notifyBlocked } from '../../src/scheduler/blocked-notice.js'
import type { DatabaseHandle } from '../../src/storage/connection.js'
import { upsertContact } from '../../src/storage/contacts.js'
import { enqueueMessage, reclaimFromDeadWorkers } from '../../src/storage/outbox.js'
import { importPlan } from '../../src/storage/plan-import.js'
import { createFakeTelegram, type FakeTelegram } from '../fakes/telegram-bot-api.js'
import { miniPlan } from '../support/mini-plan.js'
import { createTestDatabase, testDatabaseKind } from '../support/test-database.js'

const log = createLogger('silent')

describe(`outbox dispatcher against the fake Telegram (${testDatabaseKind})`, () => {
  let t: DatabaseHandle
  let fake: FakeTelegram
  let clock: Date
  let planId: number

  beforeEach(async () => {
    t = await createTestDatabase()
    fake = createFakeTelegram()
    await fake.start()
    clock = new Date('2025-12-02T01:00:00Z')
    planId = (await importPlan(t.db, miniPlan(), { now: clock })).planId
  })
  afterEach(async () => {
    await fake.close()
    await t.close()
  })

  const sender = () => createTelegramSender({ token: '1:T', apiRoot: fake.apiRoot, limits: { perSecond: 1000, perChatGapMs: 0, perGroupPerMinute: 1000 } })
  const dispatcher = (worker = 'w1') => createDispatcher({ db: t.db, senders: [sender()], log, now: () => clock, worker, onBlocked: (m, f) => notifyBlocked(t.db, m, f, clock) })
  const enqueue = (chatId: string, n: number, contactId: number | null = null) =>
    enqueueMessage(t.db, { planId, dedupeKey: `test:${chatId}:${n}`, kind: 'reminder', channel: 'telegram', chatId, contactId, payload: { text: `Nhắc ${n}` }, runAfter: clock, now: clock })

  it('waits out a 429, retries a 500 with backoff, and delivers exactly once', async () => {
    await enqueue('11', 1)
    fake.failNext('sendMessage', { status: 429, retryAfter: 3 })
    const d = dispatcher()
    await d.runOnce()
    let row = await t.db.selectFrom('outbox').selectAll().executeTakeFirstOrThrow()
    expect(row).toMatchObject({ state: 'pending', attempts: 1 })
    expect(row.run_after.getTime() - clock.getTime()).toBeGreaterThanOrEqual(3000)
    expect(await d.runOnce()).toBe(0) // not due yet
    clock = new Date(clock.getTime() + 10 * 60_000)
    fake.failNext('sendMessage', { status: 500 })
    await d.runOnce()
    clock = new Date(clock.getTime() + 10 * 60_000)
    await d.runOnce()
    row = await t.db.selectFrom('outbox').selectAll().executeTakeFirstOrThrow()
    expect(row).toMatchObject({ state: 'sent', attempts: 3 })
    expect(fake.messagesTo(11).map((m) => m.text)).toEqual(['Nhắc 1'])
    const attempts = await t.db.selectFrom('outbox_attempts').select(['ok', 'error_code']).orderBy('id').execute()
    expect(attempts).toEqual([{ ok: false, error_code: 429 }, { ok: false, error_code: 500 }, { ok: true, error_code: null }])
  })

  it('gives up after the attempt limit', async () => {
    await enqueue('12', 1)
    await t.db.updateTable('outbox').set({ max_attempts: 2 }).execute()
    fake.failNext('sendMessage', { status: 500 }, { times: 5 })
    const d = dispatcher()
    for (let i = 0; i < 4; i++) {
      await d.runOnce()
      clock = new Date(clock.getTime() + 60 * 60_000)
    }
    expect(await t.db.selectFrom('outbox').select(['state', 'attempts']).executeTakeFirstOrThrow()).toEqual({ state: 'failed', attempts: 2 })
  })

  it('marks a contact that blocked the bot unreachable and tells the standing office', async () => {
    const kt = await t.db.selectFrom('units').select('id').where('code', '=', 'KT').executeTakeFirstOrThrow()
    const vh = await t.db.selectFrom('units').select('id').where('code', '=', 'VHXH').executeTakeFirstOrThrow()
    const blockedId = await upsertContact(t.db, { planId, unitId: kt.id, role: 'reporter', displayName: 'Anh Tú', channel: 'telegram', userId: '13', chatId: '13' })
    await upsertContact(t.db, { planId, unitId: vh.id, role: 'reporter', displayName: 'Chị Hà', channel: 'telegram', userId: '14', chatId: '14' })
    fake.blockChat(13)
    await enqueue('13', 1, blockedId)
    const d = dispatcher()
    await d.runOnce()
    await d.runOnce()
    expect(await t.db.selectFrom('contacts').select(['status']).where('id', '=', blockedId).executeTakeFirstOrThrow()).toEqual({ status: 'unreachable' })
    expect(fake.messagesTo(14).map((m) => m.text)).toEqual(['🚫 Không gửi được tin nhắn tới Anh Tú (Phòng Kinh tế): người dùng đã chặn bot. Văn phòng liên hệ trực tiếp giúp.'])
    expect(await t.db.selectFrom('outbox').select('state').where('chat_id', '=', '13').executeTakeFirstOrThrow()).toEqual({ state: 'failed' })
  })

  it('two dispatchers on one database never send the same row twice; a row stuck in flight is reclaimed', async () => {
    for (let i = 0; i < 120; i++) await enqueue(String(1000 + i), i)
    const [a, b] = [dispatcher('a'), dispatcher('b')]
    await Promise.all([a.runOnce(), b.runOnce(), a.runOnce(), b.runOnce()])
    const sent = fake.calls.filter((c) => c.method === 'sendMessage')
    expect(sent).toHaveLength(120)
    expect(new Set(sent.map((c) => String(c.params.chat_id))).size).toBe(120)
    const workers = await t.db.selectFrom('outbox').select('state').where('state', '<>', 'sent').execute()
    expect(workers).toEqual([])

    await enqueue('2000', 1)
    await t.db.updateTable('outbox').set({ state: 'sending', locked_at: clock, locked_by: 'crashed' }).where('chat_id', '=', '2000').execute()
    await a.runOnce()
    expect(fake.messagesTo(2000)).toHaveLength(0) // still within the grace period
    clock = new Date(clock.getTime() + 6 * 60_000)
    await a.runOnce()
    expect(fake.messagesTo(2000)).toHaveLength(1)

    // After a restart on the same host, rows of the dead process come back at once.
    await enqueue('2001', 1)
    await t.db.updateTable('outbox').set({ state: 'sending', locked_at: clock, locked_by: 'host-a:424242' }).where('chat_id', '=', '2001').execute()
    expect(await reclaimFromDeadWorkers(t.db, 'host-b', () => false)).toBe(0)
    expect(await reclaimFromDeadWorkers(t.db, 'host-a', (pid) => pid !== 424242)).toBe(1)
    await a.runOnce()
    expect(fake.messagesTo(2001)).toHaveLength(1)
  })

  it('rides out a storm of 429s without doubling the message, and retries a send that timed out', async () => {
    await enqueue('15', 1)
    fake.failNext('sendMessage', { status: 429, retryAfter: 1 }, { times: 6 })
    const d = dispatcher()
    for (let i = 0; i < 7; i++) {
      await d.runOnce()
      clock = new Date(clock.getTime() + 30 * 60_000)
    }
    expect(fake.messagesTo(15).map((m) => m.text)).toEqual(['Nhắc 1'])
    expect(await t.db.selectFrom('outbox').select(['state', 'attempts']).where('chat_id', '=', '15').executeTakeFirstOrThrow()).toEqual({ state: 'sent', attempts: 7 })

    await enqueue('16', 1)
    fake.delayNext('sendMessage', 3000)
    const impatient = createDispatcher({ db: t.db, senders: [createTelegramSender({ token: '1:T', apiRoot: fake.apiRoot, timeoutSeconds: 1, limits: { perSecond: 1000, perChatGapMs: 0, perGroupPerMinute: 1000 } })], log, now: () => clock, worker: 'w2' })
    await impatient.runOnce()
    expect(await t.db.selectFrom('outbox').select(['state', 'last_error']).where('chat_id', '=', '16').executeTakeFirstOrThrow()).toMatchObject({ state: 'pending' })
    clock = new Date(clock.getTime() + 30 * 60_000)
    await impatient.runOnce()
    expect(await t.db.selectFrom('outbox').select('state').where('chat_id', '=', '16').executeTakeFirstOrThrow()).toEqual({ state: 'sent' })
    // A timeout is ambiguous: the slow call may still land. The outbox is at-least-once, so the
    // person can get that one message twice; nothing is lost.
    // The fake finishes the abandoned call after its delay: wait for that, then the person has exactly two copies.
    const copies = await fake.waitForMessages(16, 2, 20_000)
    expect(copies.map((m) => m.text)).toEqual(['Nhắc 1', 'Nhắc 1'])
  })
})
