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
