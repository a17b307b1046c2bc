import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { describe, expect, it } from 'vitest'
import { createTelegramBot, runTelegram, type TelegramRunOptions } from '../../src/channels/telegram/telegram-bot.js'
import { createServices } from '../../src/cli/services.js'
import { createHttpServer } from '../../src/cli/http-server.js'
import { createInvite } from '../../src/conversation/invites.js'
import { createLogger } from '../../src/logger.js'
import { createFakeTelegram } from '../fakes/telegram-bot-api.js'
import { useChannelBed } from '../support/channel-bed.js'
import { testDatabaseKind } from '../support/test-database.js'
import { waitFor } from '../support/wait-for.js'

const NOW = new Date('2025-12-02T02:00:00Z')
const TOKEN = '123456:TEST-token'
const log = createLogger('silent')
const FAST = { baseMs: 20, capMs: 200 }

/** Health reports as a list, repeats of the same state and reason folded. */
function healthLog() {
  const states: string[] = []
  const health: TelegramRunOptions['health'] = (state, reason) => {
    const line = reason ? `${state}: ${reason}` : state
    if (states.at(-1) !== line) states.push(line)
  }
  return { states, health }
}

describe(`Telegram channel under platform faults (${testDatabaseKind})`, () => {
  const bed = useChannelBed(createFakeTelegram, NOW)

  function bot(apiRoot = bed.fake.apiRoot) {
    const services = createServices({ db: bed.t.db, config: { logLevel: 'silent' }, now: () => NOW, log })
    return createTelegramBot({ token: TOKEN, apiRoot, engine: services.engine, log, now: () => NOW })
  }

  it('answers another chat while one chat waits on a slow send, and keeps one chat\'s updates in order', async () => {
    const running = runTelegram(bot(), { mount: () => undefined, log, pollTimeoutSeconds: 1, retry: FAST })
    bed.cleanup.push(() => running.stop())
    await running.started
    const a = { id: 601, first_name: 'An' }
    const b = { id: 602, first_name: 'Bình' }
    const { code } = await createInvite(bed.t.db, { planId: bed.planId, planCode: 'ea-wy', unitCode: 'CAX', leader: false, now: NOW })
    bed.fake.sendText(a, `/start ${code}`)
    await bed.fake.waitForMessages(a.id, 1, 20_000)
    const release = bed.fake.holdChat(a.id)
    bed.fake.sendText(a, '/huongdan')
    bed.fake.sendText(a, '/tiendo')
    bed.fake.sendText(b, '/start')
    expect((await bed.fake.waitForMessages(b.id, 1, 20_000))[0]!.text).toContain('chưa được liên kết')
    expect(bed.fake.messagesTo(a.id)).toHaveLength(1)
    release()
    const toA = await bed.fake.waitForMessages(a.id, 3, 20_000)
    expect(toA[1]!.text).toContain('Hướng dẫn sử dụng Trợ lý Đôn đốc')
    expect(toA[2]!.text).toContain('Công an xã Ea Wy')
    expect(toA[2]!.text).not.toContain('Hướng dẫn')
  }, 60_000)

  it('a second poller of the same token (409) degrades the channel; polling retries and recovers', async () => {
    const { states, health } = healthLog()
    bed.fake.failNext('getUpdates', { status: 409 }, { times: 3 })
    const running = runTelegram(bot(), { mount: () => undefined, log, health, pollTimeoutSeconds: 1, retry: FAST })
    bed.cleanup.push(() => running.stop())
    await running.started
    await waitFor(() => states.at(-1) === 'ok', 20_000, 'ok after the conflict')
    expect(states).toEqual([
      'starting',
      'degraded: telegram getUpdates conflict (409: Conflict: terminated by other getUpdates request; make sure that only one bot instance is running): another process is receiving updates for this bot token; retrying',
      'ok',
    ])
    bed.fake.sendText({ id: 603, first_name: 'C' }, '/start')
    expect((await bed.fake.waitForMessages(603, 1, 20_000))[0]!.text).toContain('chưa được liên kết')
  }, 60_000)

  it('a rejected token (401) is one line naming TELEGRAM_BOT_TOKEN, the channel degraded, and stop is immediate', async () => {
    const { states, health } = healthLog()
    bed.fake.rejectToken()
    const running = runTelegram(bot(), { mount: () => undefined, log, health, retry: FAST })
    await waitFor(() => states.length >= 2, 20_000, 'degraded')
    expect(states).toEqual(['starting', 'degraded: TELEGRAM_BOT_TOKEN was rejected by Telegram (401 Unauthorized on getMe): set the token @BotFather gave and restart'])
    const t0 = Date.now()
    await running.stop()
    expect(Date.now() - t0).toBeLessThan(2000)
  }, 30_000)

  it('an unreachable API (closed port) degrades the channel; a server that never answers does not delay stop', async () => {
    const closed = http.createServer()
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r))
    const closedPort = (closed.address() as AddressInfo).port
    await new Promise<void>((r) => closed.close(() => r()))
    const { states, health } = healthLog()
    const down = runTelegram(bot(`http://127.0.0.1:${closedPort}`), { mount: () => undefined, log, health, retry: FAST })
    await waitFor(() => states.length >= 2, 20_000, 'degraded')
    expect(states[1]).toMatch(/^degraded: telegram unreachable on getMe \(.+\); retrying$/)

    const hanging = http.createServer(() => undefined) // accepts and never answers
    await new Promise<void>((r) => hanging.listen(0, '127.0.0.1', r))
    bed.cleanup.push(() => new Promise<void>((r) => (hanging.closeAllConnections(), hanging.close(() => r()))))
    const silent = runTelegram(bot(`http://127.0.0.1:${(hanging.address() as AddressInfo).port}`), { mount: () => undefined, log, retry: FAST })
    await new Promise((r) => setTimeout(r, 200)) // let getMe reach the silent server (not a readiness wait: stop must work at any moment)
    const t0 = Date.now()
    await Promise.all([down.stop(), silent.stop()])
    expect(Date.now() - t0).toBeLessThan(2000)
  }, 30_000)
})

describe(`Telegram webhook refuses bad requests over real HTTP (${testDatabaseKind})`, () => {
  const bed = useChannelBed(createFakeTelegram, NOW)

  it('401 for a wrong secret, 400 for malformed JSON or a non-update, 413 above 1 MB; a good update still works', async () => {
    const server = createHttpServer({ log, health: () => ({ ready: true }) })
    const port = await server.listen(0, '127.0.0.1')
    try {
      const services = createServices({ db: bed.t.db, config: { logLevel: 'silent' }, now: () => NOW, log })
      const b = createTelegramBot({ token: TOKEN, apiRoot: bed.fake.apiRoot, engine: services.engine, log, now: () => NOW })
      await runTelegram(b, { webhook: { url: `http://127.0.0.1:${port}/tg`, secret: 'hook_secret-1' }, mount: (p, h) => server.route(p, h), log }).started
      expect(await bed.fake.postToWebhook('{"update_id": 1, "message": ', 'wrong')).toBe(401)
      expect(await bed.fake.postToWebhook('{"update_id": 1, "message": ')).toBe(400)
      expect(await bed.fake.postToWebhook('[1, 2]')).toBe(400)
      expect(await bed.fake.postToWebhook(JSON.stringify({ update_id: 2, pad: 'x'.repeat(1024 * 1024) }))).toBe(413)
      const update = { update_id: 3, message: { message_id: 1, date: 0, chat: { id: 44, type: 'private' }, from: { id: 44, is_bot: false, first_name: 'D' }, text: '/start' } }
      expect(await bed.fake.deliverToWebhook(update)).toBe(200)
      expect(bed.fake.messagesTo(44).map((m) => m.text)).toEqual([expect.stringContaining('chưa được liên kết')])
    } finally {
      await server.close()
    }
  }, 30_000)
})
