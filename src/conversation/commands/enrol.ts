import { enrolWithCode } from '../enrolment.js'
import { looksLikeInviteCode } from '../invite-codes.js'
import { msg } from '../messages.js'
import type { Reply } from '../types.js'
import type { Route, Turn } from '../turn.js'

/** `/start CODE` (a deep link or typed): spend the invite, whoever sends it. */
export const startWithCode: Route<Turn, Reply[]> = {
  name: 'start-with-code',
  run: (t) => (t.command?.name === 'start' && t.command.arg ? enrolWithCode(t, t.command.arg) : undefined),
}

/**
 * Someone the bot does not know as a reporter, in private: a typed code
 * enrols them; a leader gets the help; a stranger the welcome.
 */
export async function answerNonReporter(t: Turn, knownAsLeader: boolean): Promise<Reply[]> {
  if (t.text && looksLikeInviteCode(t.text)) return enrolWithCode(t, t.text)
  return [{ text: knownAsLeader ? msg.help : msg.welcomeUnknown }]
}
