import { Kysely, PostgresDialect, type CompiledQuery, type DatabaseConnection, type Driver, type KyselyConfig, type PostgresDialectConfig, type QueryResult, type TransactionBuilder, type TransactionSettings } from 'kysely'
import { isConnectionError, isRetryableTransactionError } from './db-errors.js'

/**
 * Riding out a database that goes away for a moment (a PostgreSQL restart,
 * pg_terminate_backend, idle_session_timeout, a network reset): work is
 * retried on a fresh connection where that is safe, instead of failing the
 * update or the broadcast it belongs to.
 *
 * - taking a connection from the pool is retried (nothing has run yet);
 * - a statement outside a transaction that failed because its connection
 *   died is run again on a new connection (the server aborted it);
 * - a transaction that failed that way (or on a serialization failure or a
 *   deadlock) is rolled back by the server and run again from the start by
 *   `ResilientKysely.transaction()`. Callbacks are database work only, and the
 *   service's writes are keyed (update ids, outbox dedupe keys), so running
 *   one again after an ambiguous commit changes nothing twice.
 */
export interface RetryPolicy {
  /** Attempts in all, the first included. */
  attempts: number
  /** First pause; doubled each time up to `maxDelayMs`. */
  baseDelayMs: number
  maxDelayMs: number
  /** No new attempt starts this long after the first one (a connection that times out each time must not multiply the wait). */
  budgetMs: number
  /** Told of every connection failure (the health watcher marks the database degraded). */
  onConnectionError?: (err: unknown) => void
}

/** Up to 20 s of retries: long enough for a PostgreSQL restart, short enough that a person is soon told to resend. */
export const DEFAULT_RETRY: RetryPolicy = { attempts: 8, baseDelayMs: 200, maxDelayMs: 5000, budgetMs: 20_000 }

/** The pause before attempt `attempt + 1`. */
function delayMs(policy: RetryPolicy, attempt: number): number {
  return Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1))
}

/** Whether attempt `attempt + 1` may start, the first having started at `startedAt`. */
function mayRetry(policy: RetryPolicy, attempt: number, startedAt: number): boolean {
  return attempt < policy.attempts && Date.now() + delayMs(policy, attempt) - startedAt < policy.budgetMs
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** Kysely's PostgreSQL dialect with the retries above. */
export class ResilientPostgresDialect extends PostgresDialect {
  readonly #policy: RetryPolicy
  constructor(config: PostgresDialectConfig, policy: RetryPolicy) {
    super(config)
    this.#policy = policy
  }

  override createDriver(): Driver {
    return new ResilientDriver(super.createDriver(), this.#policy)
  }
}

class ResilientDriver implements Driver {
  constructor(
    private readonly inner: Driver,
    private readonly policy: RetryPolicy,
  ) {}

  init(options?: Parameters<Driver['init']>[0]) {
    return this.inner.init(options)
  }

  async acquireConnection(options?: Parameters<Driver['acquireConnection']>[0]): Promise<DatabaseConnection> {
    return new RetryingConnection(this, await this.acquireInner(options), options)
  }

  /** A connection from the pool, waiting out a database that refuses connections for a while. */
  async acquireInner(options?: Parameters<Driver['acquireConnection']>[0]): Promise<DatabaseConnection> {
    const startedAt = Date.now()
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.inner.acquireConnection(options)
      } catch (err) {
        if (!isConnectionError(err) || !mayRetry(this.policy, attempt, startedAt)) throw err
        this.policy.onConnectionError?.(err)
        await sleep(delayMs(this.policy, attempt))
      }
    }
  }

  async releaseInner(connection: DatabaseConnection): Promise<void> {
    await this.inner.releaseConnection(connection).catch(() => undefined)
  }

  async beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    const c = connection as RetryingConnection
    await this.inner.beginTransaction(c.current, settings)
    c.inTransaction = true
  }

  commitTransaction(connection: DatabaseConnection): Promise<void> {
    return endTransaction(connection as RetryingConnection, (c) => this.inner.commitTransaction(c))
  }

  rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    return endTransaction(connection as RetryingConnection, (c) => this.inner.rollbackTransaction(c))
  }

  savepoint(connection: DatabaseConnection, name: string, compile: Parameters<NonNullable<Driver['savepoint']>>[2]) {
    return this.inner.savepoint!((connection as RetryingConnection).current, name, compile)
  }

  rollbackToSavepoint(connection: DatabaseConnection, name: string, compile: Parameters<NonNullable<Driver['rollbackToSavepoint']>>[2]) {
    return this.inner.rollbackToSavepoint!((connection as RetryingConnection).current, name, compile)
  }

  releaseSavepoint(connection: DatabaseConnection, name: string, compile: Parameters<NonNullable<Driver['releaseSavepoint']>>[2]) {
    return this.inner.releaseSavepoint!((connection as RetryingConnection).current, name, compile)
  }

  async releaseConnection(connection: DatabaseConnection, options?: Parameters<Driver['releaseConnection']>[1]): Promise<void> {
    const c = connection as RetryingConnection
    if (!c.released) await this.inner.releaseConnection(c.current, options)
  }

  destroy(options?: Parameters<Driver['destroy']>[0]): Promise<void> {
    return this.inner.destroy(options)
  }

  get retryPolicy(): RetryPolicy {
    return this.policy
  }
}

/** A pool connection that swaps itself for a fresh one when it dies between transactions. */
class RetryingConnection implements DatabaseConnection {
  inTransaction = false
  /** The dead connection went back to the pool and no new one could be had: nothing left to release. */
  released = false
  constructor(
    private readonly driver: ResilientDriver,
    public current: DatabaseConnection,
    private readonly options: Parameters<Driver['acquireConnection']>[0],
  ) {}

  async executeQuery<R>(query: CompiledQuery, options?: Parameters<DatabaseConnection['executeQuery']>[1]): Promise<QueryResult<R>> {
    const policy = this.driver.retryPolicy
    const startedAt = Date.now()
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.current.executeQuery<R>(query, options)
      } catch (err) {
        if (!isConnectionError(err)) throw err
        policy.onConnectionError?.(err)
        // Inside a transaction the whole transaction is what gets retried (its earlier statements are gone).
        if (this.inTransaction || !mayRetry(policy, attempt, startedAt)) throw err
        await this.driver.releaseInner(this.current)
        this.released = true
        await sleep(delayMs(policy, attempt))
        this.current = await this.driver.acquireInner(this.options)
        this.released = false
      }
    }
  }

  streamQuery<R>(query: CompiledQuery, chunkSize: number, options?: Parameters<DatabaseConnection['streamQuery']>[2]): AsyncIterableIterator<QueryResult<R>> {
    return this.current.streamQuery<R>(query, chunkSize, options)
  }
}

/**
 * Kysely whose `transaction().execute(cb)` runs `cb` again when the
 * transaction was lost with its connection (see the module comment).
 */
export class ResilientKysely<DB> extends Kysely<DB> {
  readonly #policy: RetryPolicy
  constructor(config: KyselyConfig, policy: RetryPolicy) {
    super(config)
    this.#policy = policy
  }

  override transaction(): TransactionBuilder<DB> {
    return retryingBuilder(super.transaction(), this.#policy)
  }
}

/** Commit or roll back on the current connection; either way the connection is no longer in a transaction. */
async function endTransaction(c: RetryingConnection, end: (current: DatabaseConnection) => Promise<void>): Promise<void> {
  try {
    await end(c.current)
  } finally {
    c.inTransaction = false
  }
}

function retryingBuilder<DB>(builder: TransactionBuilder<DB>, policy: RetryPolicy): TransactionBuilder<DB> {
  return new Proxy(builder, {
    get(target, prop) {
      if (prop === 'execute') {
        return async <T>(callback: (trx: Parameters<Parameters<TransactionBuilder<DB>['execute']>[0]>[0]) => Promise<T>): Promise<T> => {
          const startedAt = Date.now()
          for (let attempt = 1; ; attempt++) {
            try {
              return await target.execute(callback)
            } catch (err) {
              if (!isRetryableTransactionError(err) || !mayRetry(policy, attempt, startedAt)) throw err
              await sleep(delayMs(policy, attempt))
            }
          }
        }
      }
      if (prop === 'setAccessMode' || prop === 'setIsolationLevel') {
        return (value: never) => retryingBuilder(target[prop](value), policy)
      }
      const value: unknown = Reflect.get(target, prop, target)
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value
    },
  })
}
