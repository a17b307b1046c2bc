import { spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { describe, expect, it } from 'vitest'
import { openPGliteInProcess, openPostgres, type DatabaseHandle } from '../../src/storage/connection.js'
import { migrateToLatest } from '../../src/storage/migrate.js'
import { enqueueMessage } from '../../src/storage/outbox.js'
import { createFakeTelegram } from '../fakes/telegram-bot-api.js'
import { testDatabaseKind } from '../support/test-database.js'

const root = path.resolve(import.meta.dirname, '..', '..')
const COUNT = 3000

describe(`a broadcast survives SIGKILL (${testDatabaseKind})`, () => {
  it('loses no reminder and repeats at most the few in flight at the kill', async () => {
    const url = process.env.TEST_DATABASE_URL
    const schema = `crash_${randomBytes(4).toString('hex')}`
    const dataDir = mkdtempSync(path.join(tmpdir(), 'dondoc-crash-'))
    const open = async (): Promise<DatabaseHandle> => (url ? openPostgres(url, { schema, max: 2 }) : (await openPGliteInProcess(path.join(dataDir, 'pgdata'))).handle)
    if (url) {
      const c = new pg.Client({ connectionString: url })
      await c.connect()
      await c.query(`create schema ${schema}`)
      await c.end()
    }
    let handle = await open()
    await migrateToLatest(handle.db)
    const now = new Date()
    for (let i = 0; i < COUNT; i++) {
      await enqueueMessage(handle.db, { planId: null, dedupeKey: `crash:${i}`, kind: 'reminder', channel: 'telegram', chatId: String(50_000 + i), contactId: null, payload: { text: `Nhắc ${i}` }, runAfter: now, now })
    }
    await handle.close() // the embedded folder can only be open in one process

    const fake = createFakeTelegram()
    await fake.start()
    const worker = () =>
      spawn(process.execPath, ['--import', 'tsx', path.join(root, 'test', 'support', 'dispatch-worker.ts')], {
        env: { ...process.env, WORKER_API_ROOT: fake.apiRoot, WORKER_DATA_DIR: path.join(dataDir, 'pgdata'), ...(url ? { WORKER_PG_URL: url, WORKER_PG_SCHEMA: schema } : {}) },
        stdio: ['ignore', 'pipe', 'inherit'],
      })
    try {
      const first = worker()
      const delivered = () => fake.calls.filter((c) => c.method === 'sendMessage' && !c.failed).length
      while (delivered() < COUNT / 3) await new Promise((r) => setTimeout(r, 20))
      first.kill('SIGKILL')
      await new Promise((r) => first.once('exit', r))
      const atKill = delivered()

      const second = worker()
      const code = await new Promise<number | null>((r) => second.once('exit', r))
      expect(code).toBe(0)

      const perChat = new Map<string, number>()
      for (const c of fake.calls.filter((c) => c.method === 'sendMessage' && !c.failed)) perChat.set(String(c.params.chat_id), (perChat.get(String(c.params.chat_id)) ?? 0) + 1)
      const duplicates = [...perChat.values()].reduce((a, n) => a + n - 1, 0)
      console.log(`crash test (${testDatabaseKind}): ${atKill} delivered before SIGKILL, ${perChat.size}/${COUNT} chats reached, ${duplicates} duplicate(s) after restart`)
      expect(perChat.size).toBe(COUNT)
      expect(duplicates).toBeLessThanOrEqual(50) // at most one claimed batch was in flight
      handle = await open()
      const states = await handle.db.selectFrom('outbox').select(['state', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('state').execute()
      expect(states.map((s) => [s.state, Number(s.n)])).toEqual([['sent', COUNT]])
      await handle.close()
    } finally {
      await fake.close()
      rmSync(dataDir, { recursive: true, force: true })
      if (url) {
        const c = new pg.Client({ connectionString: url })
        await c.connect()
        await c.query(`drop schema ${schema} cascade`)
        await c.end()
      }
    }
  }, 240_000)
})
