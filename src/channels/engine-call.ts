import type { ConversationEngine } from '../conversation/engine.js'
import { msg } from '../conversation/messages.js'
import type { EngineInput, Reply } from '../conversation/types.js'
import type { Logger } from '../logger.js'

/**
 * Hand one input to the engine as every channel does: for a redelivered
 * update only the question on screen again (nothing was stored), and a short apology (nothing stored) when the engine
 * fails, so the person knows to send again.
 */
export async function callEngine(engine: ConversationEngine, input: EngineInput, log: Logger): Promise<Reply[]> {
  try {
    const out = await engine.handle(input)
    return out.replies
  } catch (err) {
    log.error({ err, channel: input.channel, updateId: input.updateId, chat: input.chatId }, 'engine failed on an update')
    return [{ text: msg.temporaryFailure }]
  }
}
