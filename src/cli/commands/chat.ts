import { parseArgs } from 'node:util'
import type { Kysely } from 'kysely'
import type { Config } from '../../config.js'
import { runConsoleChat } from '../../channels/console/console-chat.js'
import { createConversationEngine, type ConversationEngine } from '../../conversation/engine.js'
import { createPlanDirectory } from '../../conversation/plan-directory.js'
import type { EngineInput } from '../../conversation/types.js'
import { createLogger } from '../../logger.js'
import { createLeaderCommands } from '../../reports/leader-commands.js'
import { syncPeriods } from '../../scheduler/period-sync.js'
import { upsertContact } from '../../storage/contacts.js'
import type { Database } from '../../storage/database.js'
import { withThrowawayTransaction } from '../../storage/throwaway.js'
import { findUnitByCode } from '../../storage/units.js'
import { CliError } from '../cli-error.js'
import type { CommandIo } from '../command-io.js'
import { choosePlan, openForCommand } from '../open-database.js'
import { localDateTimeToInstant } from '../../domain/calendar/local-time.js'
import { op } from '../operator-messages.js'

/**
 * `dondoc chat --unit CODE`: the report conversation in the terminal, against
 * the same database, for trying the flow or training colleagues. It is a
 * rehearsal: nothing it writes (the console contact, drafts, answers,
 * submissions, notices) is kept, so status, digests and contacts never see it.
 */
export async function chatCommand(args: string[], config: Config, io: CommandIo): Promise<number> {
  const { values } = parseArgs({ args, options: { unit: { type: 'string' }, plan: { type: 'string' }, name: { type: 'string' }, at: { type: 'string' } } })
  if (!values.unit) throw new CliError(op.chatUsage, 2)
  if (values.at && !/^\d{4}-\d{2}-\d{2}([ T]\d{2}:\d{2})?$/.test(values.at)) throw new CliError(op.badAt(values.at), 2)
  const handle = await openForCommand(config)
  try {
    const plan = await choosePlan(handle, values.plan)
    const unit = await findUnitByCode(handle.db, plan.id, values.unit)
    if (!unit) throw new CliError(op.unknownUnit(plan.code, values.unit))
    // --at lets trainers rehearse a period before it opens: the conversation runs at that local time.
    const now = values.at ? () => localDateTimeToInstant(values.at!.slice(0, 10), values.at!.slice(11, 16) || '09:00', plan.timezone) : io.now
    const userId = `console-${plan.code}-${unit.code}`
    const name = values.name ?? 'Cán bộ thử nghiệm'
    const engine = rehearsalEngine(handle.db, config, async (db, at) => {
      await upsertContact(db, { planId: plan.id, unitId: unit.id, role: 'reporter', displayName: name, channel: 'console', userId, chatId: userId })
      await syncPeriods(db, at)
    })
    io.progress(op.chatWelcome(unit.name, plan.code))
    await runConsoleChat({ engine, userId, displayName: name, input: process.stdin, output: process.stdout, now, firstMessage: '/baocao' })
    return 0
  } finally {
    await handle.close()
  }
}

/**
 * The engine of a rehearsal. Each line typed runs in a transaction that is
 * rolled back at its end: the setup (console contact, periods at the
 * rehearsal's time) and every earlier line are replayed first, then the new
 * line answered. Nothing is ever committed, and between lines the database is
 * free (a trainee may leave the terminal open for an hour without holding
 * locks, or the embedded database's one connection, meanwhile).
 */
export function rehearsalEngine(db: Kysely<Database>, config: Pick<Config, 'logLevel'>, setup: (trx: Kysely<Database>, at: Date) => Promise<void>): ConversationEngine {
  const log = createLogger(config.logLevel)
  const plans = createPlanDirectory()
  const earlier: EngineInput[] = []
  return {
    async handle(input) {
      return withThrowawayTransaction(db, async (trx, runner) => {
        await setup(trx, earlier[0]?.at ?? input.at)
        const engine = createConversationEngine({ db: runner, log, plans, leaderCommands: createLeaderCommands() })
        for (const past of earlier) await engine.handle(past)
        const out = await engine.handle(input)
        earlier.push(input)
        return out
      })
    },
  }
}
