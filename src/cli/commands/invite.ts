import { parseArgs } from 'node:util'
import { Api } from 'grammy'
import type { Config } from '../../config.js'
import { createInvite, UnknownUnitError } from '../../conversation/invites.js'
import { formatTimeAndDate } from '../../domain/calendar/local-time.js'
import { CliError } from '../cli-error.js'
import type { CommandIo } from '../command-io.js'
import { choosePlan, openForCommand } from '../open-database.js'

/** `dondoc invite UNIT [--name NAME]` or `dondoc invite --leader [--name NAME]`: a one-time enrolment code. */
export async function inviteCommand(args: string[], config: Config, io: CommandIo): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { leader: { type: 'boolean' }, name: { type: 'string' }, plan: { type: 'string' } } })
  const unitCode = positionals[0]
  if (!values.leader && !unitCode) throw new CliError('usage: dondoc invite UNIT [--name NAME] | dondoc invite --leader [--name NAME]', 2)
  const handle = await openForCommand(config)
  try {
    const plan = await choosePlan(handle, values.plan)
    const invite = await createInvite(handle.db, {
      planId: plan.id,
      planCode: plan.code,
      leader: values.leader ?? false,
      now: io.now(),
      ...(unitCode ? { unitCode } : {}),
      ...(values.name ? { displayName: values.name } : {}),
    }).catch((err: unknown) => {
      if (err instanceof UnknownUnitError) throw new CliError(`${err.message}; see \`dondoc units\``)
      throw err
    })
    io.out(`${values.leader ? 'leader invite' : `invite for ${invite.unitName} (${unitCode})`}${values.name ? ` to ${values.name}` : ''}`)
    io.out(`code: ${invite.code}`)
    io.out(`valid until: ${formatTimeAndDate(invite.expiresAt, plan.timezone)} (single use)`)
    const bot = await telegramUsername(config)
    io.out(bot ? `Telegram: https://t.me/${bot}?start=${invite.code}` : 'Telegram: set TELEGRAM_BOT_TOKEN to get the deep link; the code can also be typed to the bot')
    io.out(config.zalo ? 'Zalo: write the code to the bot' : 'Zalo: set ZALO_BOT_TOKEN to enable; the code is then written to the bot')
    if (values.leader) io.out('A leader sends the code privately, or in the leaders\' group (as /start CODE) to register the group.')
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
