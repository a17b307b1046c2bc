import { InputFile, type Api } from 'grammy'
import { attachmentBytes } from '../../conversation/attachments.js'
import type { Reply } from '../../conversation/types.js'
import { escapeHtml, toTelegramMessages } from './telegram-render.js'

/** Telegram's limit on a photo's or a document's caption. */
const CAPTION_LIMIT = 1024

/**
 * Send one reply to a chat: its text (split, keyboard on the last part),
 * then each attachment, a picture with `sendPhoto` and a file with
 * `sendDocument`, uploaded from memory. A reply with files and no text sends
 * the files only.
 */
export async function sendTelegramReply(api: Api, chatId: string | number, reply: Reply): Promise<void> {
  if (reply.text.trim() || !reply.attachments?.length) {
    for (const part of toTelegramMessages(reply)) {
      await api.sendMessage(chatId, part.text, { parse_mode: 'HTML', ...(part.keyboard ? { reply_markup: part.keyboard } : {}) })
    }
  }
  for (const a of reply.attachments ?? []) {
    const file = new InputFile(attachmentBytes(a), a.name)
    const caption = a.caption ? { caption: escapeHtml(a.caption.slice(0, CAPTION_LIMIT - 24)), parse_mode: 'HTML' as const } : {}
    if (a.kind === 'photo') await api.sendPhoto(chatId, file, caption)
    else await api.sendDocument(chatId, file, caption)
  }
}
