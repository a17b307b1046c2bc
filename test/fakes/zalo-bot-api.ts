import http from 'node:http'
import { randomBytes } from 'node:crypto'
import type { AddressInfo } from 'node:net'
import type { ZaloUpdate } from '../../src/channels/zalo/zalo-client.js'

/** Zalo answers errors with HTTP 200 and `error_code` (403 is its transient "Internal server error"); httpStatus overrides for an nginx-level failure. */
type Failure = { errorCode: 429 | 401 | 403 | 500 | 400; httpStatus?: number }

/**
 * A real HTTP server speaking the Zalo Bot API as the reference describes it:
 * one update per getUpdates, 408 when idle, `ok:false` errors with HTTP 200
 * (403 being Zalo's transient "Internal server error"), 401 once the token is
 * reset, webhook delivery with the secret header (bare body as live Zalo
 * sends it, or the documented wrapper), and failures or slowness on demand.
 */
export function createFakeZalo(opts: { token?: string } = {}) {
  const token = opts.token ?? '12345:test-zalo-token'
  /** The token Zalo accepts now; resetToken() changes it as Zalo Bot Creator does. */
  let validToken = token
  const held = new Map<string, Promise<void>>()
  const queue: ZaloUpdate[] = []
  const waiters: (() => void)[] = []
  const sent: { method: string; params: Record<string, unknown>; at: number }[] = []
  const failures: { method: string; failure: Failure; times: number }[] = []
  const delays: { method: string; ms: number }[] = []
  let webhook: { url: string; secret: string } | undefined
  let server: http.Server | undefined
  let apiRoot = ''
  const stats = { sendMessage: 0, failed: 0 }

  function push(update: ZaloUpdate) {
    queue.push(update)
    for (const w of waiters.splice(0)) w()
    return update
  }

  async function handle(tok: string, method: string, params: Record<string, unknown>): Promise<{ status: number; body: unknown }> {
    if (tok !== validToken) return { status: 200, body: { ok: false, error_code: 401, description: 'Unauthorized' } }
    const hold = params.chat_id !== undefined && method.startsWith('send') ? held.get(String(params.chat_id)) : undefined
    if (hold) await hold
    const d = delays.findIndex((x) => x.method === method)
    if (d !== -1) await new Promise((r) => setTimeout(r, delays.splice(d, 1)[0]!.ms))
    const f = failures.findIndex((x) => x.method === method)
    if (f !== -1) {
      const failure = failures[f]!
      if (--failure.times <= 0) failures.splice(f, 1)
      stats.failed++
      const description = { 429: 'Quota exceeded', 401: 'Unauthorized', 403: 'Internal server error', 500: 'Internal error', 400: 'Bad request' }[failure.failure.errorCode]
      return { status: failure.failure.httpStatus ?? 200, body: { ok: false, error_code: failure.failure.errorCode, description } }
    }
    if (method !== 'getUpdates') sent.push({ method, params, at: Date.now() })
    switch (method) {
      case 'getMe':
        return ok({ id: '9000', account_name: 'dondoc_zalo_bot', account_type: 'BASIC', can_join_groups: true })
      case 'getUpdates': {
        if (webhook) return { status: 200, body: { ok: false, error_code: 400, description: 'Webhook is set; getUpdates is disabled' } }
        if (!queue.length) {
          await new Promise<void>((resolve) => {
            const timer = setTimeout(resolve, Math.min(Number(params.timeout ?? 30) * 1000, 1500))
            waiters.push(() => {
              clearTimeout(timer)
              resolve()
            })
          })
        }
        const update = queue.shift()
        return update ? ok(update) : { status: 200, body: { ok: false, error_code: 408, description: 'Request timeout' } }
      }
      case 'setWebhook': {
        const secret = String(params.secret_token ?? '')
        if (secret.length < 8 || secret.length > 256) return { status: 200, body: { ok: false, error_code: 400, description: 'secret_token must be 8-256 characters' } }
        webhook = { url: String(params.url), secret }
        return ok({ url: webhook.url, updated_at: Date.now() })
      }
      case 'deleteWebhook':
        webhook = undefined
        return ok({ url: '', updated_at: Date.now() })
      case 'getWebhookInfo':
        return ok({ url: webhook?.url ?? '', updated_at: Date.now() })
      case 'sendMessage': {
        const text = String(params.text ?? '')
        if (!text || text.length > 2000) return { status: 200, body: { ok: false, error_code: 400, description: 'text must be 1-2000 characters' } }
        stats.sendMessage++
        return ok({ message_id: randomBytes(8).toString('hex'), date: Date.now() })
      }
      case 'sendPhoto':
      case 'sendChatAction':
        return ok({ message_id: randomBytes(8).toString('hex'), date: Date.now() })
      default:
        return { status: 404, body: { ok: false, error_code: 404, description: 'Not found' } }
    }
  }

  function ok(result: unknown) {
    return { status: 200, body: { ok: true, result } }
  }

  function event(name: string, from: { id: string; display_name?: string }, chat: { id: string; chat_type: 'PRIVATE' | 'GROUP' } | undefined, text?: string): ZaloUpdate {
    return {
      event_name: name,
      message: { message_id: randomBytes(8).toString('hex'), date: Date.now(), from: { is_bot: false, ...from }, chat: chat ?? { id: from.id, chat_type: 'PRIVATE' }, ...(text !== undefined ? { text } : {}) },
    }
  }

  return {
    token,
    sent,
    stats,
    get apiRoot() {
      return apiRoot
    },
    async start() {
      server = http.createServer((req, res) => {
        const chunks: Buffer[] = []
        req.on('data', (c: Buffer) => chunks.push(c))
        req.on('end', () => {
          const m = /^\/bot([^/]+)\/(\w+)$/.exec(req.url ?? '')
          if (!m || req.method !== 'POST') {
            res.writeHead(404).end()
            return
          }
          const raw = Buffer.concat(chunks).toString('utf8')
          void handle(decodeURIComponent(m[1]!), m[2]!, raw ? (JSON.parse(raw) as Record<string, unknown>) : {}).then(({ status, body }) => {
            res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body))
          })
        })
      })
      await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve))
      apiRoot = `http://127.0.0.1:${(server!.address() as AddressInfo).port}`
    },
    async close() {
      for (const w of waiters.splice(0)) w()
      await new Promise<void>((resolve) => {
        server?.close(() => resolve())
        server?.closeAllConnections()
      })
    },
    sendText(from: { id: string; display_name?: string }, text: string, chat?: { id: string; chat_type: 'PRIVATE' | 'GROUP' }) {
      return push(event('message.text.received', from, chat, text))
    },
    sendImage: (from: { id: string }) => push(event('message.image.received', from, undefined)),
    sendSticker: (from: { id: string }) => push(event('message.sticker.received', from, undefined)),
    sendVoice: (from: { id: string }) => push(event('message.voice.received', from, undefined)),
    sendUnsupported: (from: { id: string }) => push(event('message.unsupported.received', from, undefined)),
    /** The same event again (same message_id), as Zalo sometimes delivers it. */
    redeliver: (update: ZaloUpdate) => push(JSON.parse(JSON.stringify(update)) as ZaloUpdate),
    /** Build an event without queueing it (for webhook delivery). */
    textEvent: (from: { id: string; display_name?: string }, text: string) => event('message.text.received', from, undefined, text),
    failNext(method: string, failure: Failure, opts: { times?: number } = {}) {
      failures.push({ method, failure, times: opts.times ?? 1 })
    },
    /** The token is reset in Zalo Bot Creator: the old one gets 401 until restoreToken(). */
    resetToken() {
      validToken = `${token}-reset`
    },
    restoreToken() {
      validToken = token
    },
    /** Sends to this chat wait until the returned function is called (the platform is slow for that chat). */
    holdChat(chatId: string): () => void {
      let release: () => void = () => undefined
      held.set(chatId, new Promise<void>((resolve) => (release = resolve)))
      return () => {
        held.delete(chatId)
        release()
      }
    },
    /** POST a raw body to the registered webhook (malformed JSON, an oversized body). */
    async postToWebhook(body: string | Uint8Array, secret?: string | null): Promise<number> {
      if (!webhook) throw new Error('no webhook set')
      const headers: Record<string, string> = { 'content-type': 'application/json' }
      const s = secret === undefined ? webhook.secret : secret
      if (s) headers['x-bot-api-secret-token'] = s
      return (await fetch(webhook.url, { method: 'POST', headers, body })).status
    },
    delayNext(method: string, ms: number) {
      delays.push({ method, ms })
    },
    messagesTo(chatId: string): string[] {
      return sent.filter((s) => s.method === 'sendMessage' && String(s.params.chat_id) === chatId).map((s) => String(s.params.text))
    },
    async waitForMessages(chatId: string, count: number, timeoutMs = 10_000): Promise<string[]> {
      const deadline = Date.now() + timeoutMs
      for (;;) {
        const got = this.messagesTo(chatId)
        if (got.length >= count) return got
        if (Date.now() > deadline) throw new Error(`expected ${count} messages to ${chatId}, got ${got.length}: ${JSON.stringify(got)}`)
        await new Promise((r) => setTimeout(r, 20))
      }
    },
    /** POST an event to the registered webhook, bare as live Zalo does (`wrapped: true` for the documented form); `secret: null` sends none. Returns the HTTP status. */
    async deliverToWebhook(update: ZaloUpdate, o: { secret?: string | null; wrapped?: boolean } = {}): Promise<number> {
      if (!webhook) throw new Error('no webhook set')
      const headers: Record<string, string> = { 'content-type': 'application/json' }
      const secret = o.secret === undefined ? webhook.secret : o.secret
      if (secret) headers['x-bot-api-secret-token'] = secret
      const body = o.wrapped === true ? { ok: true, result: update } : update
      const res = await fetch(webhook.url, { method: 'POST', headers, body: JSON.stringify(body) })
      return res.status
    },
  }
}

export type FakeZalo = ReturnType<typeof createFakeZalo>
