import { ConfigError, loadConfig, type Config } from '../config.js'
import { CliError } from './cli-error.js'
import { terminalIo, type CommandIo } from './command-io.js'
import { migrateCommand } from './commands/migrate.js'
import { planCommand } from './commands/plan.js'
import { startCommand } from './commands/start.js'
import { unitsCommand } from './commands/units.js'
import { inviteCommand } from './commands/invite.js'
import { contactsCommand } from './commands/contacts.js'
import { chatCommand } from './commands/chat.js'
import { calendarCommand } from './commands/calendar.js'
import { statusCommand } from './commands/status.js'
import { digestCommand } from './commands/digest.js'
import { outboxCommand } from './commands/outbox.js'

type Command = (args: string[], config: Config, io: CommandIo) => Promise<number>

const COMMANDS: Record<string, { run: Command; help: string }> = {
  start: { run: startCommand, help: 'run the service (migrate, load PLAN_FILE, channels, scheduler, /healthz)' },
  migrate: { run: migrateCommand, help: 'bring the database schema up to date' },
  plan: { run: planCommand, help: 'plan check FILE | plan import FILE' },
  units: { run: unitsCommand, help: 'list units and their enrolled contacts [--plan CODE]' },
  calendar: { run: calendarCommand, help: 'calendar [--plan FILE|CODE] [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--unit CODE] [--json]: periods, reminders, holidays' },
  invite: { run: inviteCommand, help: 'invite UNIT [--name NAME] | invite --leader [--name NAME]: a one-time enrolment code' },
  contacts: { run: contactsCommand, help: 'list who is linked where [--plan CODE] | contacts remove ID' },
  status: { run: statusCommand, help: 'status [--period KEY]: who has reported, unit by unit' },
  digest: { run: digestCommand, help: 'digest [--period KEY] [--send]: the leaders\' digest, printed or queued to them' },
  outbox: { run: outboxCommand, help: 'outbox: pending, failed and recently sent messages' },
  chat: { run: chatCommand, help: 'chat --unit CODE: the report conversation in this terminal' },
}

function usage(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((k) => k.length))
  return ['usage: dondoc <command> [options]', '', ...Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(width)}  ${c.help}`)].join('\n')
}

/** Run one CLI invocation; returns the exit code. Errors become one clear line. */
export async function runCli(argv: string[], env: NodeJS.ProcessEnv = process.env, io: CommandIo = terminalIo): Promise<number> {
  const [name, ...args] = argv
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.out(usage())
    return name ? 0 : 2
  }
  const command = COMMANDS[name]
  if (!command) {
    process.stderr.write(`dondoc: unknown command "${name}"\n${usage()}\n`)
    return 2
  }
  try {
    const config = loadConfig(env)
    return await command.run(args, config, io)
  } catch (err) {
    const debug = env.LOG_LEVEL === 'debug' || env.LOG_LEVEL === 'trace'
    if (err instanceof CliError) {
      process.stderr.write(`dondoc: ${err.message}\n`)
      if (debug && err.stack) process.stderr.write(err.stack + '\n')
      return err.exitCode
    }
    if (err instanceof ConfigError) {
      process.stderr.write(`dondoc: ${err.message}\n`)
      return 2
    }
    process.stderr.write(`dondoc: ${err instanceof Error ? err.message : String(err)}\n`)
    if (debug && err instanceof Error && err.stack) process.stderr.write(err.stack + '\n')
    return 1
  }
}

const invokedDirectly = process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/\\/g, '/'))
if (invokedDirectly) {
  runCli(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (err) => {
      process.stderr.write(`dondoc: ${String(err)}\n`)
      process.exit(1)
    },
  )
}
