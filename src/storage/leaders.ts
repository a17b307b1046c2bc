import type { Channel, Db } from './database.js'

/**
 * Register (or re-activate) a chat that receives the leaders' digests. The
 * latest registration names who registered it and since when, so removing
 * that leader can offer to remove the chat too.
 */
export async function upsertLeaderDestination(
  db: Db,
  d: { planId: number; channel: Channel; chatId: string; kind: 'group' | 'private'; title: string | null; contactId: number | null; at: Date },
): Promise<void> {
  await db
    .insertInto('leader_destinations')
    .values({ plan_id: d.planId, channel: d.channel, chat_id: d.chatId, kind: d.kind, title: d.title, contact_id: d.contactId, active: true, created_at: d.at })
    .onConflict((oc) => oc.columns(['plan_id', 'channel', 'chat_id']).doUpdateSet({ active: true, title: d.title, kind: d.kind, contact_id: d.contactId, created_at: d.at }))
    .execute()
}

/** Every active leaders' destination of a plan. */
export function listLeaderDestinations(db: Db, planId: number) {
  return db.selectFrom('leader_destinations').selectAll().where('plan_id', '=', planId).where('active', '=', true).orderBy('id').execute()
}

/**
 * The plan a leader's message belongs to: a registered, active leaders'
 * group, or a leader contact writing privately. Undefined for anyone else.
 */
export async function findLeaderPlan(db: Db, who: { channel: Channel; chatType: 'private' | 'group'; chatId: string; userId: string }): Promise<number | undefined> {
  if (who.chatType === 'group') {
    const dest = await db.selectFrom('leader_destinations').select('plan_id').where('channel', '=', who.channel).where('chat_id', '=', who.chatId).where('active', '=', true).executeTakeFirst()
    return dest?.plan_id
  }
  const leader = await db.selectFrom('contacts').select('plan_id').where('channel', '=', who.channel).where('user_id', '=', who.userId).where('role', '=', 'leader').where('status', '<>', 'removed').executeTakeFirst()
  return leader?.plan_id
}

/** A leaders' destination as the operator sees it: where, what kind, who registered it, since when. */
export interface LeaderDestinationView {
  id: number
  kind: 'group' | 'private'
  channel: Channel
  chatId: string
  title: string | null
  contactId: number | null
  registeredBy: string | null
  createdAt: Date
}

const destinationView = (db: Db) =>
  db
    .selectFrom('leader_destinations as d')
    .leftJoin('contacts as c', 'c.id', 'd.contact_id')
    .select(['d.id', 'd.kind', 'd.channel', 'd.chat_id as chatId', 'd.title', 'd.contact_id as contactId', 'c.display_name as registeredBy', 'd.created_at as createdAt'])
    .where('d.active', '=', true)

/** Every active leaders' destination of a plan, for `dondoc leaders`. */
export function listLeaderDestinationViews(db: Db, planId: number): Promise<LeaderDestinationView[]> {
  return destinationView(db).where('d.plan_id', '=', planId).orderBy('d.id').execute()
}

/** One active destination of a plan, or undefined. */
export function findLeaderDestination(db: Db, planId: number, id: number): Promise<LeaderDestinationView | undefined> {
  return destinationView(db).where('d.plan_id', '=', planId).where('d.id', '=', id).executeTakeFirst()
}

/** The active groups a leader contact registered: they keep getting digests after the leader goes, unless removed too. */
export function groupsRegisteredBy(db: Db, contactId: number): Promise<LeaderDestinationView[]> {
  return destinationView(db).where('d.contact_id', '=', contactId).where('d.kind', '=', 'group').orderBy('d.id').execute()
}

/**
 * Stop a destination: no digest goes there and, for a group, its leader
 * commands are refused. Returns false when it was not active.
 */
export async function deactivateLeaderDestination(db: Db, planId: number, id: number): Promise<boolean> {
  const r = await db.updateTable('leader_destinations').set({ active: false }).where('plan_id', '=', planId).where('id', '=', id).where('active', '=', true).executeTakeFirst()
  return Number(r.numUpdatedRows) === 1
}
