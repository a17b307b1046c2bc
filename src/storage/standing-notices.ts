import type { Db } from './database.js'
import { standingOfficeContacts } from './contacts.js'
import { enqueueMessage } from './outbox.js'

/**
 * Queue one notice to every live contact of the plan's standing office
 * (a unit submitted, went away, or a contact blocked the bot), skipping the
 * contact the notice is about. `dedupeKey` is given the recipient's id, so a
 * retried transaction or tick adds nothing twice. Returns how many were added.
 */
export async function notifyStandingOffice(db: Db, n: { planId: number; text: string; dedupeKey: (recipientId: number) => string; exceptContactId?: number | null; now: Date }): Promise<number> {
  let added = 0
  for (const c of await standingOfficeContacts(db, n.planId)) {
    if (c.id === n.exceptContactId) continue
    const queued = await enqueueMessage(db, {
      planId: n.planId,
      dedupeKey: n.dedupeKey(c.id),
      kind: 'notice',
      channel: c.channel,
      chatId: c.chat_id,
      contactId: c.id,
      payload: { text: n.text },
      runAfter: n.now,
      now: n.now,
    })
    if (queued) added++
  }
  return added
}
