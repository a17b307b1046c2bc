import type { Channel, Db } from './database.js'

/** Register (or re-activate) a chat that receives the leaders' digests. */
export async function upsertLeaderDestination(
  db: Db,
  d: { planId: number; channel: Channel; chatId: string; kind: 'group' | 'private'; title: string | null; contactId: number | null },
): Promise<void> {
  await db
    .insertInto('leader_destinations')
    .values({ plan_id: d.planId, channel: d.channel, chat_id: d.chatId, kind: d.kind, title: d.title, contact_id: d.contactId, active: true })
    .onConflict((oc) => oc.columns(['plan_id', 'channel', 'chat_id']).doUpdateSet({ active: true, title: d.title, kind: d.kind }))
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
