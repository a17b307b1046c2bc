import { timingSafeEqual } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { ConversationEngine } from '../../conversation/engine.js'
import type { EngineInput } from '../../conversation/types.js'
import { callEngine } from '../engine-call.js'
import type { Logger } from '../../logger.js'
import { renderTextOnly } from '../text-only.js'
import { splitText } from '../../conversation/split-text.js'
import { type ZaloClient, type ZaloUpdate } from './zalo-client.js'

/** Zalo's limit on one message's text. */
export const ZALO_TEXT_LIMIT = 2000

/**
 * The Zalo channel: maps Zalo events to the engine and renders its replies as
 * plain text (Zalo has no buttons: choices become a numbered list, or the
 * words to type when the answer is itself a number).
 */
export function createZaloChannel(deps: { client: ZaloClient; engine: ConversationEngine; log: Logger; now: () => Date }) {
  /** Handle one event; safe to call twice for the same message (the engine dedupes on message_id). */
  async function handleUpdate(update: ZaloUpdate): Promise<void> {
    const m = update.message
    if (!m?.chat?.id || !m.from?.id || m.from.is_bot) return
    const kind = update.event_name
    const base = {
      channel: 'zalo' as const,
      updateId: `msg:${m.message_id}`,
      userId: String(m.from.id),
      chatId: String(m.chat.id),
      chatType: m.chat.chat_type === 'GROUP' ? ('group' as const) : ('private' as const),
      displayName: m.from.display_name ?? m.from.first_name ?? m.from.name ?? '',
      at: deps.now(),
    }
    let input: EngineInput
    if (kind === 'message.text.received' && typeof m.text === 'string') input = { ...base, text: m.text }
    else if (kind === 'message.image.received') input = { ...base, media: 'photo' }
    else if (kind === 'message.sticker.received') input = { ...base, media: 'sticker' }
    else if (kind === 'message.voice.received') input = { ...base, media: 'voice' }
    else return // unsupported content is withheld by Zalo: nothing to answer
    if (input.media && input.chatType === 'group') return
    for (const reply of await callEngine(deps.engine, input, deps.log)) {
      for (const part of splitText(renderTextOnly(reply), ZALO_TEXT_LIMIT)) if (part.trim()) await deps.client.sendMessage(input.chatId, part)
    }
  }

  let polling = false
  let loop: Promise<void> | undefined

  return {
    handleUpdate,
    /** Long polling: one update per getUpdates call, until stopped. */
    startPolling(opts: { timeoutSeconds?: number; errorDelayMs?: number } = {}) {
      polling = true
      loop = (async () => {
        while (polling) {
          try {
            const update = await deps.client.getUpdates(opts.timeoutSeconds ?? 30)
            if (update && polling) await handleUpdate(update)
          } catch (err) {
            deps.log.warn({ err }, 'zalo getUpdates failed')
            await new Promise((r) => setTimeout(r, opts.errorDelayMs ?? 2000))
          }
        }
      })()
    },
    async stopPolling() {
      polling = false
      await loop
    },
    /**
     * The webhook route: checks the secret header in constant time (401
     * otherwise), accepts the wrapped `{ok, result}` and the bare body,
     * answers at once and does the work after.
     */
    webhookHandler(secret: string) {
      const expected = Buffer.from(secret)
      return async (req: IncomingMessage, res: ServerResponse) => {
        const given = Buffer.from(String(req.headers['x-bot-api-secret-token'] ?? ''))
        if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
          res.writeHead(401, { 'content-type': 'text/plain' }).end('unauthorized')
          req.resume()
          return
        }
        const chunks: Buffer[] = []
        for await (const c of req) chunks.push(c as Buffer)
        let body: unknown
        try {
          body = JSON.parse(Buffer.concat(chunks).toString('utf8'))
        } catch {
          res.writeHead(400, { 'content-type': 'text/plain' }).end('bad json')
          return
        }
        const update = unwrap(body)
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}')
        if (update) await handleUpdate(update).catch((err: unknown) => deps.log.error({ err }, 'zalo webhook update failed'))
      }
    },
  }
}

/** Zalo sends `{ok, result: {event_name, message}}` or, sometimes, the bare event. */
function unwrap(body: unknown): ZaloUpdate | undefined {
  if (!body || typeof body !== 'object') return undefined
  const b = body as { result?: unknown; event_name?: unknown }
  if (b.result && typeof b.result === 'object') return b.result as ZaloUpdate
  if (typeof b.event_name === 'string') return body as ZaloUpdate
  return undefined
}
