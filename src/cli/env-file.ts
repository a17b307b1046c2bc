import { readFileSync } from 'node:fs'
import path from 'node:path'
import { CliError } from './cli-error.js'
import { op } from './operator-messages.js'

/** A variable line as Node's `.env` reader takes it: `NAME=value`, optionally `export NAME=value`. */
const ASSIGNMENT = /^\s*(?:export\s+)?[A-Za-z_][A-Za-z0-9_.-]*\s*=(.*)$/

/**
 * Load `.env` from the working directory into `env`, as `.env.example`
 * promises, for every `dondoc` command. Variables already set in the
 * environment win over the file (Node's `process.loadEnvFile` never
 * overrides). No `.env` is fine. A line Node would silently skip (no `=`, a
 * bad name) stops the command with the file's line number, so a typo never
 * leaves a token unset without a word.
 */
export function loadEnvFile(cwd: string = process.cwd()): void {
  const file = path.join(cwd, '.env')
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return
    throw new CliError(op.envFileUnreadable(file, (err as Error).message), 2)
  }
  const bad = malformedLine(text)
  if (bad) throw new CliError(op.envFileMalformed(file, bad.line, bad.text), 2)
  process.loadEnvFile(file)
}

/** The first line that is neither blank, a comment, an assignment, nor inside a quoted multi-line value. */
export function malformedLine(text: string): { line: number; text: string } | undefined {
  const lines = text.split(/\r?\n/)
  let openQuote: string | undefined
  for (const [i, raw] of lines.entries()) {
    if (openQuote) {
      if (raw.includes(openQuote)) openQuote = undefined
      continue
    }
    const line = raw.trim()
    if (line === '' || line.startsWith('#')) continue
    const m = ASSIGNMENT.exec(raw)
    if (!m) return { line: i + 1, text: line }
    const value = m[1]!.trim()
    const quote = value[0]
    if ((quote === '"' || quote === "'" || quote === '`') && value.indexOf(quote, 1) === -1) openQuote = quote
  }
  return undefined
}
