import type { Db } from './database.js'

/** A contact's dialog state as stored; `version` guards against two writers. */
export interface StoredConversation<S> {
  state: S
  version: number
}

/**
 * Raised when another process changed the same conversation between our read
 * and our write (two deliveries of one person's messages handled at once).
 * The caller rolls back and handles the input again.
 */
export class ConversationConflictError extends Error {
  constructor(readonly contactId: number) {
    super(`conversation of contact ${contactId} changed concurrently`)
    this.name = 'ConversationConflictError'
  }
}

/**
 * Save a contact's dialog state if it is still the version we read
 * (optimistic locking: no row lock is held between read and write);
 * `expectedVersion` undefined means "there was no row".
 */
export async function saveConversation<S>(db: Db, contactId: number, state: S, expectedVersion: number | undefined, now: Date): Promise<void> {
  const json = JSON.stringify(state)
  const row =
    expectedVersion === undefined
      ? await db
          .insertInto('conversations')
          .values({ contact_id: contactId, state: json, updated_at: now })
          .onConflict((oc) => oc.column('contact_id').doNothing())
          .returning('version')
          .executeTakeFirst()
      : await db
          .updateTable('conversations')
          .set((eb) => ({ state: json, updated_at: now, version: eb('version', '+', 1) }))
          .where('contact_id', '=', contactId)
          .where('version', '=', expectedVersion)
          .returning('version')
          .executeTakeFirst()
  if (!row) throw new ConversationConflictError(contactId)
}
