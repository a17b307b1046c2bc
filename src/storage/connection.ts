import { Kysely, PGliteDialect, PostgresDialect } from 'kysely'
import type { PGlite } from '@electric-sql/pglite'
import pg from 'pg'
import type { Database } from './database.js'

/** Which engine a handle talks to; shown by /healthz and `dondoc` commands. */
export type DatabaseKind = 'postgres' | 'pglite'

/** An open database plus how to close it; the only thing repositories need is `db`. */
export interface DatabaseHandle {
  db: Kysely<Database>
  kind: DatabaseKind
  /** Human description without secrets ("postgres 127.0.0.1:5432/test", "pglite ./data"). */
  describe: string
  close(): Promise<void>
}

const DATE_OID = 1082
const INT8_OID = 20

// `date` columns are calendar days in the plan's timezone: never let a driver
// turn them into a Date at local midnight of the server's zone.
pg.types.setTypeParser(DATE_OID, (v: string) => v)
// Counts come back as int8; they always fit in a JS number here.
pg.types.setTypeParser(INT8_OID, (v: string) => Number(v))

/** A pg pool over a URL, optionally pinned to one schema (tests use a schema each). */
export function openPostgres(url: string, opts: { schema?: string; max?: number; onQuery?: () => void } = {}): DatabaseHandle {
  const pool = new pg.Pool({
    connectionString: url,
    max: opts.max ?? 10,
    ...(opts.schema ? { options: `-c search_path=${opts.schema}` } : {}),
  })
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }), ...(opts.onQuery ? { log: () => opts.onQuery!() } : {}) })
  return { db, kind: 'postgres', describe: `postgres ${redactUrl(url)}${opts.schema ? ` (schema ${opts.schema})` : ''}`, close: () => db.destroy() }
}

/**
 * Open PGlite in-process (a folder, or memory when `dataDir` is undefined),
 * optionally starting from a dump made by `dumpDataDir` (a migrated template).
 * PGlite is imported here, not at the top, so commands that only talk to a
 * running service over `pg` never load its WebAssembly.
 */
export async function openPGliteInProcess(dataDir?: string, fromDump?: Blob, onQuery?: () => void): Promise<{ handle: DatabaseHandle; pglite: PGlite }> {
  const { PGlite } = await import('@electric-sql/pglite')
  const pglite = await PGlite.create({
    ...(dataDir ? { dataDir } : {}),
    ...(fromDump ? { loadDataDir: fromDump } : {}),
    parsers: { [DATE_OID]: (v: string) => v, [INT8_OID]: (v: string) => Number(v) },
  })
  const db = new Kysely<Database>({ dialect: new PGliteDialect({ pglite }), ...(onQuery ? { log: () => onQuery() } : {}) })
  return {
    pglite,
    handle: {
      db,
      kind: 'pglite',
      describe: `pglite ${dataDir ?? '(memory)'}`,
      close: async () => {
        await db.destroy()
        if (!pglite.closed) await pglite.close()
      },
    },
  }
}

/** Drop the password from a connection URL before it reaches a log or a screen. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url)
    if (u.password) u.password = '***'
    return `${u.host}${u.pathname}`
  } catch {
    return '(unparsable url)'
  }
}
