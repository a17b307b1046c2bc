import { upsertContact } from '../storage/contacts.js'
import { claimInvite, countBotInviteFailures, countInviteFailures, countPlanInviteFailures, findInviteByHash, recordInviteFailure, recordInviteUser } from '../storage/invites.js'
import { upsertLeaderDestination } from '../storage/leaders.js'
import { findUnitById } from '../storage/units.js'
import { hashInviteCode } from './invite-codes.js'
import { msg } from './messages.js'
import type { Turn } from './turn.js'
import type { Reply } from './types.js'

/** Refused codes (wrong, used or expired) allowed per chat in the window before the bot stops checking. */
export const MAX_INVITE_FAILURES = 5
export const INVITE_FAILURE_WINDOW_MINUTES = 15
/**
 * Refused codes allowed per bot (every chat together) and per plan in an
 * hour: the per-chat limit alone let 100 chats try about 3,900 codes a
 * minute. An office hands out a few dozen codes; honest typos stay far below.
 */
export const MAX_GLOBAL_INVITE_FAILURES = 60
export const GLOBAL_INVITE_WINDOW_MINUTES = 60

/**
 * Spend an invite code typed (or passed through a deep link) by a person:
 * link them to their unit, or register them or their group as a leaders'
 * destination. The invite is spent first, atomically, so concurrent
 * deliveries of one code link exactly one person. Refused codes are counted
 * per chat, per bot and per plan, and slowed down.
 */
export async function enrolWithCode(t: Turn, code: string): Promise<Reply[]> {
  const { db, input } = t
  const botId = input.botId ?? ''
  const since = new Date(input.at.getTime() - INVITE_FAILURE_WINDOW_MINUTES * 60_000)
  if ((await countInviteFailures(db, input.channel, input.chatId, since)) >= MAX_INVITE_FAILURES) {
    return [{ text: msg.inviteSlowDown(INVITE_FAILURE_WINDOW_MINUTES) }]
  }
  const hourAgo = new Date(input.at.getTime() - GLOBAL_INVITE_WINDOW_MINUTES * 60_000)
  if ((await countBotInviteFailures(db, input.channel, botId, hourAgo)) >= MAX_GLOBAL_INVITE_FAILURES) {
    return [{ text: msg.inviteBusy(GLOBAL_INVITE_WINDOW_MINUTES) }]
  }
  const hash = hashInviteCode(code)
  const refuse = async (planId: number | null, text: string): Promise<Reply[]> => {
    await recordInviteFailure(db, { channel: input.channel, botId, chatId: input.chatId, planId }, input.at)
    const n = await countBotInviteFailures(db, input.channel, botId, hourAgo)
    if (n === Math.ceil(MAX_GLOBAL_INVITE_FAILURES / 2) || n === MAX_GLOBAL_INVITE_FAILURES) {
      t.deps.log.warn({ channel: input.channel, bot: botId, plan: planId, refusedInLastHour: n, limit: MAX_GLOBAL_INVITE_FAILURES }, n === MAX_GLOBAL_INVITE_FAILURES ? 'invite codes paused for this bot: too many refused codes in the last hour' : 'burst of refused invite codes')
    }
    return [{ text }]
  }

  const found = await findInviteByHash(db, hash)
  if (!found) return refuse(null, msg.inviteWrong)
  if ((await countPlanInviteFailures(db, found.plan_id, hourAgo)) >= MAX_GLOBAL_INVITE_FAILURES) {
    return [{ text: msg.inviteBusy(GLOBAL_INVITE_WINDOW_MINUTES) }]
  }
  if (found.used_at) return refuse(found.plan_id, msg.inviteUsed)
  if (found.expires_at.getTime() <= input.at.getTime()) return refuse(found.plan_id, msg.inviteExpired)
  if (found.role === 'reporter' && input.chatType === 'group') return [{ text: msg.groupNeedsLeaderCode }]

  // Spend first: whoever loses the race here has linked nothing yet.
  const invite = await claimInvite(db, hash, input.at)
  if (!invite) return refuse(found.plan_id, msg.inviteUsed)

  if (invite.role === 'reporter') {
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
    await recordInviteUser(db, invite.id, contactId)
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
  await recordInviteUser(db, invite.id, contactId)
  await upsertLeaderDestination(db, {
    planId: invite.plan_id,
    channel: input.channel,
    chatId: input.chatId,
    kind: input.chatType,
    title: input.chatTitle ?? input.displayName ?? null,
    contactId,
    at: input.at,
  })
  return [{ text: input.chatType === 'group' ? msg.enrolledLeaderGroup(input.chatTitle ?? '') : msg.enrolledLeader }]
}
