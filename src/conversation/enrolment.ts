import type { Db } from '../storage/database.js'
import { upsertContact } from '../storage/contacts.js'
import { countInviteFailures, findInviteByHash, recordInviteFailure, spendInvite } from '../storage/invites.js'
import { upsertLeaderDestination } from '../storage/leaders.js'
import { findUnitById } from '../storage/units.js'
import { hashInviteCode } from './invite-codes.js'
import { msg } from './messages.js'
import type { EngineInput, Reply } from './types.js'

/** Wrong codes allowed per chat in the window before the bot stops checking. */
export const MAX_INVITE_FAILURES = 5
export const INVITE_FAILURE_WINDOW_MINUTES = 15

/**
 * Spend an invite code typed (or passed through a deep link) by a person:
 * link them to their unit, or register them or their group as a leaders'
 * destination. Wrong codes are counted per chat and slowed down.
 */
export async function enrolWithCode(db: Db, input: EngineInput, code: string): Promise<Reply[]> {
  const since = new Date(input.at.getTime() - INVITE_FAILURE_WINDOW_MINUTES * 60_000)
  if ((await countInviteFailures(db, input.channel, input.chatId, since)) >= MAX_INVITE_FAILURES) {
    return [{ text: msg.inviteSlowDown(INVITE_FAILURE_WINDOW_MINUTES) }]
  }
  const invite = await findInviteByHash(db, hashInviteCode(code))
  if (!invite) {
    await recordInviteFailure(db, input.channel, input.chatId, input.at)
    return [{ text: msg.inviteWrong }]
  }
  if (invite.used_at) {
    return [{ text: msg.inviteUsed }]
  }
  if (invite.expires_at.getTime() <= input.at.getTime()) return [{ text: msg.inviteExpired }]

  if (invite.role === 'reporter') {
    if (input.chatType === 'group') return [{ text: msg.groupNeedsLeaderCode }]
    const unit = await findUnitById(db, invite.unit_id!)
    if (!unit) throw new Error(`invite ${invite.id} names unit ${invite.unit_id}, which does not exist`)
    const contactId = await upsertContact(db, {
      planId: invite.plan_id,
      unitId: unit.id,
      role: 'reporter',
      displayName: input.displayName ?? invite.display_name,
      channel: input.channel,
      userId: input.userId,
      chatId: input.chatId,
    })
    if (!(await spendInvite(db, invite.id, contactId, input.at))) return [{ text: msg.inviteUsed }]
    return [{ text: msg.enrolled(unit.name) }]
  }

  const contactId = await upsertContact(db, {
    planId: invite.plan_id,
    unitId: null,
    role: 'leader',
    displayName: input.displayName ?? invite.display_name,
    channel: input.channel,
    userId: input.userId,
    chatId: input.chatType === 'private' ? input.chatId : input.userId,
  })
  if (!(await spendInvite(db, invite.id, contactId, input.at))) return [{ text: msg.inviteUsed }]
  await upsertLeaderDestination(db, {
    planId: invite.plan_id,
    channel: input.channel,
    chatId: input.chatId,
    kind: input.chatType,
    title: input.chatTitle ?? input.displayName ?? null,
    contactId,
  })
  return [{ text: input.chatType === 'group' ? msg.enrolledLeaderGroup(input.chatTitle ?? '') : msg.enrolledLeader }]
}
