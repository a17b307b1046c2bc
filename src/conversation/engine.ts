import { findContactsByIdentity } from '../storage/contacts.js'
import { ConversationConflictError, saveConversation } from '../storage/conversations.js'
import type { Db } from '../storage/database.js'
import type { TransactionRunner } from '../storage/throwaway.js'
import { claimUpdate } from '../storage/processed-updates.js'
import { groupChat, leaderCommand } from './commands/leader.js'
import { answerNonReporter, startWithCode } from './commands/enrol.js'
import { loadDialogState } from './dialog-state.js'
import { msg } from './messages.js'
import { renderCurrent } from './render.js'
import { REPORTER_ROUTES } from './reporter-routes.js'
import { foldVietnamese } from '../domain/text-fold.js'
import { parseCommand, routeTurn, type EngineDeps, type Route, type Turn } from './turn.js'
import type { EngineInput, EngineOutput, Reply } from './types.js'

export type { LeaderCommands, PlanDirectory } from './turn.js'

/** The channel-agnostic dialog engine every channel calls. */
export interface ConversationEngine {
  handle(input: EngineInput): Promise<EngineOutput>
}

/**
 * Who is writing decides the table: enrolment codes, leaders' commands and
 * group chats first; then the person: not (yet) linked to a unit, or a
 * reporter in a conversation, whose state is loaded and saved here.
 */
const ROUTES: readonly Route<Turn, Reply[]>[] = [startWithCode, leaderCommand, groupChat, { name: 'person', run: converse }]

/**
 * Build the engine. Every input runs in one transaction: the update id is
 * claimed, the answer stored, the dialog state saved; replies are returned
 * only after commit, so nothing is acknowledged that was not stored, and a
 * redelivered update changes nothing but is answered with the question now
 * on screen (its reply may have been lost between commit and send).
 */
/** `db`: a Kysely, or a rehearsal's throwaway transaction (see `withThrowawayTransaction`). */
export function createConversationEngine(deps: EngineDeps & { db: TransactionRunner }): ConversationEngine {
  return {
    async handle(raw) {
      const input: EngineInput = { ...raw, botId: raw.botId ?? deps.botIds?.[raw.channel] ?? '' }
      for (let attempt = 1; ; attempt++) {
        try {
          return await deps.db.transaction().execute(async (db) => {
            if (!(await claimUpdate(db, input.channel, input.updateId, input.at, input.botId))) return { replies: await currentQuestion(db, input), duplicate: true }
            const text = input.text?.trim()
            const turn: Turn = { db, input, deps, text, folded: text !== undefined ? foldVietnamese(text) : '', command: text?.startsWith('/') ? parseCommand(text) : undefined }
            return { replies: (await routeTurn(ROUTES, turn)) ?? [], duplicate: false }
          })
        } catch (err) {
          // Someone else moved this conversation on meanwhile: everything was rolled back, try again on the new state.
          if (!(err instanceof ConversationConflictError) || attempt >= 3) throw err
          deps.log.debug({ contact: err.contactId, attempt }, 'conversation conflict, retrying')
        }
      }
    },
  }
}

/** A reporter's turn: load their dialog state (parsed, never cast), run the reporter routes, save the state. */
async function converse(t: Turn): Promise<Reply[]> {
  const contacts = await findContactsByIdentity(t.db, t.input.channel, t.input.userId)
  const reporters = contacts.filter((c) => c.role === 'reporter')
  if (!reporters.length) return answerNonReporter(t, contacts.length > 0)
  const home = reporters[0]!
  const loaded = loadDialogState(home.conversation?.state)
  if (loaded.reset) t.deps.log.warn({ contact: home.id }, 'stored dialog state could not be read; reset to idle')
  const result = (await routeTurn(REPORTER_ROUTES, { ...t, reporters, state: loaded.state }))!
  await saveConversation(t.db, home.id, result.state, home.conversation?.version, t.input.at)
  return loaded.reset ? [{ text: msg.stateReset }, ...result.replies] : result.replies
}

/**
 * A redelivered update, read-only: the platform sends it again when our reply
 * never left (the process died between commit and send). Show the question
 * the person is now on, so their next text answers what they were shown
 * instead of being stored against a question they never saw.
 */
async function currentQuestion(db: Db, input: EngineInput): Promise<Reply[]> {
  if (input.chatType !== 'private') return []
  const home = (await findContactsByIdentity(db, input.channel, input.userId)).find((c) => c.role === 'reporter')
  if (!home) return []
  const loaded = loadDialogState(home.conversation?.state)
  return loaded.reset || loaded.state.step === 'idle' ? [] : [renderCurrent(loaded.state)]
}
