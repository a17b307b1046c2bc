import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'

/**
 * The house rules of ARCHITECTURE.md, checked on every build: imports point
 * one way (cli → channels/*, scheduler, reports, web, plan-draft →
 * conversation → storage → domain, with delivery/ the types shared by
 * channels and scheduler), siblings never import each other, and SQL lives
 * only in storage/.
 */

const SRC = path.resolve(import.meta.dirname, '..', 'src')

/** Which rooms each room may import from (besides itself). `config`, `logger` and `health` are shared by all but the domain. */
const ALLOWED: Record<string, string[]> = {
  domain: [],
  storage: ['domain', 'config', 'logger', 'health'],
  conversation: ['storage', 'domain', 'config', 'logger', 'health'],
  delivery: ['conversation', 'storage', 'domain'],
  channels: ['delivery', 'conversation', 'domain', 'config', 'logger', 'health'],
  scheduler: ['delivery', 'conversation', 'storage', 'domain', 'config', 'logger', 'health'],
  reports: ['conversation', 'storage', 'domain', 'config', 'logger', 'health'],
  web: ['reports', 'conversation', 'storage', 'domain', 'config', 'logger', 'health'],
  'plan-draft': ['domain'],
  cli: ['*'],
  config: [],
  logger: [],
  health: [],
}

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : []))
}

/** `channels/telegram/x.ts` → room `channels`, sub-room `telegram`; `config.ts` → `config`. */
function roomOf(file: string): { room: string; sub?: string } {
  const parts = path.relative(SRC, file).split(path.sep)
  if (parts.length === 1) return { room: parts[0]!.replace(/\.ts$/, '') }
  return parts.length > 2 ? { room: parts[0]!, sub: parts[1]! } : { room: parts[0]! }
}

function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8')
  return [...text.matchAll(/(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s+['"](\.[^'"]+)['"]/g), ...text.matchAll(/import\(\s*['"](\.[^'"]+)['"]\s*\)/g)].map((m) =>
    path.resolve(path.dirname(file), m[1]!.replace(/\.js$/, '.ts')),
  )
}

describe('architecture', () => {
  const all = files(SRC)

  it('imports point one way and siblings never import each other', () => {
    const wrong: string[] = []
    for (const file of all) {
      const from = roomOf(file)
      const allowed = ALLOWED[from.room]
      expect(allowed, `room of ${path.relative(SRC, file)} is not in the rules`).toBeDefined()
      for (const target of importsOf(file)) {
        if (!target.startsWith(SRC)) continue
        const to = roomOf(target)
        if (to.room === from.room) {
          // Two channels never import each other; shared channel helpers sit in channels/ itself.
          if (from.room === 'channels' && from.sub && to.sub && from.sub !== to.sub) wrong.push(`${path.relative(SRC, file)} → ${path.relative(SRC, target)}`)
          continue
        }
        if (!allowed!.includes('*') && !allowed!.includes(to.room)) wrong.push(`${path.relative(SRC, file)} → ${path.relative(SRC, target)}`)
      }
    }
    expect(wrong).toEqual([])
  })

  it('keeps SQL in storage', () => {
    const offenders = all
      .filter((f) => roomOf(f).room !== 'storage')
      .filter((f) => /\.(selectFrom|insertInto|updateTable|deleteFrom)\(|\bsql`/.test(readFileSync(f, 'utf8')))
      .map((f) => path.relative(SRC, f))
    expect(offenders).toEqual([])
  })

  it('keeps the domain pure: no clock, no database, no process', () => {
    const offenders = all
      .filter((f) => roomOf(f).room === 'domain')
      .filter((f) => /new Date\(\)|Date\.now\(\)|process\.|from ['"](?:pg|kysely|node:fs)['"]/.test(readFileSync(f, 'utf8')))
      .map((f) => path.relative(SRC, f))
    expect(offenders).toEqual([])
  })
  it('keeps the office, chart and plan-file libraries out of the service start: they load when a report, a draft or an import is made', () => {
    // Static imports only (an `import()` is a load on use): start → … must not reach these.
    const heavy = ['exceljs', 'docx', 'echarts', '@resvg/resvg-js', 'yaml']
    const staticImports = (file: string) => {
      const text = readFileSync(file, 'utf8')
      return [...text.matchAll(/(?:^|\n)\s*(?:import|export)\s(?!type\s)[^'"]*?from\s+['"]([^'"]+)['"]/g)].map((m) => m[1]!)
    }
    const seen = new Set<string>()
    const reached: string[] = []
    const visit = (file: string, via: string[]) => {
      if (seen.has(file)) return
      seen.add(file)
      for (const spec of staticImports(file)) {
        if (spec.startsWith('.')) visit(path.resolve(path.dirname(file), spec.replace(/\.js$/, '.ts')), [...via, path.relative(SRC, file)])
        else if (heavy.some((h) => spec === h || spec.startsWith(`${h}/`))) reached.push(`${[...via, path.relative(SRC, file)].join(' → ')} → ${spec}`)
      }
    }
    visit(path.join(SRC, 'cli', 'commands', 'start.ts'), [])
    expect(reached).toEqual([])
  })
})
