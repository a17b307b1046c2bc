import { findLeaderPlan } from '../../storage/leaders.js'
import { enrolWithCode } from '../enrolment.js'
import { looksLikeInviteCode } from '../invite-codes.js'
import { msg } from '../messages.js'
import type { Reply } from '../types.js'
import type { Route, Turn } from '../turn.js'

/** Commands reserved for leaders; unit heads get a polite refusal. */
export const LEADER_COMMANDS = new Set(['tonghop', 'xuatbaocao', 'chuanop', 'chitieu', 'nhac'])

/** `/tonghop`, `/xuatbaocao`, `/chuanop`, `/chitieu`, `/nhac`: answered in a leaders' group or a leader's private chat only. */
export const leaderCommand: Route<Turn, Reply[]> = {
  name: 'leader-command',
  async run(t) {
    if (!t.command || !LEADER_COMMANDS.has(t.command.name)) return undefined
    const planId = await findLeaderPlan(t.db, t.input)
    if (planId === undefined) return [{ text: msg.leadersOnly }]
    const replies = t.deps.leaderCommands ? await t.deps.leaderCommands(t.db, planId, t.command.name, t.command.arg, t.input.at, t.input.channel) : undefined
    return replies ?? [{ text: msg.notUnderstood }]
  },
}

/** In a group the bot takes no answers: a leader's code registers the group; report commands get a pointer to the private chat. */
export const groupChat: Route<Turn, Reply[]> = {
  name: 'group-chat',
  run(t) {
    if (t.input.chatType !== 'group') return undefined
    if (t.text && looksLikeInviteCode(t.text)) return enrolWithCode(t, t.text)
    if (t.command && ['baocao', 'tiendo', 'huy'].includes(t.command.name)) return [{ text: msg.groupNoReports }]
    return []
  },
}
