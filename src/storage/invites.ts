import type { Db, ContactRole, Channel } from './database.js'

/** A pending invite as enrolment needs it. */
export interface InviteRow {
  id: number
  plan_id: number
  unit_id: number | null
  role: ContactRole
  display_name: string | null
  expires_at: Date
  used_at: Date | null
}

/** Store a new invite; only the code's hash is kept. */
export async function insertInvite(
  db: Db,
  invite: { planId: number; unitId: number | null; role: ContactRole; displayName: string | null; codeHash: string; expiresAt: Date },
): Promise<number> {
  const row = await db
    .insertInto('invites')
    .values({ plan_id: invite.planId, unit_id: invite.unitId, role: invite.role, display_name: invite.displayName, code_hash: invite.codeHash, expires_at: invite.expiresAt })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

/** The invite with this code hash, used or not. */
export function findInviteByHash(db: Db, codeHash: string): Promise<InviteRow | undefined> {
  return db.selectFrom('invites').select(['id', 'plan_id', 'unit_id', 'role', 'display_name', 'expires_at', 'used_at']).where('code_hash', '=', codeHash).executeTakeFirst()
}

/**
 * Spend an invite. Returns false when someone else spent it first: the
 * `used_at is null` guard makes a code single-use even under races.
 */
export async function spendInvite(db: Db, inviteId: number, contactId: number, now: Date): Promise<boolean> {
  const r = await db
    .updateTable('invites')
    .set({ used_at: now, used_by_contact_id: contactId })
    .where('id', '=', inviteId)
    .where('used_at', 'is', null)
    .executeTakeFirst()
  return Number(r.numUpdatedRows) === 1
}

/** Remember a wrong code from a chat, for slowing down guessing. */
export async function recordInviteFailure(db: Db, channel: Channel, chatId: string, now: Date): Promise<void> {
  await db.insertInto('invite_failures').values({ channel, chat_id: chatId, failed_at: now }).execute()
}

/** How many wrong codes a chat sent since a moment. */
export async function countInviteFailures(db: Db, channel: Channel, chatId: string, since: Date): Promise<number> {
  const r = await db
    .selectFrom('invite_failures')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('channel', '=', channel)
    .where('chat_id', '=', chatId)
    .where('failed_at', '>=', since)
    .executeTakeFirstOrThrow()
  return Number(r.n)
}
