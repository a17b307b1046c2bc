import { InlineKeyboard } from 'grammy'
import type { Reply } from '../../conversation/types.js'
import { splitText } from '../../conversation/split-text.js'

/** Telegram's limit on one message's text. */
export const TELEGRAM_TEXT_LIMIT = 4096

/** Escape generated text for HTML parse mode (the least fragile mode for it). */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
}

/**
 * Callback data for a choice: the question token and the choice id. Both are
 * short ASCII, far below the 64-byte limit; labels never go in.
 */
export function encodeChoice(token: number, id: string): string {
  return `${token}|${id}`
}

/** Read callback data back; undefined for data this bot did not make. */
export function decodeChoice(data: string): { token: number; id: string } | undefined {
  const m = /^(\d{1,9})\|([\w:.-]{1,40})$/.exec(data)
  return m ? { token: Number(m[1]), id: m[2]! } : undefined
}

/** A reply as Telegram messages: split at 4096 characters, keyboard on the last part. */
export function toTelegramMessages(reply: Reply): { text: string; keyboard?: InlineKeyboard }[] {
  const parts = splitText(reply.text, TELEGRAM_TEXT_LIMIT - 100).map((p) => escapeHtml(p))
  const out: { text: string; keyboard?: InlineKeyboard }[] = parts.map((text) => ({ text }))
  if (reply.choices?.length && reply.token !== undefined) {
    const keyboard = new InlineKeyboard()
    const short = reply.choices.every((c) => c.label.length <= 16)
    reply.choices.forEach((c, i) => {
      keyboard.text(c.label, encodeChoice(reply.token!, c.id))
      if (!short || i % 2 === 1) keyboard.row()
    })
    out[out.length - 1]!.keyboard = keyboard
  }
  return out
}
