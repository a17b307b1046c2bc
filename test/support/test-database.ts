import { randomBytes } from 'node:crypto'
import { readFileSync } from 'node:fs'
import pg from 'pg'
import { openPGliteInProcess, openPostgres, type DatabaseHandle } from '../../src/storage/connection.js'
import { migrateToLatest } from '../../src/storage/migrate.js'

/**
 * A fresh, migrated database for one test: in-memory PGlite by default, or a
 * new schema on the real PostgreSQL server when TEST_DATABASE_URL is set.
 * Closing drops the schema, so tests never share state.
 */
export async function createTestDatabase(): Promise<DatabaseHandle & { schema?: string }> {
  const url = process.env.TEST_DATABASE_URL
  if (!url) {
    const template = process.env.DONDOC_PGLITE_TEMPLATE
    const { handle } = await openPGliteInProcess(undefined, template ? new Blob([readFileSync(template)]) : undefined)
    await migrateToLatest(handle.db)
    return handle
  }
  const schema = `t_${randomBytes(6).toString('hex')}`
  const admin = new pg.Client({ connectionString: url })
  await admin.connect()
  await admin.query(`create schema ${schema}`)
  await admin.end()
  const handle = openPostgres(url, { schema, max: 4 })
  await migrateToLatest(handle.db)
  return {
    ...handle,
    schema,
    close: async () => {
      await handle.close()
      const c = new pg.Client({ connectionString: url })
      await c.connect()
      await c.query(`drop schema ${schema} cascade`)
      await c.end()
    },
  }
}

/** Which engine the suite runs on, for test names. */
export const testDatabaseKind = process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite'
