import { pino, type DestinationStream, type Logger } from 'pino'

export type { Logger }

/** Where and how the logger writes; defaults to stderr, readable when it is a terminal. */
export interface LoggerOutput {
  /** Readable lines instead of JSON; default: whether stderr is a terminal. */
  pretty?: boolean
  /** Default: stderr (fd 2). */
  stream?: { write(text: string): unknown }
}

/**
 * One structured logger for the process (English, on stderr so command
 * output on stdout stays clean for operators and scripts): JSON lines for log
 * collectors, one readable line per event when a person watches the
 * terminal. The readable form is a few lines here, not pino-pretty, so a
 * start pays for no worker thread and no extra package.
 */
export function createLogger(level: string, name = 'dondoc', output: LoggerOutput = {}): Logger {
  const pretty = output.pretty ?? process.stderr.isTTY === true
  // Synchronous writes: lines keep their order with the CLI's own stderr lines and survive a crash.
  if (!pretty) return pino({ name, level }, (output.stream as DestinationStream | undefined) ?? pino.destination({ dest: 2, sync: true }))
  const target = output.stream ?? process.stderr
  const colors = output.stream === undefined && process.stderr.hasColors?.() === true
  return pino({ name, level }, { write: (line: string) => target.write(readableLine(line, colors) + '\n') })
}

const LEVELS: Record<number, { label: string; color: string }> = {
  10: { label: 'TRACE', color: '90' },
  20: { label: 'DEBUG', color: '36' },
  30: { label: 'INFO', color: '32' },
  40: { label: 'WARN', color: '33' },
  50: { label: 'ERROR', color: '31' },
  60: { label: 'FATAL', color: '35' },
}
const OMITTED = new Set(['level', 'time', 'msg', 'pid', 'hostname', 'name', 'err'])

/**
 * A pino JSON line as a person reads it:
 * `14:03:07 WARN  outbox rows requeued  reclaimed=3`, an error's stack below.
 */
export function readableLine(json: string, colors = false): string {
  let entry: Record<string, unknown>
  try {
    entry = JSON.parse(json) as Record<string, unknown>
  } catch {
    return json.trimEnd()
  }
  const level = LEVELS[entry.level as number] ?? { label: String(entry.level), color: '0' }
  const time = typeof entry.time === 'number' ? new Date(entry.time).toTimeString().slice(0, 8) : ''
  const label = colors ? `\u001b[${level.color}m${level.label.padEnd(5)}\u001b[0m` : level.label.padEnd(5)
  const fields = Object.entries(entry)
    .filter(([k]) => !OMITTED.has(k))
    .map(([k, v]) => `${k}=${typeof v === 'string' ? (/\s/.test(v) || v === '' ? JSON.stringify(v) : v) : JSON.stringify(v)}`)
  const err = entry.err as { message?: string; stack?: string } | undefined
  const head = [time, label, String(entry.msg ?? ''), ...fields].filter(Boolean).join(' ')
  return err ? `${head}\n${indent(err.stack ?? err.message ?? JSON.stringify(err))}` : head
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((l) => `    ${l}`)
    .join('\n')
}

/**
 * Wrap a repeated job (a cron tick) so a failure is logged with what was
 * running and the job is tried again next time, instead of an unhandled
 * rejection ending the loop or the process.
 */
export function logFailures(log: Logger, what: string, job: () => Promise<void>): () => Promise<void> {
  return async () => {
    try {
      await job()
    } catch (err) {
      log.error({ err, job: what }, `${what} failed; trying again at the next tick`)
    }
  }
}
