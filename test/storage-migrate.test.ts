import { afterEach, describe, expect, it } from 'vitest'
import { sql } from 'kysely'
import { createTestDatabase, testDatabaseKind } from './support/test-database.js'
import { migrateToLatest } from '../src/storage/migrate.js'

describe(`migrations on ${testDatabaseKind}`, () => {
  let close: (() => Promise<void>) | undefined
  afterEach(async () => close?.())

  it('create every table and are idempotent', async () => {
    const t = await createTestDatabase()
    close = t.close
    expect(await migrateToLatest(t.db)).toEqual([])
    const tables = await sql<{ table_name: string }>`select table_name from information_schema.tables where table_schema = current_schema() order by 1`.execute(t.db)
    const names = tables.rows.map((r) => r.table_name)
    for (const table of ['plans', 'units', 'indicators', 'task_units', 'periods', 'submissions', 'indicator_values', 'answer_history', 'outbox', 'processed_updates', 'invites', 'contacts']) {
      expect(names).toContain(table)
    }
    // 0002 dropped what plan import wrote and nothing read.
    expect(names).not.toContain('indicator_targets')
    expect(names).not.toContain('indicator_units')
    const day = await sql<{ d: string }>`select '2025-09-05'::date as d`.execute(t.db)
    expect(day.rows[0]?.d).toBe('2025-09-05')
  })

  it('refuse a status the code does not know', async () => {
    const t = await createTestDatabase()
    close = t.close
    const now = new Date('2025-12-02T02:00:00Z')
    const row = { dedupe_key: 'k', kind: 'notice', channel: 'telegram' as const, chat_id: '1', payload: '{}', run_after: now, created_at: now }
    await t.db.insertInto('outbox').values(row).execute()
    await expect(t.db.insertInto('outbox').values({ ...row, dedupe_key: 'k2', state: 'lost' as never }).execute()).rejects.toThrow(/outbox_state_check/)
    await expect(t.db.insertInto('outbox').values({ ...row, dedupe_key: 'k3', channel: 'sms' as never }).execute()).rejects.toThrow(/outbox_channel_check/)
  })
})
