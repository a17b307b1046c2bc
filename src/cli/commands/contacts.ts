import { parseArgs } from 'node:util'
import type { Config } from '../../config.js'
import { recordAudit } from '../../storage/audit.js'
import { listContacts, removeContact } from '../../storage/contacts.js'
import { groupsRegisteredBy } from '../../storage/leaders.js'
import { cliActor } from '../cli-actor.js'
import { CliError } from '../cli-error.js'
import type { CommandIo } from '../command-io.js'
import { choosePlan, openForCommand } from '../open-database.js'
import { op } from '../operator-messages.js'

/** `dondoc contacts [--plan CODE]` lists who is linked where; `dondoc contacts remove ID` unlinks. */
export async function contactsCommand(args: string[], config: Config, io: CommandIo): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { plan: { type: 'string' } } })
  const handle = await openForCommand(config)
  try {
    const plan = await choosePlan(handle, values.plan)
    if (positionals[0] === 'remove') {
      const id = Number(positionals[1])
      if (!Number.isInteger(id)) throw new CliError(op.contactsRemoveUsage, 2)
      const now = io.now()
      // The removal and its audit line ("Nhật ký" names the OS user) in one transaction.
      const removed = await handle.db.transaction().execute(async (trx) => {
        if (!(await removeContact(trx, plan.id, id, now))) return false
        await recordAudit(trx, { planId: plan.id, operatorId: null, action: 'contact_removed', detail: { contact: id, by: cliActor() }, at: now })
        return true
      })
      if (!removed) throw new CliError(op.noSuchContact(id, plan.code))
      io.out(op.contactRemoved(id))
      // A removed leader's groups keep receiving digests until the operator removes them too.
      const groups = await groupsRegisteredBy(handle.db, id)
      if (groups.length) {
        io.out(op.contactLeaderGroupsLeft(groups.length))
        for (const g of groups) io.out(op.leaderGroupLine(g.id, g.title ?? op.noName, `${g.channel}:${g.chatId}`))
        io.out(op.leaderGroupsHowTo(groups.map((g) => g.id)))
      }
      return 0
    }
    if (positionals.length) throw new CliError(op.contactsUsage, 2)
    const rows = await listContacts(handle.db, plan.id)
    for (const c of rows) {
      const who = c.display_name ?? op.noName
      const where = c.role === 'leader' ? op.leader : `${c.unit_code} ${c.unit_name}`
      io.out(`#${c.id}  ${who}  ${c.channel}:${c.user_id}  ${where}${c.status === 'active' ? '' : `  [${c.status}${c.status_note ? ': ' + c.status_note : ''}]`}`)
    }
    io.out(op.contactsTotal(rows.length))
    return 0
  } finally {
    await handle.close()
  }
}
