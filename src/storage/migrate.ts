import { promises as fs } from 'node:fs'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { sql, type Kysely } from 'kysely'
import { Migrator, type Migration, type MigrationProvider, type MigrationResult } from 'kysely/migration'
import type { Database } from './database.js'

const MIGRATIONS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'migrations')

/** Raised when a migration fails, naming it, so `dondoc migrate` can say which. */
export class MigrationError extends Error {
  constructor(readonly migration: string | undefined, cause: unknown) {
    super(`migration ${migration ?? '(unknown)'} failed: ${cause instanceof Error ? cause.message : String(cause)}`, { cause })
    this.name = 'MigrationError'
  }
}

/**
 * Lists `migrations/*.ts` (or the compiled `*.js` in dist/) and loads a file
 * with our own `import()` only when Kysely runs it, so the same files load
 * under tsx, vitest and node, and a command on an up-to-date database loads
 * none of them.
 */
async function migrationFiles(): Promise<string[]> {
  return (await fs.readdir(MIGRATIONS_DIR)).filter((f) => /^\d{4}_[\w-]+\.(ts|js)$/.test(f)).sort()
}

const migrationsFolder: MigrationProvider = {
  async getMigrations() {
    const files = await migrationFiles()
    const out: Record<string, Migration> = {}
    for (const file of files) {
      const load = async () => (await import(pathToFileURL(path.join(MIGRATIONS_DIR, file)).href)) as Migration
      out[file.replace(/\.(ts|js)$/, '')] = {
        up: async (db) => (await load()).up(db),
        down: async (db) => {
          const m = await load()
          if (!m.down) throw new Error(`migration ${file} has no down()`)
          await m.down(db)
        },
      }
    }
    return out
  },
}

/**
 * Bring the schema to the latest migration. Safe to run from several
 * processes at once: Kysely's migrator holds a Postgres advisory lock.
 * Returns the names of migrations applied now.
 */
export async function migrateToLatest(db: Kysely<Database>): Promise<string[]> {
  // The migrator looks for its own tables in `public` unless told; tests run in a schema each.
  const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(db)
  const schema = rows[0]?.schema ?? 'public'
  if (await allApplied(db, schema)) return []
  const migrator = new Migrator({
    db,
    migrationTableSchema: schema,
    provider: migrationsFolder,
  })
  const { error, results } = await migrator.migrateToLatest()
  const applied = (results ?? []).filter((r: MigrationResult) => r.status === 'Success').map((r) => r.migrationName)
  if (error) {
    const failed = (results ?? []).find((r) => r.status === 'Error')
    throw new MigrationError(failed?.migrationName, error)
  }
  return applied
}

/**
 * Two small queries instead of the migrator's catalogue introspection and
 * lock (about half a second on PGlite), for the common case: every migration
 * on disk is recorded, and nothing else. No table yet means "run the
 * migrator". Never issues a failing statement, so it is safe in a transaction.
 */
async function allApplied(db: Kysely<Database>, schema: string): Promise<boolean> {
  const names = (await migrationFiles()).map((f) => f.replace(/\.(ts|js)$/, ''))
  const table = `${schema}.kysely_migration`
  const { rows: found } = await sql<{ present: boolean }>`select to_regclass(quote_ident(${schema}) || '.kysely_migration') is not null as present`.execute(db)
  if (!found[0]?.present) return false
  const { rows } = await sql<{ name: string }>`select name from ${sql.table(table)}`.execute(db)
  const applied = new Set(rows.map((r) => r.name))
  // Exactly the files on disk; a recorded migration this code lacks goes to the migrator, which reports it.
  return applied.size === names.length && names.every((n) => applied.has(n))
}
