import { parseArgs } from 'node:util'
import type { Config } from '../../config.js'
import { runConsoleChat } from '../../channels/console/console-chat.js'
import { upsertContact } from '../../storage/contacts.js'
import { findUnitByCode } from '../../storage/units.js'
import { CliError } from '../cli-error.js'
import type { CommandIo } from '../command-io.js'
import { choosePlan, openForCommand } from '../open-database.js'
import { createServices } from '../services.js'
import { localDateTimeToInstant } from '../../domain/calendar/local-time.js'
import { op } from '../operator-messages.js'

/**
 * `dondoc chat --unit CODE`: the report conversation in the terminal, against
 * the same database, for trying the flow or training colleagues.
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
    await upsertContact(handle.db, { planId: plan.id, unitId: unit.id, role: 'reporter', displayName: name, channel: 'console', userId, chatId: userId })
    const services = createServices({ db: handle.db, config, now })
    await services.syncPeriods(now())
    io.progress(op.chatWelcome(unit.name, plan.code))
    await runConsoleChat({ engine: services.engine, userId, displayName: name, input: process.stdin, output: process.stdout, now, firstMessage: '/baocao' })
    return 0
  } finally {
    await handle.close()
  }
}
