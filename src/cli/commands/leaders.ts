import { parseArgs } from 'node:util'
import type { Config } from '../../config.js'
import { formatTimeAndDate } from '../../domain/calendar/local-time.js'
import { removeContact } from '../../storage/contacts.js'
import { deactivateLeaderDestination, findLeaderDestination, groupsRegisteredBy, listLeaderDestinationViews, type LeaderDestinationView } from '../../storage/leaders.js'
import { CliError } from '../cli-error.js'
import type { CommandIo } from '../command-io.js'
import { choosePlan, openForCommand } from '../open-database.js'
import { op } from '../operator-messages.js'

const nameOf = (d: LeaderDestinationView) => d.title ?? op.noName
const whereOf = (d: LeaderDestinationView) => `${d.channel}:${d.chatId}`

/**
 * `dondoc leaders [--plan CODE]` lists where the leaders' digests go;
 * `dondoc leaders remove ID [--with-groups]` stops one. Removing a leader's
 * private chat removes the leader; the groups they registered go too with
 * `--with-groups`, else they are listed with the command that removes them.
 */
export async function leadersCommand(args: string[], config: Config, io: CommandIo): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { plan: { type: 'string' }, 'with-groups': { type: 'boolean' } } })
  const handle = await openForCommand(config)
  try {
    const plan = await choosePlan(handle, values.plan)
    if (positionals[0] === 'remove') {
      const id = Number(positionals[1])
      if (!Number.isInteger(id) || positionals.length !== 2) throw new CliError(op.leadersRemoveUsage, 2)
      const lines = await handle.db.transaction().execute(async (db) => {
        const dest = await findLeaderDestination(db, plan.id, id)
        if (!dest || !(await deactivateLeaderDestination(db, plan.id, id))) throw new CliError(op.noSuchLeaderDestination(id, plan.code))
        const out = [op.leaderDestinationRemoved(id, op.leaderKind[dest.kind], nameOf(dest))]
        if (dest.kind !== 'private' || dest.contactId === null) return out
        if (await removeContact(db, plan.id, dest.contactId, io.now())) out.push(op.leaderContactRemoved(dest.contactId))
        const groups = await groupsRegisteredBy(db, dest.contactId)
        if (!groups.length) return out
        if (values['with-groups']) {
          for (const g of groups) if (await deactivateLeaderDestination(db, plan.id, g.id)) out.push(op.leaderDestinationRemoved(g.id, op.leaderKind.group, nameOf(g)))
          return out
        }
        return [...out, op.contactLeaderGroupsLeft(groups.length), ...groups.map((g) => op.leaderGroupLine(g.id, nameOf(g), whereOf(g))), op.leaderGroupsHowTo(groups.map((g) => g.id))]
      })
      for (const line of lines) io.out(line)
      return 0
    }
    if (positionals.length) throw new CliError(op.leadersUsage, 2)
    const rows = await listLeaderDestinationViews(handle.db, plan.id)
    if (!rows.length) io.out(op.noLeaderDestinations)
    for (const d of rows) {
      const by = d.contactId === null ? op.noName : `${d.registeredBy ?? op.noName} (#${d.contactId})`
      io.out(op.leaderLine(d.id, op.leaderKind[d.kind], nameOf(d), whereOf(d), by, formatTimeAndDate(d.createdAt, plan.timezone)))
    }
    io.out(op.leadersTotal(rows.length))
    return 0
  } finally {
    await handle.close()
  }
}
