import type { Db } from '../storage/database.js'
import { pruneSentOutbox } from '../storage/outbox.js'
import { pruneProcessedUpdates } from '../storage/processed-updates.js'

/** Sent messages (and their attempts) are kept this long for operators to look back on. */
export const KEEP_SENT_DAYS = 30
/** Update ids are kept this long: Telegram and Zalo redeliver for a day at most. */
export const KEEP_UPDATE_IDS_DAYS = 3

/** Delete what only mattered for a while, so tables do not grow for years. Returns how many rows went. */
export async function pruneOldRows(db: Db, now: Date): Promise<{ outbox: number; updates: number }> {
  const outbox = await pruneSentOutbox(db, new Date(now.getTime() - KEEP_SENT_DAYS * 86_400_000))
  const updates = await pruneProcessedUpdates(db, new Date(now.getTime() - KEEP_UPDATE_IDS_DAYS * 86_400_000))
  return { outbox, updates }
}
