import type { Config } from '../config.js'
import { argsProblem } from './args-problem.js'
import { CliError } from './cli-error.js'
import { terminalIo, type CommandIo } from './command-io.js'
import { loadEnvFile } from './env-file.js'

type Command = (args: string[], config: Config, io: CommandIo) => Promise<number>

/**
 * Each command's module is imported only when that command runs, so `help`
 * and file-only commands never load PGlite, grammY, pg or pino.
 */
const COMMANDS: Record<string, { load: () => Promise<Command>; help: string }> = {
  start: { load: async () => (await import('./commands/start.js')).startCommand, help: 'chạy dịch vụ (cập nhật cấu trúc dữ liệu, nạp PLAN_FILE, Telegram/Zalo, lịch nhắc, /healthz)' },
  migrate: { load: async () => (await import('./commands/migrate.js')).migrateCommand, help: 'cập nhật cấu trúc cơ sở dữ liệu' },
  plan: { load: async () => (await import('./commands/plan.js')).planCommand, help: 'plan check FILE | plan import FILE | plan draft FILE [--out plan.yaml] [--force]: kiểm tra, nạp, hoặc soạn kế hoạch từ phụ lục Word/Excel/CSV' },
  units: { load: async () => (await import('./commands/units.js')).unitsCommand, help: 'danh sách đơn vị và người liên hệ đã đăng ký [--plan CODE]' },
  calendar: { load: async () => (await import('./commands/calendar.js')).calendarCommand, help: 'calendar [--plan FILE|CODE] [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--unit CODE] [--json]: kỳ báo cáo, lịch nhắc, ngày nghỉ' },
  invite: { load: async () => (await import('./commands/invite.js')).inviteCommand, help: 'invite UNIT [--plan CODE] [--name NAME] | invite --leader [--name NAME]: mã mời dùng một lần' },
  contacts: { load: async () => (await import('./commands/contacts.js')).contactsCommand, help: 'ai đã liên kết với đơn vị nào [--plan CODE] | contacts remove ID: gỡ một người' },
  leaders: { load: async () => (await import('./commands/leaders.js')).leadersCommand, help: 'nơi nhận bản tổng hợp của lãnh đạo [--plan CODE] | leaders remove ID [--with-groups]: gỡ một nơi nhận (và các nhóm người đó đăng ký)' },
  status: { load: async () => (await import('./commands/status.js')).statusCommand, help: 'status [--plan CODE] [--period KỲ]: đơn vị nào đã gửi báo cáo' },
  request: {
    load: async () => (await import('./commands/request.js')).requestCommand,
    help: 'request open LỊCH --due "trước ngày 15/12/2026" [--units MÃ,MÃ] [--title "…"] | request list | request cancel ID [--plan CODE]: báo cáo đột xuất theo yêu cầu',
  },
  digest: { load: async () => (await import('./commands/digest.js')).digestCommand, help: 'digest [--plan CODE] [--period KỲ] [--send]: bản tổng hợp cho lãnh đạo, in ra hoặc xếp gửi' },
  export: { load: async () => (await import('./commands/export.js')).exportCommand, help: 'export [--plan CODE] [--period KỲ] [--out THƯ_MỤC]: xuất báo cáo kỳ ra tệp Excel (.xlsx) và bản dự thảo Word (.docx)' },
  operator: { load: async () => (await import('./commands/operator.js')).operatorCommand, help: 'operator add NAME [--plan CODE] [--role operator|leader] | list | link ID | remove ID: người dùng trang web, đường dẫn đăng nhập một lần' },
  outbox: { load: async () => (await import('./commands/outbox.js')).outboxCommand, help: 'tin chờ gửi, gửi lỗi và vừa gửi' },
  chat: { load: async () => (await import('./commands/chat.js')).chatCommand, help: 'chat --unit CODE [--plan CODE] [--at "YYYY-MM-DD HH:MM"]: thử hội thoại báo cáo ngay trong cửa sổ lệnh' },
}

function usage(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((k) => k.length))
  return [
    'cách dùng: dondoc <lệnh> [tùy chọn]',
    '',
    ...Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(width)}  ${c.help}`),
    '',
    'Mã kế hoạch (--plan) và mã đơn vị không phân biệt chữ hoa, chữ thường; --plan chỉ cần khi cơ sở dữ liệu có nhiều kế hoạch.',
    'Cấu hình đọc từ biến môi trường và tệp .env trong thư mục hiện tại (biến môi trường được ưu tiên).',
  ].join('\n')
}

/**
 * Run one CLI invocation; returns the exit code. Errors become one clear line.
 * On the real process environment `.env` in the working directory is read
 * first (the environment wins); tests pass their own `env` and skip it.
 */
export async function runCli(argv: string[], env: NodeJS.ProcessEnv = process.env, io: CommandIo = terminalIo): Promise<number> {
  const [name, ...args] = argv
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.out(usage())
    return name ? 0 : 2
  }
  const command = COMMANDS[name]
  if (!command) {
    process.stderr.write(`dondoc: không có lệnh "${name}"\n${usage()}\n`)
    return 2
  }
  // Loaded here, not at the top: zod is not needed to print the usage.
  const { loadConfig, ConfigError } = await import('../config.js')
  try {
    if (env === process.env) loadEnvFile()
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
    const badArgs = argsProblem(err, name)
    if (badArgs) {
      process.stderr.write(`dondoc: ${badArgs}\n`)
      return 2
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

/**
 * End the process with `code` once stdout and stderr have handed everything
 * to the OS: `process.exit` alone drops what a pipe has not taken yet
 * (`dondoc calendar | less` lost all but the first 64 KB).
 */
export async function exitWhenFlushed(code: number): Promise<never> {
  process.exitCode = code
  await Promise.all([process.stdout, process.stderr].map(flushed))
  process.exit(code)
}

function flushed(stream: NodeJS.WriteStream): Promise<void> {
  if (stream.writableLength === 0 || stream.destroyed) return Promise.resolve()
  // Writes complete in order: this callback runs after every earlier chunk is written (or failed).
  return new Promise((resolve) => stream.write('', () => resolve()))
}

const invokedDirectly = process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/\\/g, '/'))
if (invokedDirectly) {
  runCli(process.argv.slice(2)).then(exitWhenFlushed, (err: unknown) => {
    process.stderr.write(`dondoc: ${String(err)}\n`)
    return exitWhenFlushed(1)
  })
}
