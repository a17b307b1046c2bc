import { Api, GrammyError, HttpError } from 'grammy'
import type { Reply } from '../../conversation/types.js'
import type { ChannelSender } from '../../scheduler/dispatcher.js'
import { Pacer, TELEGRAM_LIMITS } from '../../scheduler/pacer.js'
import { SendFailure } from '../../scheduler/send-failure.js'
import type { ClaimedMessage } from '../../storage/outbox.js'
import { toTelegramMessages } from './telegram-render.js'

/**
 * Delivers outbox rows (reminders, digests, notices) on Telegram. It uses its
 * own Api without auto-retry: the outbox decides about retries and pacing,
 * so a 429 must come back to it, not be slept on here.
 */
export function createTelegramSender(opts: { token: string; apiRoot: string; pacer?: Pacer; timeoutSeconds?: number }): ChannelSender {
  const api = new Api(opts.token, { apiRoot: opts.apiRoot, timeoutSeconds: opts.timeoutSeconds ?? 30 })
  return {
    channel: 'telegram',
    pacer: opts.pacer ?? new Pacer(TELEGRAM_LIMITS),
    // Telegram group and supergroup ids are negative.
    isGroup: (chatId) => chatId.startsWith('-'),
    async send(message: ClaimedMessage) {
      const reply = message.payload as Reply
      try {
        for (const part of toTelegramMessages(reply)) {
          await api.sendMessage(message.chatId, part.text, { parse_mode: 'HTML', ...(part.keyboard ? { reply_markup: part.keyboard } : {}) })
        }
      } catch (err) {
        throw toSendFailure(err)
      }
    },
  }
}

/** Classify a grammY error the way the outbox reacts to it. */
export function toSendFailure(err: unknown): SendFailure {
  if (err instanceof GrammyError) {
    if (err.error_code === 429) return new SendFailure('retry', err.method, 429, err.description, err.parameters.retry_after ?? 1)
    if (err.error_code === 403) return new SendFailure('blocked', err.method, 403, err.description)
    if (err.error_code >= 500) return new SendFailure('retry', err.method, err.error_code, err.description)
    return new SendFailure('permanent', err.method, err.error_code, err.description)
  }
  if (err instanceof HttpError) return new SendFailure('retry', 'sendMessage', null, err.message)
  return new SendFailure('retry', 'sendMessage', null, err instanceof Error ? err.message : String(err))
}
