import { describe, expect, it } from 'vitest'
import { createZaloChannel } from '../../src/channels/zalo/zalo-channel.js'
import { createZaloClient } from '../../src/channels/zalo/zalo-client.js'
import { createZaloSender } from '../../src/channels/zalo/zalo-sender.js'
import { createServices } from '../../src/cli/services.js'
import { createHttpServer } from '../../src/cli/http-server.js'
import { createInvite } from '../../src/conversation/invites.js'
import { msg } from '../../src/conversation/messages.js'
import { createLogger } from '../../src/logger.js'
import { createDispatcher } from '../../src/scheduler/dispatcher.js'
import { enqueueMessage } from '../../src/storage/outbox.js'
import { createFakeZalo } from '../fakes/zalo-bot-api.js'
import { useChannelBed } from '../support/channel-bed.js'
import { testDatabaseKind } from '../support/test-database.js'
import { waitFor } from '../support/wait-for.js'

const NOW = new Date('2025-12-02T02:00:00Z')
const log = createLogger('silent')
const FAST = { baseMs: 20, capMs: 200 }

describe(`Zalo channel under platform faults (${testDatabaseKind})`, () => {
  const bed = useChannelBed(createFakeZalo, NOW)

  function channel() {
    const services = createServices({ db: bed.t.db, config: { logLevel: 'silent' }, now: () => NOW, log })
    const client = createZaloClient({ token: bed.fake.token, apiRoot: bed.fake.apiRoot, retryBaseMs: 10 })
    const states: string[] = []
    const zalo = createZaloChannel({
      client,
      engine: services.engine,
      log,
      now: () => NOW,
      retry: FAST,
      health: (state, reason) => {
        const line = reason ? `${state}: ${reason}` : state
        if (states.at(-1) !== line) states.push(line)
      },
    })
    bed.cleanup.push(() => zalo.stop())
    return { client, zalo, states }
  }

  it('retries Zalo\'s 403 "Internal server error" (HTTP 200) on a reply, and the outbox classifies it as retryable', async () => {
    const { client } = channel()
    bed.fake.failNext('sendMessage', { errorCode: 403 })
    await client.sendMessage('c1', 'Xin chào')
    expect(bed.fake.messagesTo('c1')).toEqual(['Xin chào'])
    expect(bed.fake.stats).toEqual({ sendMessage: 1, failed: 1 })
    bed.fake.failNext('sendMessage', { errorCode: 403 })
    const result = await createZaloSender(client).send({ id: 1, planId: null, kind: 'reminder', channel: 'zalo', chatId: 'c2', contactId: null, payload: { text: 'Nhắc' }, attempts: 1, maxAttempts: 8 })
    expect(result).toEqual({ ok: false, kind: 'retry', method: 'sendMessage', code: 403, message: 'Internal server error' })
  })

  it('answers another chat while one chat waits on a slow send, and keeps one chat\'s messages in order', async () => {
    const { zalo } = channel()
    zalo.start({ pollTimeoutSeconds: 1 })
    const a = { id: 'za', display_name: 'An' }
    const b = { id: 'zb', display_name: 'Bình' }
    const { code } = await createInvite(bed.t.db, { planId: bed.planId, planCode: 'ea-wy', unitCode: 'CAX', leader: false, now: NOW })
    bed.fake.sendText(a, code)
    await bed.fake.waitForMessages(a.id, 1, 20_000)
    const release = bed.fake.holdChat(a.id)
    bed.fake.sendText(a, '/huongdan')
    bed.fake.sendText(a, '/tiendo')
    bed.fake.sendText(b, 'xin chào')
    expect((await bed.fake.waitForMessages(b.id, 1, 20_000))[0]).toContain('chưa được liên kết')
    expect(bed.fake.messagesTo(a.id)).toHaveLength(1)
    release()
    const toA = await bed.fake.waitForMessages(a.id, 3, 20_000)
    expect(toA[1]).toContain('Hướng dẫn sử dụng Trợ lý Đôn đốc')
    expect(toA[2]).toContain('Công an xã Ea Wy')
    expect(toA[2]).not.toContain('Hướng dẫn')
  }, 60_000)

  it('tells a sender whose content Zalo withholds, once, in Vietnamese', async () => {
    const { zalo } = channel()
    zalo.start({ pollTimeoutSeconds: 1 })
    const u = { id: 'zu' }
    bed.fake.sendUnsupported(u)
    bed.fake.sendUnsupported(u)
    bed.fake.sendText(u, 'xin chào')
    const sent = await bed.fake.waitForMessages(u.id, 2, 20_000)
    expect(sent[0]).toBe(msg.zaloContentWithheld)
    expect(sent[0]).toContain('không đọc được tin nhắn')
    expect(sent[1]).toContain('chưa được liên kết')
    expect(bed.fake.messagesTo(u.id)).toHaveLength(2)
  }, 60_000)

  it('a reset token (401) pauses the channel: health degraded naming ZALO_BOT_TOKEN, outbox rows wait without spending attempts, all resumes with the token', async () => {
    const { client, zalo, states } = channel()
    const sender = createZaloSender(client, { status: zalo, perSecond: 1000 })
    let clock = NOW
    const dispatcher = createDispatcher({ db: bed.t.db, senders: [sender], log, now: () => clock, worker: 'w1' })
    await enqueueMessage(bed.t.db, { planId: bed.planId, dedupeKey: 'z:1', kind: 'reminder', channel: 'zalo', chatId: 'zc', contactId: null, payload: { text: 'Nhắc báo cáo' }, runAfter: NOW, now: NOW })

    // Token reset while running: the send meets 401; the row goes back untouched and the channel pauses.
    bed.fake.resetToken()
    expect(await dispatcher.runOnce()).toBe(1)
    let row = await bed.t.db.selectFrom('outbox').select(['state', 'attempts']).executeTakeFirstOrThrow()
    expect(row).toEqual({ state: 'pending', attempts: 0 })
    expect(zalo.available).toBe(false)
    expect(states.at(-1)).toBe('degraded: ZALO_BOT_TOKEN was rejected by Zalo (401 on sendMessage): reset in Zalo Bot Creator? Set the new token and restart; outbox messages wait meanwhile')
    clock = new Date(NOW.getTime() + 60_000)
    expect(await dispatcher.runOnce()).toBe(0) // paused: nothing claimed
    expect(await bed.t.db.selectFrom('outbox').select(['state', 'attempts']).executeTakeFirstOrThrow()).toEqual({ state: 'pending', attempts: 0 })

    // At start getMe meets the same 401; once the token works again the channel resumes and the row goes out.
    zalo.start({ pollTimeoutSeconds: 1 })
    await waitFor(() => bed.fake.sent.length === 0 && states.some((s) => s.includes('401 on getMe')), 20_000, 'getMe refused')
    bed.fake.restoreToken()
    await waitFor(() => states.at(-1) === 'ok', 20_000, 'ok again')
    expect(zalo.available).toBe(true)
    expect(await dispatcher.runOnce()).toBe(1)
    row = await bed.t.db.selectFrom('outbox').select(['state', 'attempts']).executeTakeFirstOrThrow()
    expect(row).toEqual({ state: 'sent', attempts: 1 })
    expect(bed.fake.messagesTo('zc')).toEqual(['Nhắc báo cáo'])
  }, 60_000)

  it('webhook over real HTTP: 401 wrong secret, 400 malformed JSON, 413 above 1 MB, the bare event answered', async () => {
    const server = createHttpServer({ log, health: () => ({ ready: true }) })
    const port = await server.listen(0, '127.0.0.1')
    bed.cleanup.push(() => server.close())
    const { zalo, states } = channel()
    zalo.start({ webhook: { url: `http://127.0.0.1:${port}/zalo`, secret: 's3cret-value' }, mount: (p, h) => server.route(p, h) })
    await waitFor(() => states.at(-1) === 'ok', 20_000, 'webhook set')
    expect(await bed.fake.postToWebhook('{"event_name": "message.text.received"', 'wrong-secret')).toBe(401)
    expect(await bed.fake.postToWebhook('{"event_name": "message.text.received"')).toBe(400)
    expect(await bed.fake.postToWebhook(JSON.stringify({ event_name: 'message.text.received', pad: 'x'.repeat(1024 * 1024) }))).toBe(413)
    expect(await bed.fake.deliverToWebhook(bed.fake.textEvent({ id: 'zw' }, 'xin chào'))).toBe(200)
    expect((await bed.fake.waitForMessages('zw', 1, 20_000))[0]).toContain('chưa được liên kết')
    expect(await bed.t.db.selectFrom('processed_updates').select('update_id').execute()).toHaveLength(1)
  }, 60_000)
})
