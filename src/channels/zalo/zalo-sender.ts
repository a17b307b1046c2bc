import type { Reply } from '../../conversation/types.js'
import type { ChannelSender } from '../../scheduler/dispatcher.js'
import { Pacer } from '../../scheduler/pacer.js'
import { SendFailure } from '../../scheduler/send-failure.js'
import type { ClaimedMessage } from '../../storage/outbox.js'
import { renderTextOnly } from '../text-only.js'
import { splitText } from '../../conversation/split-text.js'
import { ZALO_TEXT_LIMIT } from './zalo-channel.js'
import { ZaloApiError, type ZaloClient } from './zalo-client.js'

/**
 * Delivers outbox rows on Zalo at a configurable pace (Zalo publishes no
 * numeric limit). Failures go back to the outbox, classified.
 */
export function createZaloSender(client: ZaloClient, perSecond = 10): ChannelSender {
  return {
    channel: 'zalo',
    pacer: new Pacer({ perSecond, perChatGapMs: 1000, perGroupPerMinute: 20 }),
    isGroup: () => false,
    async send(message: ClaimedMessage) {
      const reply = message.payload as Reply
      try {
        for (const part of splitText(renderTextOnly(reply), ZALO_TEXT_LIMIT)) await client.sendMessageOnce(message.chatId, part)
      } catch (err) {
        if (err instanceof ZaloApiError) {
          if (err.retryable) throw new SendFailure('retry', err.method, err.code, err.description)
          throw new SendFailure('permanent', err.method, err.code, err.description)
        }
        throw new SendFailure('retry', 'sendMessage', null, err instanceof Error ? err.message : String(err))
      }
    },
  }
}
