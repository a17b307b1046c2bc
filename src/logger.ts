import { pino, type Logger } from 'pino'

export type { Logger }

/**
 * One structured logger for the process (English, JSON lines on stderr so
 * command output on stdout stays clean for operators and scripts).
 */
export function createLogger(level: string, name = 'dondoc'): Logger {
  return pino({ name, level }, pino.destination(2))
}
