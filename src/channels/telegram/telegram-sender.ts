import { Api, GrammyError, HttpError } from 'grammy'
import type { ChannelSender, OutboundMessage, PaceLimits, SendResult } from '../../delivery/outbound.js'
import { sendTelegramReply } from './telegram-reply.js'

/**
 * Telegram's limits: 30 messages/s for the bot (replies and broadcasts together), 1/s per chat, 20/min per
 * group. No place is kept free for replies: a reply books the next free place in the same window
 * (under 0.6 s during a full broadcast in bench:fanout), and the broadcast reaches 0.97 of the limit;
 * keeping one place a second free made replies instant but held the broadcast to 0.93.
 */
export const TELEGRAM_LIMITS: PaceLimits = { perSecond: 30, replyReserve: 0, perChatGapMs: 1000, perGroupPerMinute: 20 }

/**
 * Delivers outbox rows (reminders, digests, notices) on Telegram. It uses its
 * own Api without auto-retry: the outbox decides about retries and pacing,
 * so a 429 must come back to it, not be slept on here.
 */
export function createTelegramSender(opts: { token: string; apiRoot: string; limits?: PaceLimits; timeoutSeconds?: number }): ChannelSender {
  const api = new Api(opts.token, { apiRoot: opts.apiRoot, timeoutSeconds: opts.timeoutSeconds ?? 30 })
  return {
    channel: 'telegram',
    botId: opts.token.split(':')[0] ?? '',
    limits: opts.limits ?? TELEGRAM_LIMITS,
    // Telegram group and supergroup ids are negative.
    isGroup: (chatId) => chatId.startsWith('-'),
    async send(message: OutboundMessage): Promise<SendResult> {
      try {
        await sendTelegramReply(api, message.chatId, message.payload)
        return { ok: true }
      } catch (err) {
        return toSendFailure(err)
      }
    },
  }
}

/** Classify a grammY error the way the outbox reacts to it. */
export function toSendFailure(err: unknown): SendResult {
  if (err instanceof GrammyError) {
    const base = { ok: false as const, method: err.method, code: err.error_code, message: err.description }
    if (err.error_code === 429) return { ...base, kind: 'retry', retryAfterSeconds: err.parameters.retry_after ?? 1 }
    if (err.error_code === 403) return { ...base, kind: 'blocked' }
    if (err.error_code >= 500) return { ...base, kind: 'retry' }
    return { ...base, kind: 'permanent' }
  }
  return { ok: false, kind: 'retry', method: 'sendMessage', code: null, message: err instanceof HttpError || err instanceof Error ? err.message : String(err) }
}
