import type { Channel, Db } from './database.js'

/** A message to send later, exactly once per dedupe key. */
export interface OutgoingMessage {
  planId: number | null
  dedupeKey: string
  kind: string
  channel: Channel
  chatId: string
  contactId: number | null
  payload: unknown
  runAfter: Date
  now: Date
  priority?: number
}

/**
 * Put a message in the outbox. The unique dedupe key makes a repeated tick,
 * a second instance or a retried transaction a no-op; returns whether a row
 * was added.
 */
export async function enqueueMessage(db: Db, m: OutgoingMessage): Promise<boolean> {
  const row = await db
    .insertInto('outbox')
    .values({
      plan_id: m.planId,
      dedupe_key: m.dedupeKey,
      kind: m.kind,
      channel: m.channel,
      chat_id: m.chatId,
      contact_id: m.contactId,
      payload: JSON.stringify(m.payload),
      priority: m.priority ?? 0,
      run_after: m.runAfter,
      created_at: m.now,
    })
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .returning('id')
    .executeTakeFirst()
  return row !== undefined
}
