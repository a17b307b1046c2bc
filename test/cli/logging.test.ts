import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { createLogger, logFailures, readableLine } from '../../src/logger.js'
import { startService } from '../support/service-process.js'

function collect() {
  const lines: string[] = []
  return { lines, stream: { write: (text: string) => lines.push(...text.split('\n').filter(Boolean)) } }
}

describe('logs', () => {
  it('are one readable line per event for a person at a terminal', () => {
    const { lines, stream } = collect()
    const log = createLogger('info', 'dondoc', { pretty: true, stream })
    log.warn({ reclaimed: 3, worker: 'host:12' }, 'outbox rows requeued')
    log.debug('not shown at info')
    expect(lines).toHaveLength(1)
    expect(lines[0]).toMatch(/^\d\d:\d\d:\d\d WARN {2}outbox rows requeued reclaimed=3 worker=host:12$/)
  })

  it('are JSON lines when no one watches (a pipe, a file, a log collector)', () => {
    const { lines, stream } = collect()
    createLogger('info', 'dondoc', { pretty: false, stream }).info({ port: 8080 }, 'http server listening')
    expect(JSON.parse(lines[0]!)).toMatchObject({ level: 30, name: 'dondoc', port: 8080, msg: 'http server listening' })
  })

  it('show an error with its stack under the line', () => {
    const line = readableLine(JSON.stringify({ level: 50, time: Date.UTC(2025, 0, 1, 1, 2, 3), msg: 'tick failed', job: 'scheduler tick', err: { message: 'boom', stack: 'Error: boom\n    at tick (x.ts:1:1)' } }))
    const [head, ...stack] = line.split('\n')
    expect(head).toMatch(/^\d\d:\d\d:\d\d ERROR tick failed job="scheduler tick"$/)
    expect(stack).toEqual(['    Error: boom', '        at tick (x.ts:1:1)'])
  })

  it('a failing repeated job is logged with what it was and runs again next time', async () => {
    const { lines, stream } = collect()
    const log = createLogger('info', 'dondoc', { pretty: false, stream })
    let runs = 0
    const tick = logFailures(log, 'scheduler tick', async () => {
      runs++
      if (runs === 1) throw new Error('database went away')
    })
    await expect(tick()).resolves.toBeUndefined()
    await expect(tick()).resolves.toBeUndefined()
    expect(runs).toBe(2)
    expect(lines).toHaveLength(1)
    expect(JSON.parse(lines[0]!)).toMatchObject({ level: 50, job: 'scheduler tick', err: { message: 'database went away' }, msg: 'scheduler tick failed; trying again at the next tick' })
  })

  it('the service logs JSON on a non-terminal stderr and says "stopped" last', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'dondoc-log-'))
    try {
      const { service } = await startService({ DATABASE_URL: '', DATA_DIR: dataDir, LOG_LEVEL: 'info', PLAN_FILE: path.join(import.meta.dirname, '..', 'fixtures', 'mini-plan.yaml') })
      let stderr = ''
      service.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
      const exited = new Promise<number | null>((resolve) => service.once('close', (code) => resolve(code)))
      service.kill('SIGTERM')
      expect(await exited).toBe(0)
      const entries = stderr
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as { msg: string })
      expect(entries.map((e) => e.msg)).toContain('stopping')
      expect(entries.at(-1)!.msg).toBe('stopped')
    } finally {
      rmSync(dataDir, { recursive: true, force: true })
    }
  }, 120_000)
})
