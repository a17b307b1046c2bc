import { parseArgs } from 'node:util'
import type { Config } from '../../config.js'
import { runConsoleChat } from '../../channels/console/console-chat.js'
import { upsertContact } from '../../storage/contacts.js'
import { CliError } from '../cli-error.js'
import type { CommandIo } from '../command-io.js'
import { choosePlan, openForCommand } from '../open-database.js'
import { createServices } from '../services.js'

/**
 * `dondoc chat --unit CODE`: the report conversation in the terminal, against
 * the same database, for trying the flow or training colleagues.
 */
export async function chatCommand(args: string[], config: Config, io: CommandIo): Promise<number> {
  const { values } = parseArgs({ args, options: { unit: { type: 'string' }, plan: { type: 'string' }, name: { type: 'string' } } })
  if (!values.unit) throw new CliError('usage: dondoc chat --unit CODE [--plan CODE] [--name NAME]', 2)
  const handle = await openForCommand(config)
  try {
    const plan = await choosePlan(handle, values.plan)
    const unit = await handle.db.selectFrom('units').select(['id', 'name']).where('plan_id', '=', plan.id).where('code', '=', values.unit).where('archived_at', 'is', null).executeTakeFirst()
    if (!unit) throw new CliError(`plan ${plan.code} has no unit "${values.unit}"; see \`dondoc units\``)
    const userId = `console-${plan.code}-${values.unit}`
    const name = values.name ?? 'Cán bộ thử nghiệm'
    await upsertContact(handle.db, { planId: plan.id, unitId: unit.id, role: 'reporter', displayName: name, channel: 'console', userId, chatId: userId })
    const services = createServices({ db: handle.db, config, now: io.now })
    await services.syncPeriods(io.now())
    io.progress(`Đôn đốc, thử báo cáo cho ${unit.name} (${plan.code}). Gõ /thoat để kết thúc.`)
    await runConsoleChat({ engine: services.engine, userId, displayName: name, input: process.stdin, output: process.stdout, now: io.now, firstMessage: '/baocao' })
    return 0
  } finally {
    await handle.close()
  }
}
