import type { Channel, Contact, ContactRole, Db } from './database.js'

/** A live contact with what the conversation needs to greet and scope them. */
export interface ContactView {
  id: number
  planId: number
  planCode: string
  timezone: string
  unitId: number | null
  unitCode: string | null
  unitName: string | null
  role: ContactRole
  displayName: string | null
  channel: Channel
  chatId: string
}

/** A contact with its stored dialog state, if it has one. */
export interface ContactWithConversation extends ContactView {
  conversation?: { state: unknown; version: number }
}

/**
 * Every live contact behind one platform identity (a person may serve
 * several units or plans), with each one's dialog state: one query for what
 * every incoming message needs first.
 */
export async function findContactsByIdentity(db: Db, channel: Channel, userId: string): Promise<ContactWithConversation[]> {
  const rows = await db
    .selectFrom('contacts as c')
    .innerJoin('plans as p', 'p.id', 'c.plan_id')
    .leftJoin('units as u', 'u.id', 'c.unit_id')
    .leftJoin('conversations as cv', 'cv.contact_id', 'c.id')
    .select(['cv.state as conversationState', 'cv.version as conversationVersion'])
    .select([
      'c.id',
      'c.plan_id as planId',
      'p.code as planCode',
      'p.timezone',
      'c.unit_id as unitId',
      'u.code as unitCode',
      'u.name as unitName',
      'c.role',
      'c.display_name as displayName',
      'c.channel',
      'c.chat_id as chatId',
    ])
    .where('c.channel', '=', channel)
    .where('c.user_id', '=', userId)
    .where('c.status', '<>', 'removed')
    .orderBy('c.id')
    .execute()
  return rows.map(({ conversationState, conversationVersion, ...c }) =>
    conversationVersion === null ? c : { ...c, conversation: { state: conversationState, version: conversationVersion } },
  )
}

/**
 * Link a platform identity to a unit (or as a leader). Linking the same
 * identity to the same unit twice returns the existing contact.
 */
export async function upsertContact(
  db: Db,
  c: { planId: number; unitId: number | null; role: ContactRole; displayName: string | null; channel: Channel; userId: string; chatId: string },
): Promise<number> {
  const existing = await db
    .selectFrom('contacts')
    .select('id')
    .where('plan_id', '=', c.planId)
    .where('channel', '=', c.channel)
    .where('user_id', '=', c.userId)
    .where('role', '=', c.role)
    .where('status', '<>', 'removed')
    .where((eb) => (c.unitId === null ? eb('unit_id', 'is', null) : eb('unit_id', '=', c.unitId)))
    .executeTakeFirst()
  if (existing) {
    await db.updateTable('contacts').set({ chat_id: c.chatId, status: 'active', status_note: null, ...(c.displayName ? { display_name: c.displayName } : {}) }).where('id', '=', existing.id).execute()
    return existing.id
  }
  const row = await db
    .insertInto('contacts')
    .values({ plan_id: c.planId, unit_id: c.unitId, role: c.role, display_name: c.displayName, channel: c.channel, user_id: c.userId, chat_id: c.chatId })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

/** Every contact of a plan, with unit codes, for `dondoc contacts`. */
export function listContacts(db: Db, planId: number) {
  return db
    .selectFrom('contacts as c')
    .leftJoin('units as u', 'u.id', 'c.unit_id')
    .select(['c.id', 'c.role', 'c.display_name', 'c.channel', 'c.user_id', 'c.chat_id', 'c.status', 'c.status_note', 'c.created_at', 'u.code as unit_code', 'u.name as unit_name'])
    .where('c.plan_id', '=', planId)
    .where('c.status', '<>', 'removed')
    .orderBy('u.position')
    .orderBy('c.id')
    .execute()
}

/**
 * Unlink a contact; its past answers keep naming it. A leader's private chat
 * stops receiving digests with it (groups they registered stay: see
 * `groupsRegisteredBy`). Returns false when there was none.
 */
export async function removeContact(db: Db, planId: number, contactId: number, now: Date): Promise<boolean> {
  const r = await db.updateTable('contacts').set({ status: 'removed', removed_at: now }).where('id', '=', contactId).where('plan_id', '=', planId).where('status', '<>', 'removed').executeTakeFirst()
  if (Number(r.numUpdatedRows) !== 1) return false
  await db.updateTable('leader_destinations').set({ active: false }).where('contact_id', '=', contactId).where('kind', '=', 'private').execute()
  return true
}

/** Live contacts of the standing office, who get a line when a unit submits. */
export function standingOfficeContacts(db: Db, planId: number): Promise<Pick<Contact, 'id' | 'channel' | 'chat_id'>[]> {
  return db
    .selectFrom('contacts as c')
    .innerJoin('units as u', 'u.id', 'c.unit_id')
    .select(['c.id', 'c.channel', 'c.chat_id'])
    .where('c.plan_id', '=', planId)
    .where('u.standing', '=', true)
    .where('c.status', '=', 'active')
    .execute()
}

/** Stop sending to a contact the platform says is gone (blocked the bot, deleted the chat). */
export async function markContactUnreachable(db: Db, contactId: number, note: string): Promise<void> {
  await db.updateTable('contacts').set({ status: 'unreachable', status_note: note.slice(0, 200) }).where('id', '=', contactId).where('status', '=', 'active').execute()
}

/** A contact's name and unit name, for notices about them. */
export function contactWithUnitName(db: Db, contactId: number): Promise<{ displayName: string | null; unitName: string | null } | undefined> {
  return db
    .selectFrom('contacts as c')
    .leftJoin('units as u', 'u.id', 'c.unit_id')
    .select(['c.display_name as displayName', 'u.name as unitName'])
    .where('c.id', '=', contactId)
    .executeTakeFirst()
}
