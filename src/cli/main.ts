import type { Config } from '../config.js'
import { CliError } from './cli-error.js'
import { terminalIo, type CommandIo } from './command-io.js'

type Command = (args: string[], config: Config, io: CommandIo) => Promise<number>

/**
 * Each command's module is imported only when that command runs, so `help`
 * and file-only commands never load PGlite, grammY, pg or pino.
 */
const COMMANDS: Record<string, { load: () => Promise<Command>; help: string }> = {
  start: { load: async () => (await import('./commands/start.js')).startCommand, help: 'run the service (migrate, load PLAN_FILE, channels, scheduler, /healthz)' },
  migrate: { load: async () => (await import('./commands/migrate.js')).migrateCommand, help: 'bring the database schema up to date' },
  plan: { load: async () => (await import('./commands/plan.js')).planCommand, help: 'plan check FILE | plan import FILE' },
  units: { load: async () => (await import('./commands/units.js')).unitsCommand, help: 'list units and their enrolled contacts [--plan CODE]' },
  calendar: { load: async () => (await import('./commands/calendar.js')).calendarCommand, help: 'calendar [--plan FILE|CODE] [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--unit CODE] [--json]: periods, reminders, holidays' },
  invite: { load: async () => (await import('./commands/invite.js')).inviteCommand, help: 'invite UNIT [--name NAME] | invite --leader [--name NAME]: a one-time enrolment code' },
  contacts: { load: async () => (await import('./commands/contacts.js')).contactsCommand, help: 'list who is linked where [--plan CODE] | contacts remove ID' },
  status: { load: async () => (await import('./commands/status.js')).statusCommand, help: 'status [--period KEY]: who has reported, unit by unit' },
  digest: { load: async () => (await import('./commands/digest.js')).digestCommand, help: 'digest [--period KEY] [--send]: the leaders\' digest, printed or queued to them' },
  outbox: { load: async () => (await import('./commands/outbox.js')).outboxCommand, help: 'outbox: pending, failed and recently sent messages' },
  chat: { load: async () => (await import('./commands/chat.js')).chatCommand, help: 'chat --unit CODE: the report conversation in this terminal' },
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
  // Loaded here, not at the top: zod is not needed to print the usage.
  const { loadConfig, ConfigError } = await import('../config.js')
  try {
    const config = loadConfig(env)
    const run = await command.load()
    return await run(args, config, io)
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
