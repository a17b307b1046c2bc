import { msg } from '../conversation/messages.js'
import type { Db } from '../storage/database.js'
import { standingOfficeContacts } from '../storage/contacts.js'
import { enqueueMessage, type ClaimedMessage } from '../storage/outbox.js'
import type { SendFailure } from './send-failure.js'

/**
 * Tell the standing office that a contact blocked the bot, so someone calls
 * them: the bot can no longer reach that unit on that app.
 */
export async function notifyBlocked(db: Db, message: ClaimedMessage, _failure: SendFailure, now: Date): Promise<void> {
  if (message.contactId === null || message.planId === null) return
  const who = await db
    .selectFrom('contacts as c')
    .leftJoin('units as u', 'u.id', 'c.unit_id')
    .select(['c.display_name', 'u.name'])
    .where('c.id', '=', message.contactId)
    .executeTakeFirst()
  if (!who) return
  for (const c of await standingOfficeContacts(db, message.planId)) {
    if (c.id === message.contactId) continue
    await enqueueMessage(db, {
      planId: message.planId,
      dedupeKey: `blocked:${message.contactId}:${c.id}`,
      kind: 'notice',
      channel: c.channel,
      chatId: c.chat_id,
      contactId: c.id,
      payload: { text: msg.blockedNotice(who.display_name ?? `#${message.contactId}`, who.name ?? '') },
      runAfter: now,
      now,
    })
  }
}
