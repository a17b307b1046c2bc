import { Kysely } from 'kysely'
import type { PGlite } from '@electric-sql/pglite'
import pg from 'pg'
import type { Database } from './database.js'
import { SerialPGliteDialect } from './pglite-serial.js'
import { DEFAULT_RETRY, ResilientKysely, ResilientPostgresDialect } from './resilient-driver.js'

/** Which engine a handle talks to; shown by /healthz and `dondoc` commands. */
export type DatabaseKind = 'postgres' | 'pglite'

/** An open database plus how to close it; the only thing repositories need is `db`. */
export interface DatabaseHandle {
  db: Kysely<Database>
  kind: DatabaseKind
  /** Human description without secrets ("postgres 127.0.0.1:5432/test", "pglite ./data"). */
  describe: string
  /** One cheap round trip (`select 1`) that fails within `timeoutMs`; the health watcher's probe. */
  ping(timeoutMs: number): Promise<void>
  /** Subscribe to connection failures seen anywhere in the pool (dropped, refused, timed out). */
  onConnectionError(listener: (err: unknown) => void): void
  close(): Promise<void>
}

/** How long to wait for a connection and for a statement; `DATABASE_CONNECT_TIMEOUT` and `DATABASE_STATEMENT_TIMEOUT`. */
export interface DatabaseTimeouts {
  connectMs: number
  statementMs: number
}

/** Connect 10 s, statement 30 s: a database that stops answering is noticed in seconds, not minutes. */
export const DEFAULT_TIMEOUTS: DatabaseTimeouts = { connectMs: 10_000, statementMs: 30_000 }

/** Shown in pg_stat_activity, so an operator (or a test) can find the service's connections. */
export const APPLICATION_NAME = 'dondoc'


const DATE_OID = 1082
const INT8_OID = 20

// `date` columns are calendar days in the plan's timezone: never let a driver
// turn them into a Date at local midnight of the server's zone.
pg.types.setTypeParser(DATE_OID, (v: string) => v)
// Counts come back as int8; they always fit in a JS number here.
pg.types.setTypeParser(INT8_OID, (v: string) => Number(v))

export interface PostgresOptions {
  /** Pin the connections to one schema (tests use a schema each). */
  schema?: string
  max?: number
  onQuery?: () => void
  timeouts?: DatabaseTimeouts
  /** The server-side statement_timeout is not sent (PGlite's socket server ignores it; the client-side limit still applies). */
  clientSideTimeoutOnly?: boolean
}

/**
 * A pg pool over a URL that survives its database going away: the pool and
 * every client have an error listener (a dropped connection is discarded and
 * reported, never an uncaught 'error' that ends the process), connections and
 * statements have time limits, and queries are retried on a fresh connection
 * where that is safe (`resilient-driver.ts`).
 */
export function openPostgres(url: string, opts: PostgresOptions = {}): DatabaseHandle {
  const timeouts = opts.timeouts ?? DEFAULT_TIMEOUTS
  const listeners: ((err: unknown) => void)[] = []
  const report = (err: unknown) => {
    for (const l of listeners) l(err)
  }
  const pool = new pg.Pool({
    connectionString: url,
    max: opts.max ?? 10,
    application_name: APPLICATION_NAME,
    connectionTimeoutMillis: timeouts.connectMs,
    // The server cancels a statement after statementMs; the client gives up a little later when the server itself is gone.
    ...(opts.clientSideTimeoutOnly ? {} : { statement_timeout: timeouts.statementMs }),
    query_timeout: timeouts.statementMs + 5_000,
    keepAlive: true,
    keepAliveInitialDelayMillis: 10_000,
    ...(opts.schema ? { options: `-c search_path=${opts.schema}` } : {}),
  })
  // An idle client whose connection dropped: pg-pool removes it; without this listener the process would exit.
  pool.on('error', report)
  pool.on('connect', (client) => {
    // A checked-out client can lose its connection between two statements: same thing.
    client.on('error', report)
    // A statement the client gave up on is still running on that connection: end it so the pool never hands it out again.
    const query = client.query.bind(client) as (...args: unknown[]) => unknown
    ;(client as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
      const result = query(...args)
      if (result instanceof Promise) {
        result.catch((err: unknown) => {
          if (err instanceof Error && err.message === 'Query read timeout') void client.end().catch(() => undefined)
        })
      }
      return result
    }
  })
  const policy = { ...DEFAULT_RETRY, onConnectionError: report }
  const dialect = new ResilientPostgresDialect({ pool }, policy)
  const db = new ResilientKysely<Database>({ dialect, ...(opts.onQuery ? { log: () => opts.onQuery!() } : {}) }, policy)
  return {
    db,
    kind: 'postgres',
    describe: `postgres ${redactUrl(url)}${opts.schema ? ` (schema ${opts.schema})` : ''}`,
    ping: (timeoutMs) => withTimeout(pool.query('select 1').then(() => undefined), timeoutMs, 'select 1'),
    onConnectionError: (listener) => listeners.push(listener),
    close: () => db.destroy(),
  }
}

/** Reject after `ms` with a timeout error naming what was waited for. */
function withTimeout<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(Object.assign(new Error(`${what} did not answer within ${ms} ms`), { code: 'ETIMEDOUT' })), ms)
  })
  work.catch(() => undefined)
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer))
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
  const db = new Kysely<Database>({ dialect: new SerialPGliteDialect({ pglite }), ...(onQuery ? { log: () => onQuery() } : {}) })
  return {
    pglite,
    handle: {
      db,
      kind: 'pglite',
      describe: `pglite ${dataDir ?? '(memory)'}`,
      ping: (timeoutMs) => withTimeout(pglite.query('select 1').then(() => undefined), timeoutMs, 'select 1'),
      onConnectionError: () => undefined,
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
