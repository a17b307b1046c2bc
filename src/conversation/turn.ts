import type { Plan } from '../domain/plan-model.js'
import type { Logger } from '../logger.js'
import type { ContactView } from '../storage/contacts.js'
import type { Channel, Db } from '../storage/database.js'
import type { ConversationState } from './state.js'
import type { EngineInput, Reply } from './types.js'

/** How the engine learns a plan's model and working-day arithmetic; supplied by the composition root. */
export interface PlanDirectory {
  /** The validated plan model of a plan id (cached by the caller as it likes). */
  planModel(db: Db, planId: number): Promise<Plan>
  /** "còn 3 ngày làm việc" / "đã quá hạn 2 ngày" for a deadline, in the plan's calendar. */
  remainingText(plan: Plan, now: Date, due: Date): string
  /** The next working day's reminder time: when "nhắc lại ngày mai" reminds again. */
  nextWorkingMorning(plan: Plan, now: Date): Date
}

/**
 * Leaders' commands, supplied by the composition root (they read reports,
 * which sit above the engine). The channel tells whether files can be sent
 * back; undefined means a command they do not know.
 */
export type LeaderCommands = (db: Db, planId: number, command: string, arg: string | undefined, now: Date, channel: Channel) => Promise<Reply[] | undefined>

/** What the engine is built with. */
export interface EngineDeps {
  log: Logger
  plans: PlanDirectory
  leaderCommands?: LeaderCommands
  /** Each channel's bot identity (Telegram: the token's numeric part; Zalo: the part before ':'), '' when unknown. */
  botIds?: Partial<Record<Channel, string>>
}

/** A slash command as typed: `/tonghop quý 3` → { name: 'tonghop', arg: 'quý 3' }. */
export interface SlashCommand {
  name: string
  arg?: string
}

/** One input being handled, inside its transaction. */
export interface Turn {
  db: Db
  input: EngineInput
  deps: EngineDeps
  /** The text, trimmed; undefined for button presses and media. */
  text: string | undefined
  /** The text folded (no diacritics, lower case, single spaces), '' when there is none. */
  folded: string
  command: SlashCommand | undefined
}

/** A turn of someone linked to at least one unit as a reporter, with their dialog state. */
export interface ReporterTurn extends Turn {
  reporters: ContactView[]
  state: ConversationState
}

/** What one step of the conversation produced: the next state and the replies. */
export interface StepResult {
  state: ConversationState
  replies: Reply[]
}

/**
 * One entry of a routing table, the way grammY's `Composer.route` picks a
 * handler: the first route whose `run` returns a result handles the input;
 * `undefined` means "not mine, try the next".
 */
export interface Route<T, R> {
  name: string
  run(turn: T): Promise<R | undefined> | R | undefined
}

/** Run a routing table: the first route that answers wins. */
export async function routeTurn<T, R>(routes: readonly Route<T, R>[], turn: T): Promise<R | undefined> {
  for (const route of routes) {
    const result = await route.run(turn)
    if (result !== undefined) return result
  }
  return undefined
}

/** Parse `/name@bot arg…`. */
export function parseCommand(text: string): SlashCommand {
  const [head = '', ...rest] = text.slice(1).split(/\s+/)
  const name = head.split('@')[0]!.toLowerCase()
  const arg = rest.join(' ').trim()
  return arg ? { name, arg } : { name }
}

/** The reporters of distinct units, first contact of each. */
export function uniqueUnits(reporters: ContactView[]): ContactView[] {
  const seen = new Set<number>()
  return reporters.filter((r) => (r.unitId === null || seen.has(r.unitId) ? false : (seen.add(r.unitId), true)))
}
