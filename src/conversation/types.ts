import type { Channel } from '../storage/database.js'

/** A button or numbered option; `id` is short and stable, never the label. */
export interface Choice {
  id: string
  label: string
  /** A word that selects it when typed (for apps without buttons). */
  keyword?: string
}

/** One message from the bot: text plus optional choices, channel-neutral. */
export interface Reply {
  text: string
  choices?: Choice[]
  /** Question token the choices belong to; a press carrying another token is stale. */
  token?: number
  /**
   * The answer is typed as a number, so apps without buttons must not offer
   * numbered options ("2" is a value); they show the choices' keywords instead.
   */
  expectsNumber?: boolean
  /**
   * Choices are picked by words only, never by their position: the answer is
   * free text (a typed "2" is content) or the text already numbers something
   * else (the review's items). Apps without buttons list the words to type.
   */
  wordsOnly?: boolean
  /**
   * Files sent after the text (a chart, an exported report). Apps that cannot
   * send files show the text only, so the text must say where else to get them.
   */
  attachments?: Attachment[]
}

/**
 * A file for a reply. The bytes are base64 so a reply survives the outbox's
 * JSON payload unchanged (a Buffer would not).
 */
export interface Attachment {
  /** `photo` shows inline (a chart); `document` is a file to download. */
  kind: 'photo' | 'document'
  name: string
  mime: string
  base64: string
  caption?: string
}

/** What a person did, as every channel reports it. */
export interface EngineInput {
  channel: Channel
  /** The platform's update id; a second input with the same id changes nothing. */
  updateId: string
  /**
   * The bot the update came to (update ids are numbered per bot). Channels may
   * leave it out: the engine fills it from its `botIds`.
   */
  botId?: string
  userId: string
  chatId: string
  chatType: 'private' | 'group'
  chatTitle?: string
  displayName?: string
  at: Date
  text?: string
  choice?: { token: number; id: string }
  /** Non-text content (sticker, photo, voice, file): answered politely, never stored. */
  media?: 'sticker' | 'photo' | 'voice' | 'file' | 'other'
}

/** What the engine decided; replies go back to the sender once the transaction committed. */
export interface EngineOutput {
  replies: Reply[]
  /**
   * True when the update id was seen before: nothing was changed, and the
   * replies only show again the question on screen (possibly none).
   */
  duplicate: boolean
}
