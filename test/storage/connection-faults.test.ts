import { randomBytes } from 'node:crypto'
import { sql } from 'kysely'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openPostgres, type DatabaseHandle } from '../../src/storage/connection.js'
import { migrateToLatest } from '../../src/storage/migrate.js'
import { claimUpdate } from '../../src/storage/processed-updates.js'

/**
 * A connection killed under the pool (pg_terminate_backend on its backend):
 * no uncaught 'error' ends the process, a statement is run again on a fresh
 * connection, and a transaction is run again from the start, once.
 */
const url = process.env.TEST_DATABASE_URL

describe.skipIf(!url)('openPostgres when its connections are killed (PostgreSQL)', () => {
  const schema = `t_${randomBytes(6).toString('hex')}`
  let admin: pg.Client
  let handle: DatabaseHandle
  const errors: unknown[] = []
  const now = new Date('2025-12-02T02:00:00Z')
  const pid = async (db: DatabaseHandle['db']) => (await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(db)).rows[0]!.pid
  const kill = async (backend: number) => {
    await admin.query('select pg_terminate_backend($1)', [backend])
    // The backend is gone once pg_stat_activity no longer lists it.
    for (let i = 0; (await admin.query('select 1 from pg_stat_activity where pid = $1', [backend])).rowCount; i++) {
      if (i > 600) throw new Error(`backend ${backend} still alive`)
      await new Promise((r) => setTimeout(r, 50))
    }
  }

  beforeAll(async () => {
    admin = new pg.Client({ connectionString: url, application_name: 'dondoc-test' })
    await admin.connect()
    await admin.query(`create schema ${schema}`)
    handle = openPostgres(url!, { schema, max: 1 })
    handle.onConnectionError((err) => errors.push(err))
    await migrateToLatest(handle.db)
  })
  afterAll(async () => {
    await handle?.close()
    await admin.query(`drop schema if exists ${schema} cascade`)
    await admin.end()
  })

  it('carries on after an idle connection is killed: the next statement gets a new one', async () => {
    const first = await pid(handle.db)
    await kill(first)
    const second = await pid(handle.db)
    expect(second).not.toBe(first)
    expect(errors.length).toBeGreaterThan(0)
  })

  it('runs a transaction again from the start when its connection dies midway, and stores its work once', async () => {
    let attempts = 0
    const claimed = await handle.db.transaction().execute(async (trx) => {
      attempts++
      const ok = await claimUpdate(trx, 'telegram', 'u-1', now)
      if (attempts === 1) await kill(await pid(trx))
      await sql`select 1`.execute(trx)
      return ok
    })
    expect(attempts).toBe(2)
    expect(claimed).toBe(true)
    const rows = await handle.db.selectFrom('processed_updates').select('update_id').where('update_id', '=', 'u-1').execute()
    expect(rows).toHaveLength(1)
  })

  it('does not retry a statement that is simply wrong', async () => {
    let attempts = 0
    await expect(
      handle.db.transaction().execute(async (trx) => {
        attempts++
        await sql`select * from no_such_table`.execute(trx)
      }),
    ).rejects.toThrow(/no_such_table/)
    expect(attempts).toBe(1)
  })
})
