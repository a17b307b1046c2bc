import { msg } from '../conversation/messages.js'
import type { OutboundMessage, SendFailureInfo } from '../delivery/outbound.js'
import type { Db } from '../storage/database.js'
import { contactWithUnitName } from '../storage/contacts.js'
import { notifyStandingOffice } from '../storage/standing-notices.js'

/**
 * Tell the standing office that a contact blocked the bot, so someone calls
 * them: the bot can no longer reach that unit on that app.
 */
export async function notifyBlocked(db: Db, message: OutboundMessage, _failure: SendFailureInfo, now: Date): Promise<void> {
  if (message.contactId === null || message.planId === null) return
  const who = await contactWithUnitName(db, message.contactId)
  if (!who) return
  const contactId = message.contactId
  await notifyStandingOffice(db, {
    planId: message.planId,
    text: msg.blockedNotice(who.displayName ?? `#${contactId}`, who.unitName ?? ''),
    dedupeKey: (recipient) => `blocked:${contactId}:${recipient}`,
    exceptContactId: contactId,
    now,
  })
}
