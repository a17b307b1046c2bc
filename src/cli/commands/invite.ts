import { parseArgs } from 'node:util'
import { Api } from 'grammy'
import type { Config } from '../../config.js'
import { createInvite, UnknownUnitError } from '../../conversation/invites.js'
import { formatTimeAndDate } from '../../domain/calendar/local-time.js'
import { recordAudit } from '../../storage/audit.js'
import { cliActor } from '../cli-actor.js'
import { CliError } from '../cli-error.js'
import type { CommandIo } from '../command-io.js'
import { choosePlan, openForCommand } from '../open-database.js'
import { op } from '../operator-messages.js'

/** `dondoc invite UNIT [--name NAME]` or `dondoc invite --leader [--name NAME]`: a one-time enrolment code. */
export async function inviteCommand(args: string[], config: Config, io: CommandIo): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { leader: { type: 'boolean' }, name: { type: 'string' }, plan: { type: 'string' } } })
  const unitCode = positionals[0]
  if (!values.leader && !unitCode) throw new CliError(op.inviteUsage, 2)
  const handle = await openForCommand(config)
  try {
    const plan = await choosePlan(handle, values.plan)
    const now = io.now()
    // The code and its audit line ("Nhật ký" names the OS user) in one transaction.
    const invite = await handle.db
      .transaction()
      .execute(async (trx) => {
        const inv = await createInvite(trx, {
          planId: plan.id,
          planCode: plan.code,
          leader: values.leader ?? false,
          now,
          ...(unitCode ? { unitCode } : {}),
          ...(values.name ? { displayName: values.name } : {}),
        })
        await recordAudit(trx, { planId: plan.id, operatorId: null, action: 'invite_created', detail: { unit: inv.unitCode ?? null, leader: values.leader ?? false, name: values.name ?? null, by: cliActor() }, at: now })
        return inv
      })
      .catch((err: unknown) => {
        if (err instanceof UnknownUnitError) throw new CliError(op.unknownUnit(err.planCode, err.unitCode))
        throw err
      })
    io.out(op.inviteHeading(values.leader ?? false, invite.unitName, invite.unitCode, values.name))
    io.out(op.inviteCode(invite.code))
    io.out(op.inviteValidUntil(formatTimeAndDate(invite.expiresAt, plan.timezone)))
    const bot = await telegramUsername(config)
    io.out(bot ? op.telegramLink(bot, invite.code) : op.telegramOff)
    io.out(config.zalo ? op.zaloOn : op.zaloOff)
    if (values.leader) io.out(op.leaderHowTo)
    return 0
  } finally {
    await handle.close()
  }
}

async function telegramUsername(config: Config): Promise<string | undefined> {
  if (!config.telegram) return undefined
  try {
    const api = new Api(config.telegram.token, { apiRoot: config.telegram.apiRoot, timeoutSeconds: 10 })
    return (await api.getMe()).username
  } catch {
    return undefined
  }
}
