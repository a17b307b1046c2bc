import type { Channel } from '../storage/database.js'
import type { Attachment } from './types.js'

/** Whether an app can deliver files to a chat: Telegram can; Zalo's bot API and the console cannot. */
export function canSendFiles(channel: Channel): boolean {
  return channel === 'telegram'
}

/** A file's bytes as a reply attachment (base64, so it survives the outbox's JSON payload). */
export function toAttachment(kind: Attachment['kind'], file: { name: string; mime: string; bytes: Uint8Array }, caption?: string): Attachment {
  return { kind, name: file.name, mime: file.mime, base64: Buffer.from(file.bytes).toString('base64'), ...(caption ? { caption } : {}) }
}

/** An attachment's bytes back, for the channel that uploads them. */
export function attachmentBytes(a: Attachment): Buffer {
  return Buffer.from(a.base64, 'base64')
}
