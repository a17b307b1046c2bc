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
 * Spend an invite, first and atomically: one `update … where used_at is null
 * and not expired returning` decides who gets it. Under concurrent deliveries
 * the row lock makes every other transaction wait, then find it spent, so
 * exactly one wins. Undefined when the code is wrong, used or expired (ask
 * `findInviteByHash` which).
 */
export async function claimInvite(db: Db, codeHash: string, now: Date): Promise<InviteRow | undefined> {
  return db
    .updateTable('invites')
    .set({ used_at: now })
    .where('code_hash', '=', codeHash)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .returning(['id', 'plan_id', 'unit_id', 'role', 'display_name', 'expires_at', 'used_at'])
    .executeTakeFirst()
}

/** Record who a claimed invite linked, once the contact exists. */
export async function recordInviteUser(db: Db, inviteId: number, contactId: number): Promise<void> {
  await db.updateTable('invites').set({ used_by_contact_id: contactId }).where('id', '=', inviteId).execute()
}

/** Where a refused code attempt came from: chat, bot and (for used or expired codes) plan. */
export interface InviteAttempt {
  channel: Channel
  botId: string
  chatId: string
  planId: number | null
}

/** Remember a refused code (wrong, used or expired), for slowing down guessing. */
export async function recordInviteFailure(db: Db, a: InviteAttempt, now: Date): Promise<void> {
  await db.insertInto('invite_failures').values({ channel: a.channel, bot_id: a.botId, chat_id: a.chatId, plan_id: a.planId, failed_at: now }).execute()
}

/** How many refused codes a chat sent since a moment. */
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

/**
 * How many refused codes reached one bot since a moment, from every chat:
 * the limit across chats, since a wrong code names no plan.
 */
export async function countBotInviteFailures(db: Db, channel: Channel, botId: string, since: Date): Promise<number> {
  const r = await db
    .selectFrom('invite_failures')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('channel', '=', channel)
    .where('bot_id', '=', botId)
    .where('failed_at', '>=', since)
    .executeTakeFirstOrThrow()
  return Number(r.n)
}

/** How many used or expired codes of one plan were tried since a moment, on every channel. */
export async function countPlanInviteFailures(db: Db, planId: number, since: Date): Promise<number> {
  const r = await db
    .selectFrom('invite_failures')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('plan_id', '=', planId)
    .where('failed_at', '>=', since)
    .executeTakeFirstOrThrow()
  return Number(r.n)
}
