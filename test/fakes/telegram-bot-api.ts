import http from 'node:http'
import type { AddressInfo } from 'node:net'

/** One call the bot made to the fake, as recorded. */
export interface RecordedCall {
  method: string
  params: Record<string, unknown>
  at: number
  /** Set when the fake answered with an error (injected failure, block or rate limit). */
  failed?: number
  /** Files uploaded with the call (multipart), by the parameter they fill ("photo", "document"). */
  files?: UploadedFile[]
}

/** A file the bot uploaded, as the fake received it. */
export interface UploadedFile {
  param: string
  name: string
  size: number
  bytes: Buffer
}

type Failure = { status: 429; retryAfter: number } | { status: 403; description?: string } | { status: 500 } | { status: 400 | 401 | 409; description?: string }

interface User {
  id: number
  first_name?: string
  username?: string
}

interface Chat {
  id: number
  type: 'private' | 'group' | 'supergroup'
  title?: string
}

/** Where a multipart call's uploaded files travel from the parser to the recorder. */
const FILES = Symbol('files') as unknown as string

/**
 * Read a multipart/form-data body as the Bot API does: text fields become
 * parameters (JSON ones parsed), uploaded files are recorded, and a
 * parameter naming a file with `attach://id` (grammY's way) names it.
 */
async function readMultipart(body: Buffer, type: string): Promise<Record<string, unknown>> {
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(type)
  if (!boundary) throw new Error(`multipart without boundary: ${type}`)
  const params: Record<string, unknown> = {}
  const uploads = new Map<string, { name: string; bytes: Buffer }>()
  for (const part of splitParts(body, `--${boundary[1] ?? boundary[2]}`)) {
    const headEnd = part.indexOf('\r\n\r\n')
    if (headEnd === -1) continue
    const head = part.subarray(0, headEnd).toString('utf8')
    const content = part.subarray(headEnd + 4)
    const name = /name="([^"]*)"/i.exec(head)?.[1]
    if (name === undefined) continue
    // grammY writes the file name unquoted (`filename=chart.png`); browsers quote it.
    const quoted = /filename=(?:"([^"]*)"|([^;\r\n]+))/i.exec(head)
    const filename = quoted ? (quoted[1] ?? quoted[2]!.trim()) : undefined
    if (filename !== undefined) uploads.set(name, { name: filename, bytes: Buffer.from(content) })
    else {
      const value = content.toString('utf8')
      params[name] = /^[[{]/.test(value) ? JSON.parse(value) : value
    }
  }
  const files: UploadedFile[] = []
  const used = new Set<string>()
  for (const [key, value] of Object.entries(params)) {
    const id = typeof value === 'string' && value.startsWith('attach://') ? value.slice('attach://'.length) : key
    const upload = uploads.get(id)
    if (!upload) continue
    files.push({ param: key, name: upload.name, size: upload.bytes.length, bytes: upload.bytes })
    used.add(id)
  }
  for (const [key, upload] of uploads) if (!used.has(key)) files.push({ param: key, name: upload.name, size: upload.bytes.length, bytes: upload.bytes })
  params[FILES] = files
  return params
}

/** The parts of a multipart body between its boundary lines, without their surrounding CRLFs. */
function splitParts(body: Buffer, delimiter: string): Buffer[] {
  const parts: Buffer[] = []
  let at = body.indexOf(delimiter)
  while (at !== -1) {
    const start = at + delimiter.length
    if (body.subarray(start, start + 2).toString() === '--') break
    const next = body.indexOf(`\r\n${delimiter}`, start)
    if (next === -1) break
    parts.push(body.subarray(start + 2, next)) // skip the CRLF after the delimiter
    at = next + 2
  }
  return parts
}

/**
 * A real HTTP server speaking the parts of the Telegram Bot API the product
 * uses, for grammY to talk to through `TELEGRAM_API_ROOT`. Tests type as
 * users, press buttons, read what the bot sent, and ask for 429/403/500.
 */
export function createFakeTelegram(opts: { username?: string; limits?: { perSecond?: number; perChatPerSecond?: number } } = {}) {
  const botInfo = { id: 1000, is_bot: true, first_name: 'Đôn đốc', username: opts.username ?? 'dondoc_test_bot', can_join_groups: true, can_read_all_group_messages: false, supports_inline_queries: false }
  const calls: RecordedCall[] = []
  const queue: Record<string, unknown>[] = []
  /** Redelivered updates bypass the offset, as a webhook retry or a lost confirmation would. */
  const forced = new WeakSet<Record<string, unknown>>()
  const waiters: (() => void)[] = []
  const failures: { method: string; failure: Failure; chatId?: string; times: number }[] = []
  const blocked = new Set<string>()
  const delays: { method: string; ms: number }[] = []
  let updateId = 1
  let messageId = 100
  let webhook: { url: string; secret?: string } | undefined
  const stats = { sendMessage: 0, tooManyRequests: 0 }
  const globalWindow: number[] = []
  const chatLast = new Map<string, number>()
  let server: http.Server | undefined
  let apiRoot = ''
  /** Set by rejectToken(): every call answers 401, as after a token was revoked in @BotFather. */
  let tokenRejected = false
  /** Chats whose sends wait until released (a slow platform for that chat). */
  const held = new Map<string, Promise<void>>()

  function push(update: Record<string, unknown>) {
    queue.push(update)
    for (const w of waiters.splice(0)) w()
    return update
  }

  function takeFailure(method: string, chatId: string | undefined): Failure | undefined {
    if (chatId && blocked.has(chatId) && method.startsWith('send')) return { status: 403, description: 'Forbidden: bot was blocked by the user' }
    const i = failures.findIndex((f) => f.method === method && (f.chatId === undefined || f.chatId === chatId))
    if (i === -1) return undefined
    const f = failures[i]!
    if (--f.times <= 0) failures.splice(i, 1)
    return f.failure
  }

  function overLimit(chatId: string, now: number): number | undefined {
    const limits = opts.limits
    if (!limits) return undefined
    while (globalWindow.length && globalWindow[0]! <= now - 1000) globalWindow.shift()
    if (limits.perSecond && globalWindow.length >= limits.perSecond) return 1
    const last = chatLast.get(chatId)
    if (limits.perChatPerSecond && last !== undefined && now - last < 1000 / limits.perChatPerSecond) return 1
    globalWindow.push(now)
    chatLast.set(chatId, now)
    return undefined
  }

  async function handle(method: string, params: Record<string, unknown>): Promise<{ status: number; body: unknown }> {
    if (tokenRejected) return { status: 401, body: { ok: false, error_code: 401, description: 'Unauthorized' } }
    const hold = params.chat_id !== undefined && method.startsWith('send') ? held.get(String(params.chat_id)) : undefined
    if (hold) await hold
    const now = Date.now()
    const d = delays.findIndex((x) => x.method === method)
    if (d !== -1) await new Promise((r) => setTimeout(r, delays.splice(d, 1)[0]!.ms))
    const files = params[FILES] as UploadedFile[] | undefined
    delete params[FILES]
    const call: RecordedCall = { method, params, at: now, ...(files ? { files } : {}) }
    if (method !== 'getUpdates') calls.push(call)
    const chatId = params.chat_id !== undefined ? String(params.chat_id) : undefined
    const failure = takeFailure(method, chatId)
    if (failure) {
      call.failed = failure.status
      if (failure.status === 429) stats.tooManyRequests++
      const description =
        failure.status === 429
          ? `Too Many Requests: retry after ${failure.retryAfter}`
          : failure.status === 500
            ? 'Internal Server Error'
            : (failure.description ?? { 400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 409: 'Conflict: terminated by other getUpdates request; make sure that only one bot instance is running' }[failure.status])
      return { status: failure.status, body: { ok: false, error_code: failure.status, description, ...(failure.status === 429 ? { parameters: { retry_after: failure.retryAfter } } : {}) } }
    }
    switch (method) {
      case 'getMe':
        return ok(botInfo)
      case 'getUpdates': {
        if (webhook) return { status: 409, body: { ok: false, error_code: 409, description: "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first" } }
        const offset = Number(params.offset ?? 0)
        if (offset) for (let i = queue.length - 1; i >= 0; i--) if (Number(queue[i]!.update_id) < offset && !forced.has(queue[i]!)) queue.splice(i, 1)
        if (!queue.length) {
          const timeout = Number(params.timeout ?? 0) * 1000
          await new Promise<void>((resolve) => {
            const timer = setTimeout(resolve, Math.min(timeout, 2000))
            waiters.push(() => {
              clearTimeout(timer)
              resolve()
            })
          })
        }
        const batch = queue.filter((u) => Number(u.update_id) >= offset || forced.has(u)).slice(0, Number(params.limit ?? 100))
        for (const u of batch) if (forced.has(u)) queue.splice(queue.indexOf(u), 1)
        return ok(batch)
      }
      case 'sendMessage': {
        const retry = overLimit(chatId!, now)
        if (retry) {
          call.failed = 429
          stats.tooManyRequests++
          return { status: 429, body: { ok: false, error_code: 429, description: `Too Many Requests: retry after ${retry}`, parameters: { retry_after: retry } } }
        }
        stats.sendMessage++
        return ok({ message_id: ++messageId, date: Math.floor(now / 1000), chat: { id: Number(chatId), type: 'private' }, text: params.text, ...(params.reply_markup ? { reply_markup: params.reply_markup } : {}) })
      }
      case 'editMessageText':
      case 'editMessageReplyMarkup':
        return ok(true)
      case 'answerCallbackQuery':
      case 'setMyCommands':
      case 'deleteMyCommands':
      case 'sendChatAction':
        return ok(true)
      case 'getMyCommands':
        return ok([...calls].reverse().find((c) => c.method === 'setMyCommands')?.params.commands ?? [])
      case 'setWebhook':
        webhook = { url: String(params.url), ...(params.secret_token ? { secret: String(params.secret_token) } : {}) }
        return ok(true)
      case 'deleteWebhook':
        webhook = undefined
        return ok(true)
      case 'getWebhookInfo':
        return ok({ url: webhook?.url ?? '', has_custom_certificate: false, pending_update_count: queue.length })
      case 'sendDocument':
      case 'sendPhoto':
        return ok({ message_id: ++messageId, date: Math.floor(now / 1000), chat: { id: Number(chatId), type: 'private' } })
      default:
        return { status: 404, body: { ok: false, error_code: 404, description: 'Not Found: method not found' } }
    }
  }

  function ok(result: unknown) {
    return { status: 200, body: { ok: true, result } }
  }

  function privateChat(user: User): Chat {
    return { id: user.id, type: 'private' }
  }

  function message(from: User, chat: Chat, extra: Record<string, unknown>) {
    return { message_id: ++messageId, date: Math.floor(Date.now() / 1000), from: { is_bot: false, first_name: 'Test', ...from }, chat, ...extra }
  }

  return {
    get apiRoot() {
      return apiRoot
    },
    botInfo,
    calls,
    stats,
    async start(): Promise<void> {
      server = http.createServer((req, res) => {
        const chunks: Buffer[] = []
        req.on('data', (c: Buffer) => chunks.push(c))
        req.on('end', () => {
          const m = /^\/bot([^/]+)\/(\w+)/.exec(req.url ?? '')
          if (!m) {
            res.writeHead(404).end()
            return
          }
          const body = Buffer.concat(chunks)
          const raw = body.toString('utf8')
          const type = req.headers['content-type'] ?? ''
          const parsed: Promise<Record<string, unknown>> =
            raw && type.includes('json')
              ? Promise.resolve(JSON.parse(raw) as Record<string, unknown>)
              : raw && type.includes('multipart')
                ? readMultipart(body, type)
                : Promise.resolve(raw ? Object.fromEntries(new URLSearchParams(raw)) : {})
          void parsed.then((params) => handle(m[2]!, params)).then(({ status, body }) => {
            res.writeHead(status, { 'content-type': 'application/json' })
            res.end(JSON.stringify(body))
          })
        })
      })
      await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve))
      apiRoot = `http://127.0.0.1:${(server!.address() as AddressInfo).port}`
    },
    async close(): Promise<void> {
      for (const w of waiters.splice(0)) w()
      await new Promise<void>((resolve) => {
        server?.close(() => resolve())
        server?.closeAllConnections()
      })
    },
    /** A user types a text (commands get a bot_command entity). */
    sendText(from: User, text: string, chat?: Chat) {
      const entities = text.startsWith('/') ? [{ type: 'bot_command', offset: 0, length: text.split(/\s/)[0]!.length }] : undefined
      return push({ update_id: updateId++, message: message(from, chat ?? privateChat(from), { text, ...(entities ? { entities } : {}) }) })
    },
    sendSticker(from: User) {
      return push({ update_id: updateId++, message: message(from, privateChat(from), { sticker: { file_id: 'st', file_unique_id: 'st', type: 'regular', width: 512, height: 512, is_animated: false, is_video: false } }) })
    },
    sendPhoto(from: User) {
      return push({ update_id: updateId++, message: message(from, privateChat(from), { photo: [{ file_id: 'ph', file_unique_id: 'ph', width: 90, height: 90 }] }) })
    },
    /** A user presses an inline button with this callback data. */
    pressButton(from: User, callbackData: string, chat?: Chat) {
      return push({
        update_id: updateId++,
        callback_query: { id: `cb${updateId}`, from: { is_bot: false, first_name: 'Test', ...from }, chat_instance: 'ci', data: callbackData, message: message({ id: botInfo.id, first_name: 'bot' }, chat ?? privateChat(from), { text: '…' }) },
      })
    },
    /** Deliver the same update again (same update_id), as Telegram does after a timeout. */
    redeliver(update: Record<string, unknown>) {
      const copy = { ...update }
      forced.add(copy)
      return push(copy)
    },
    /** Answer the next call(s) of a method with an error. */
    failNext(method: string, failure: Failure, opts: { chatId?: string; times?: number } = {}) {
      failures.push({ method, failure, ...(opts.chatId ? { chatId: opts.chatId } : {}), times: opts.times ?? 1 })
    },
    /** Answer the next call of a method only after `ms` (a slow or hanging API). */
    delayNext(method: string, ms: number) {
      delays.push({ method, ms })
    },
    /** Every call answers 401 Unauthorized from now on (a revoked token). */
    rejectToken() {
      tokenRejected = true
    },
    /** Sends to this chat wait until the returned function is called (the platform is slow for that chat). */
    holdChat(chatId: string | number): () => void {
      let release: () => void = () => undefined
      held.set(String(chatId), new Promise<void>((resolve) => (release = resolve)))
      return () => {
        held.delete(String(chatId))
        release()
      }
    },
    /** POST a raw body to the registered webhook (malformed JSON, an oversized body). */
    async postToWebhook(body: string | Uint8Array, secret?: string | null): Promise<number> {
      if (!webhook) throw new Error('no webhook set')
      const headers: Record<string, string> = { 'content-type': 'application/json' }
      const token = secret === undefined ? webhook.secret : secret
      if (token) headers['x-telegram-bot-api-secret-token'] = token
      const res = await fetch(webhook.url, { method: 'POST', headers, body })
      return res.status
    },
    /** Every send to this chat answers 403 "bot was blocked by the user". */
    blockChat(chatId: string | number) {
      blocked.add(String(chatId))
    },
    /** Messages delivered to a chat (failed calls excluded), in order. */
    messagesTo(chatId: string | number): { text: string; buttons: { text: string; data: string }[] }[] {
      return calls
        .filter((c) => c.method === 'sendMessage' && !c.failed && String(c.params.chat_id) === String(chatId))
        .map((c) => {
          const markup = c.params.reply_markup as { inline_keyboard?: { text: string; callback_data: string }[][] } | undefined
          return { text: String(c.params.text), buttons: (markup?.inline_keyboard ?? []).flat().map((b) => ({ text: b.text, data: b.callback_data })) }
        })
    },
    /** How many messages each chat received (failed calls excluded): a count above 1 for a one-message broadcast is a duplicate. */
    deliveredPerChat(): Map<string, number> {
      const perChat = new Map<string, number>()
      for (const c of calls) if (c.method === 'sendMessage' && !c.failed) perChat.set(String(c.params.chat_id), (perChat.get(String(c.params.chat_id)) ?? 0) + 1)
      return perChat
    },
    /**
     * The most messages the fake accepted within any one second (the window its
     * 429 rule uses: a send at t counts until t + 1000 ms, exclusive). Optionally
     * only from `since` (ms epoch).
     */
    busiestSecond(since = 0): number {
      const times = calls.filter((c) => c.method === 'sendMessage' && !c.failed && c.at >= since).map((c) => c.at)
      let busiest = 0
      for (let i = 0, j = 0; i < times.length; i++) {
        while (times[j]! <= times[i]! - 1000) j++
        busiest = Math.max(busiest, i - j + 1)
      }
      return busiest
    },
    /** Files delivered to a chat with sendPhoto/sendDocument (failed calls excluded), in order. */
    filesTo(chatId: string | number): { method: string; name: string; size: number; bytes: Buffer; caption?: string }[] {
      return calls
        .filter((c) => (c.method === 'sendPhoto' || c.method === 'sendDocument') && !c.failed && String(c.params.chat_id) === String(chatId))
        .flatMap((c) => (c.files ?? []).map((f) => ({ method: c.method, name: f.name, size: f.size, bytes: f.bytes, ...(c.params.caption ? { caption: String(c.params.caption) } : {}) })))
    },
    /** Resolve once `count` files reached the chat; reject after `timeoutMs` with what was sent. */
    async waitForFiles(chatId: string | number, count: number, timeoutMs = 20_000) {
      const deadline = Date.now() + timeoutMs
      for (;;) {
        const sent = this.filesTo(chatId)
        if (sent.length >= count) return sent
        if (Date.now() > deadline) throw new Error(`expected ${count} files to ${chatId}, got ${sent.length}: ${JSON.stringify(sent.map((f) => f.name))}`)
        await new Promise((r) => setTimeout(r, 20))
      }
    },
    /** Resolve once `count` messages reached the chat; reject after `timeoutMs` with what was sent. */
    async waitForMessages(chatId: string | number, count: number, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs
      for (;;) {
        const sent = this.messagesTo(chatId)
        if (sent.length >= count) return sent
        if (Date.now() > deadline) throw new Error(`expected ${count} messages to ${chatId}, got ${sent.length}: ${JSON.stringify(sent.map((m) => m.text))}`)
        await new Promise((r) => setTimeout(r, 20))
      }
    },
    /** POST an update to the registered webhook, with the right, a wrong or no secret. */
    async deliverToWebhook(update: Record<string, unknown>, secret?: string | null): Promise<number> {
      if (!webhook) throw new Error('no webhook set')
      const headers: Record<string, string> = { 'content-type': 'application/json' }
      const token = secret === undefined ? webhook.secret : secret
      if (token) headers['x-telegram-bot-api-secret-token'] = token
      const res = await fetch(webhook.url, { method: 'POST', headers, body: JSON.stringify(update) })
      return res.status
    },
    get webhook() {
      return webhook
    },
  }
}

export type FakeTelegram = ReturnType<typeof createFakeTelegram>
