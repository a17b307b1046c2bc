import { parseArgs } from 'node:util'
import QRCode from 'qrcode'
import type { Config } from '../../config.js'
import { formatTimeAndDate } from '../../domain/calendar/local-time.js'
import { recordAudit } from '../../storage/audit.js'
import { listOperators, removeOperator } from '../../storage/operators.js'
import { addOperator, issueLoginCode, loginLink } from '../../web/login-codes.js'
import { cliActor } from '../cli-actor.js'
import { CliError } from '../cli-error.js'
import type { CommandIo } from '../command-io.js'
import { choosePlan, openForCommand } from '../open-database.js'
import { op } from '../operator-messages.js'

/**
 * `dondoc operator add|list|link|remove`: who may open the web page. Adding
 * (or `link`) prints a one-time login link and its QR code; removing ends
 * the operator's sessions at once.
 */
export async function operatorCommand(args: string[], config: Config, io: CommandIo): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { plan: { type: 'string' }, role: { type: 'string' }, url: { type: 'string' } } })
  const [sub, arg] = positionals
  const role = values.role ?? 'operator'
  if (role !== 'operator' && role !== 'leader') throw new CliError(op.badRole(role), 2)
  const base = values.url ?? `http://${config.http.host}:${config.http.port}`
  if (!sub || !['add', 'list', 'link', 'remove'].includes(sub) || (sub !== 'list' && !arg?.trim())) throw new CliError(op.operatorUsage, 2)
  const handle = await openForCommand(config)
  try {
    const now = io.now()
    if (sub === 'add') {
      const plan = await choosePlan(handle, values.plan)
      const added = await handle.db.transaction().execute(async (trx) => {
        const a = await addOperator(trx, { planId: plan.id, name: arg!.trim(), role, now })
        await recordAudit(trx, { planId: plan.id, operatorId: null, action: 'operator_added', detail: { operator: a.operatorId, name: arg!.trim(), role, by: cliActor() }, at: now })
        return a
      })
      io.out(op.operatorAdded(added.operatorId, arg!.trim(), role, plan.code))
      await printLink(io, loginLink(base, added.code), formatTimeAndDate(added.expiresAt, plan.timezone))
      return 0
    }
    const id = Number(arg)
    const operators = await listOperators(handle.db)
    if (sub === 'list') {
      for (const o of operators) io.out(op.operatorLine(o.id, o.name, o.role, o.planCode, formatTimeAndDate(o.createdAt, 'Asia/Ho_Chi_Minh')))
      io.out(op.operatorsTotal(operators.length))
      return 0
    }
    if (!Number.isInteger(id)) throw new CliError(op.operatorUsage, 2)
    if (sub === 'remove') {
      const gone = operators.find((o) => o.id === id)
      const removed = await handle.db.transaction().execute(async (trx) => {
        if (!gone || !(await removeOperator(trx, id, now))) return false
        await recordAudit(trx, { planId: gone.planId, operatorId: null, action: 'operator_removed', detail: { operator: id, name: gone.name, by: cliActor() }, at: now })
        return true
      })
      if (!removed) throw new CliError(op.noSuchOperator(id))
      io.out(op.operatorRemoved(id))
      return 0
    }
    const target = operators.find((o) => o.id === id)
    if (!target) throw new CliError(op.noSuchOperator(id))
    const issued = await issueLoginCode(handle.db, id, now)
    await printLink(io, loginLink(base, issued.code), formatTimeAndDate(issued.expiresAt, 'Asia/Ho_Chi_Minh'))
    return 0
  } finally {
    await handle.close()
  }
}

async function printLink(io: CommandIo, link: string, until: string): Promise<void> {
  io.out(op.operatorLink(link, until))
  io.out(await QRCode.toString(link, { type: 'terminal', small: true }))
}
