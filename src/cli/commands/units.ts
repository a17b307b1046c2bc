import { parseArgs } from 'node:util'
import type { Config } from '../../config.js'
import { listUnitsWithContacts } from '../../storage/units.js'
import type { CommandIo } from '../command-io.js'
import { choosePlan, openForCommand } from '../open-database.js'
import { op } from '../operator-messages.js'

/** `dondoc units [--plan CODE]`: the plan's units and who is enrolled for each. */
export async function unitsCommand(args: string[], config: Config, io: CommandIo): Promise<number> {
  const { values } = parseArgs({ args, options: { plan: { type: 'string' } } })
  const handle = await openForCommand(config)
  try {
    const plan = await choosePlan(handle, values.plan)
    const units = await listUnitsWithContacts(handle.db, plan.id)
    io.out(op.planHeading(plan.code, plan.title))
    const width = Math.max(4, ...units.map((u) => u.code.length))
    for (const u of units) {
      const flags = [u.standing ? op.unitFlags.standing : '', u.external ? op.unitFlags.external : ''].filter(Boolean).join(', ')
      const people = u.contacts.length ? u.contacts.map((c) => `${c.displayName ?? '#' + c.id} (${c.channel}${c.status === 'active' ? '' : ', ' + c.status})`).join('; ') : '-'
      io.out(op.unitLine(u.code.padEnd(width), u.name, flags, people))
    }
    const enrolled = units.filter((u) => u.contacts.length > 0).length
    io.out(op.unitsTotal(units.length, enrolled))
    return 0
  } finally {
    await handle.close()
  }
}
