import type { ChannelSender, OutboundMessage, SendResult } from '../../delivery/outbound.js'
import { renderTextOnly } from '../text-only.js'
import { splitText } from '../../conversation/split-text.js'
import { ZALO_TEXT_LIMIT } from './zalo-channel.js'
import { ZaloApiError, type ZaloClient } from './zalo-client.js'

/** What the sender asks of the channel: is the token working, and tell it when it is refused. */
export interface ZaloTokenStatus {
  readonly available: boolean
  tokenRefused(err: ZaloApiError): void
}

/**
 * Delivers outbox rows on Zalo at a configurable pace (Zalo publishes no
 * numeric limit). Failures go back to the outbox, classified: 429, 403
 * (Zalo's "Internal server error"), 5xx and network errors are retried; a
 * refused token (401) pauses the channel and the row waits without spending
 * an attempt.
 */
export function createZaloSender(client: ZaloClient, opts: { perSecond?: number; status?: ZaloTokenStatus } = {}): ChannelSender {
  return {
    channel: 'zalo',
    limits: { perSecond: opts.perSecond ?? 10, perChatGapMs: 1000, perGroupPerMinute: 20 },
    isGroup: () => false,
    available: () => opts.status?.available ?? true,
    async send(message: OutboundMessage): Promise<SendResult> {
      try {
        // Zalo's bot API sends no files: a row's attachments are left out (its text says where to get them).
        for (const part of splitText(renderTextOnly(message.payload), ZALO_TEXT_LIMIT)) if (part.trim()) await client.sendMessageOnce(message.chatId, part)
        return { ok: true }
      } catch (err) {
        if (err instanceof ZaloApiError) {
          if (err.unauthorized) {
            opts.status?.tokenRefused(err)
            return { ok: false, kind: 'paused', method: err.method, code: err.code, message: err.description }
          }
          return { ok: false, kind: err.retryable ? 'retry' : 'permanent', method: err.method, code: err.code, message: err.description }
        }
        return { ok: false, kind: 'retry', method: 'sendMessage', code: null, message: err instanceof Error ? err.message : String(err) }
      }
    },
  }
}
