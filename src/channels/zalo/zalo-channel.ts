import type { IncomingMessage, ServerResponse } from 'node:http'
import type { ConversationEngine } from '../../conversation/engine.js'
import { msg } from '../../conversation/messages.js'
import type { EngineInput, Reply } from '../../conversation/types.js'
import { callEngine } from '../engine-call.js'
import type { Logger } from '../../logger.js'
import { renderTextOnly } from '../text-only.js'
import { splitText } from '../../conversation/split-text.js'
import { type ChannelHealth, DEFAULT_RETRY_PACE, type RetryPace, retryDelayMs, sleep } from '../backoff.js'
import { createChatQueue } from '../chat-queue.js'
import { readWebhookJson } from '../webhook-request.js'
import { ZaloApiError, type ZaloClient, type ZaloUpdate } from './zalo-client.js'

/** Zalo's limit on one message's text. */
export const ZALO_TEXT_LIMIT = 2000

/**
 * Long-poll window, seconds. Short enough that a stop can let the poll in
 * flight finish (Zalo has no offset: an update handed to an aborted request
 * is lost) and still end well within 10 s.
 */
const DEFAULT_POLL_SECONDS = 5

/** Updates handled at once across chats before polling waits for some to finish. */
const MAX_IN_FLIGHT = 64

/** What the Zalo channel needs from the rest of the service. */
export interface ZaloChannelDeps {
  client: ZaloClient
  engine: ConversationEngine
  log: Logger
  now: () => Date
  /** Told 'starting', 'ok' or 'degraded' (with the reason) as the connection changes. */
  health?: ChannelHealth
  retry?: RetryPace
}

/**
 * The Zalo channel: maps Zalo events to the engine and renders its replies as
 * plain text (Zalo has no buttons: choices become a numbered list, or the
 * words to type when the answer is itself a number). Updates of different
 * chats are handled side by side, one chat's in order. It connects in the
 * background with a capped backoff; a refused token (401, reset in Zalo Bot
 * Creator) pauses it: `available` turns false so the outbox keeps its rows
 * waiting, and it probes getMe until the token works again.
 */
export function createZaloChannel(deps: ZaloChannelDeps) {
  const pace = deps.retry ?? DEFAULT_RETRY_PACE
  const health = deps.health ?? (() => undefined)
  const log = deps.log
  const queue = createChatQueue()
  /** Chats already told that their messages cannot be read (once per chat per run). */
  const toldUnsupported = new Set<string>()
  const abort = new AbortController()
  /** Ends a getUpdates in flight; only when it outlives the stop grace (an aborted poll may lose the update Zalo hands to it). */
  const pollAbort = new AbortController()
  let pollTimeoutSeconds = DEFAULT_POLL_SECONDS
  let paused = false
  let problem: string | undefined
  let running: Promise<void> | undefined

  function failed(err: unknown, during: string): void {
    if (err instanceof ZaloApiError && err.unauthorized) paused = true
    const reason = describeFailure(err, during)
    if (reason !== problem) (paused ? log.error : log.warn).call(log, { during, code: err instanceof ZaloApiError ? err.code : null }, reason)
    problem = reason
    health('degraded', reason)
  }

  function working(what: string): void {
    if (problem !== undefined) log.info(`zalo ${what} again`)
    problem = undefined
    paused = false
    health('ok')
  }

  /** An event as the engine's input; 'unsupported' for content Zalo withholds; undefined to ignore. */
  function toInput(update: ZaloUpdate): EngineInput | 'unsupported' | undefined {
    const m = update.message
    if (!m?.chat?.id || !m.from?.id || m.from.is_bot) return undefined
    const base = {
      channel: 'zalo' as const,
      updateId: `msg:${m.message_id}`,
      userId: String(m.from.id),
      chatId: String(m.chat.id),
      chatType: m.chat.chat_type === 'GROUP' ? ('group' as const) : ('private' as const),
      displayName: m.from.display_name ?? m.from.first_name ?? m.from.name ?? '',
      at: deps.now(),
    }
    const kind = update.event_name
    let input: EngineInput
    if (kind === 'message.text.received' && typeof m.text === 'string') input = { ...base, text: m.text }
    else if (kind === 'message.image.received') input = { ...base, media: 'photo' }
    else if (kind === 'message.sticker.received') input = { ...base, media: 'sticker' }
    else if (kind === 'message.voice.received') input = { ...base, media: 'voice' }
    else if (kind === 'message.unsupported.received') return base.chatType === 'private' ? 'unsupported' : undefined
    else return undefined
    if (input.media && input.chatType === 'group') return undefined // never answer media in groups
    return input
  }

  /** One update: the engine (then `accepted`: the answer is stored), then the replies. */
  async function processUpdate(update: ZaloUpdate, accepted: () => void): Promise<void> {
    const input = toInput(update)
    if (input === undefined) return accepted()
    if (input === 'unsupported') {
      accepted()
      const chatId = String(update.message.chat.id)
      if (toldUnsupported.has(chatId)) return
      toldUnsupported.add(chatId)
      return sendReplies(chatId, [{ text: msg.zaloContentWithheld }], update)
    }
    const replies = await callEngine(deps.engine, input, log)
    accepted()
    await sendReplies(input.chatId, replies, update)
  }

  /** Replies go straight out (the client retries 429, 403, 5xx a few times); one that still fails is logged. */
  async function sendReplies(chatId: string, replies: Reply[], update: ZaloUpdate): Promise<void> {
    try {
      for (const reply of replies) for (const part of splitText(renderTextOnly(reply), ZALO_TEXT_LIMIT)) if (part.trim()) await deps.client.sendMessage(chatId, part)
    } catch (err) {
      if (err instanceof ZaloApiError && err.unauthorized) failed(err, 'sendMessage')
      log.error({ err, chat: chatId, message: update.message.message_id }, 'zalo reply could not be sent')
    }
  }

  /** Queue an update behind its chat's earlier ones. */
  function enqueue(update: ZaloUpdate): { accepted: Promise<void>; done: Promise<void> } {
    let accept: () => void = () => undefined
    const accepted = new Promise<void>((resolve) => (accept = resolve))
    const key = update.message?.chat?.id ? String(update.message.chat.id) : '-'
    const done = queue
      .run(key, () => processUpdate(update, accept))
      .catch((err: unknown) => log.error({ err, chat: key }, 'zalo update failed'))
      .finally(accept)
    return { accepted, done }
  }

  /** Run `step` until it succeeds or the channel stops; false when stopped. */
  async function persist(during: string, step: () => Promise<unknown>): Promise<boolean> {
    for (let failures = 1; !abort.signal.aborted; failures++) {
      try {
        await step()
        return true
      } catch (err) {
        if (abort.signal.aborted) return false
        failed(err, during)
        await sleep(retryDelayMs(failures, pace), abort.signal)
      }
    }
    return false
  }

  /** Long polling: one update per getUpdates call, handed to the chat queues, until stopped. */
  async function poll(): Promise<void> {
    const signal = abort.signal
    for (let failures = 0; !signal.aborted; ) {
      try {
        if (paused) await deps.client.getMeOnce(signal) // the token was refused: probe before polling
        // Not aborted by stop(): the poll in flight may carry an update, which is then still handled.
        const update = await deps.client.getUpdates(pollTimeoutSeconds, pollAbort.signal)
        failures = 0
        working('long polling')
        if (update) void enqueue(update).done
        while (queue.size >= MAX_IN_FLIGHT && !signal.aborted) await sleep(20, signal)
      } catch (err) {
        if (signal.aborted) break
        failed(err, 'getUpdates')
        await sleep(retryDelayMs(++failures, pace), signal)
      }
    }
  }

  /** Webhook mode: nothing to poll, but a refused token is probed until it works again. */
  async function watchToken(): Promise<void> {
    while (!abort.signal.aborted) {
      await sleep(paused ? pace.capMs : pace.capMs * 5, abort.signal)
      if (!paused || abort.signal.aborted) continue
      await deps.client.getMeOnce(abort.signal).then(
        () => working('token'),
        (err: unknown) => abort.signal.aborted || failed(err, 'getMe'),
      )
    }
  }

  /**
   * The webhook route: secret checked in constant time (401), body bounded
   * (413), malformed JSON refused (400); the bare event (what Zalo sends
   * live) and the wrapped `{ok, result}` are both accepted. It answers 200
   * once the engine has stored the input, and sends the replies after.
   */
  function webhookHandler(secret: string) {
    return async (req: IncomingMessage, res: ServerResponse) => {
      const got = await readWebhookJson(req, res, { header: 'x-bot-api-secret-token', secret })
      if (!got) return
      const update = unwrap(got.body)
      if (update) await enqueue(update).accepted
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}')
    }
  }

  return {
    /** Handle one event (queued behind its chat's earlier ones); resolves once it is answered. */
    handleUpdate: (update: ZaloUpdate): Promise<void> => enqueue(update).done,
    /** False while Zalo refuses the token: the outbox then keeps this channel's rows waiting. */
    get available(): boolean {
      return !paused
    },
    /** A send met 401: pause the channel until the token works again. */
    tokenRefused(err: ZaloApiError): void {
      failed(err, err.method)
    },
    /**
     * Start in the background: getMe, then the webhook (mounted at once,
     * registered when Zalo answers) or long polling. Returns at once.
     */
    start(opts: { webhook?: { url: string; secret: string }; mount?: (path: string, handler: (req: IncomingMessage, res: ServerResponse) => Promise<void>) => void; pollTimeoutSeconds?: number } = {}): void {
      health('starting')
      pollTimeoutSeconds = opts.pollTimeoutSeconds ?? DEFAULT_POLL_SECONDS
      const hook = opts.webhook
      if (hook) opts.mount?.(new URL(hook.url).pathname, webhookHandler(hook.secret))
      running = (async () => {
        if (!(await persist('getMe', () => deps.client.getMeOnce(abort.signal)))) return
        if (hook) {
          if (!(await persist('setWebhook', () => deps.client.setWebhookOnce(hook.url, hook.secret, abort.signal)))) return
          log.info('zalo webhook set')
          working('webhook')
          return watchToken()
        }
        await deps.client.deleteWebhook().catch(() => undefined)
        log.info('zalo long polling')
        await poll()
      })()
    },
    /**
     * Stop: no new poll; the poll in flight may finish (it is aborted after
     * its window and a second); updates in hand get 3 s to send their replies.
     */
    async stop(): Promise<void> {
      abort.abort()
      const grace = setTimeout(() => pollAbort.abort(), pollTimeoutSeconds * 1000 + 1000)
      await running
      clearTimeout(grace)
      await Promise.race([queue.idle(), sleep(3000)])
    },
    /** The webhook route, for a server of the caller's own (start() mounts it itself). */
    webhookHandler,
  }
}

export type ZaloChannel = ReturnType<typeof createZaloChannel>

/** One line an operator can act on, naming the variable when the token is refused. */
function describeFailure(err: unknown, during: string): string {
  if (err instanceof ZaloApiError) {
    if (err.unauthorized) return `ZALO_BOT_TOKEN was rejected by Zalo (401 on ${during}): reset in Zalo Bot Creator? Set the new token and restart; outbox messages wait meanwhile`
    if (err.code === null) return `zalo unreachable on ${during} (${err.description}); retrying`
    return `zalo ${during} failed (${err.code}: ${err.description}); retrying`
  }
  return `zalo ${during} failed (${err instanceof Error ? err.message : String(err)}); retrying`
}

/** Zalo sends the bare event live; its docs show `{ok, result: event}`. */
function unwrap(body: unknown): ZaloUpdate | undefined {
  if (!body || typeof body !== 'object') return undefined
  const b = body as { result?: unknown; event_name?: unknown }
  if (typeof b.event_name === 'string') return body as ZaloUpdate
  if (b.result && typeof b.result === 'object' && typeof (b.result as { event_name?: unknown }).event_name === 'string') return b.result as ZaloUpdate
  return undefined
}
