import type { Db } from './database.js'

/** A contact's dialog state as stored; `version` guards against two writers. */
export interface StoredConversation<S> {
  state: S
  version: number
}

/** Load and lock a contact's conversation row for the rest of the transaction. */
export async function loadConversationForUpdate<S>(db: Db, contactId: number): Promise<StoredConversation<S> | undefined> {
  const row = await db.selectFrom('conversations').select(['state', 'version']).where('contact_id', '=', contactId).forUpdate().executeTakeFirst()
  return row ? { state: row.state as S, version: row.version } : undefined
}

/** Save a contact's dialog state (insert or replace). */
export async function saveConversation<S>(db: Db, contactId: number, state: S, now: Date): Promise<void> {
  const json = JSON.stringify(state)
  await db
    .insertInto('conversations')
    .values({ contact_id: contactId, state: json, updated_at: now })
    .onConflict((oc) => oc.column('contact_id').doUpdateSet((eb) => ({ state: json, updated_at: now, version: eb('conversations.version', '+', 1) })))
    .execute()
}
