import type { Channel, Db } from './database.js'

/**
 * Claim a platform update id. Returns false when it was already processed:
 * Telegram and Zalo redeliver, and a redelivered update must change nothing.
 * Ids are numbered per bot, so the bot's identity is part of the key: after a
 * token change the new bot's ids start over without colliding.
 * Call inside the transaction that applies the update, so a crash undoes both.
 */
export async function claimUpdate(db: Db, channel: Channel, updateId: string, now: Date, botId = ''): Promise<boolean> {
  const r = await db
    .insertInto('processed_updates')
    .values({ channel, bot_id: botId, update_id: updateId, processed_at: now })
    .onConflict((oc) => oc.columns(['channel', 'bot_id', 'update_id']).doNothing())
    .returning('update_id')
    .executeTakeFirst()
  return r !== undefined
}

/** Forget update ids older than `olderThan`: the platforms redeliver for a day at most. */
export async function pruneProcessedUpdates(db: Db, olderThan: Date): Promise<number> {
  const r = await db.deleteFrom('processed_updates').where('processed_at', '<', olderThan).executeTakeFirst()
  return Number(r.numDeletedRows)
}
