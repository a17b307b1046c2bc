import { PGliteDialect, type DatabaseConnection, type Driver, type TransactionSettings } from 'kysely'

/**
 * Kysely's PGlite dialect with its one connection taken by one user at a
 * time. Its driver hands every caller the same connection, and that
 * connection keeps a single "current transaction": two transactions begun
 * together (an engine input and a pace booking) swap each other's commit and
 * hang for good, and a statement run while another caller's transaction is
 * open runs inside it. Here a caller waits for the connection as it would for
 * a pool's only connection (as Kysely's SQLite driver does): a statement
 * holds it for itself, a transaction for all of its statements.
 */
export class SerialPGliteDialect extends PGliteDialect {
  override createDriver(): Driver {
    return new SerialDriver(super.createDriver())
  }
}

/** A driver whose connection is lent to one caller at a time, in the order they asked. */
class SerialDriver implements Driver {
  #tail: Promise<void> = Promise.resolve()
  #release: (() => void) | undefined

  constructor(private readonly inner: Driver) {}

  init(): Promise<void> {
    return this.inner.init()
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    const previous = this.#tail
    let release!: () => void
    this.#tail = new Promise<void>((resolve) => (release = resolve))
    await previous
    this.#release = release
    return this.inner.acquireConnection()
  }

  async releaseConnection(connection: DatabaseConnection): Promise<void> {
    await this.inner.releaseConnection(connection)
    const release = this.#release
    this.#release = undefined
    release?.()
  }

  beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    return this.inner.beginTransaction(connection, settings)
  }

  commitTransaction(connection: DatabaseConnection): Promise<void> {
    return this.inner.commitTransaction(connection)
  }

  rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    return this.inner.rollbackTransaction(connection)
  }

  savepoint: Driver['savepoint'] = (connection, name, compile) => this.inner.savepoint!(connection, name, compile)
  rollbackToSavepoint: Driver['rollbackToSavepoint'] = (connection, name, compile) => this.inner.rollbackToSavepoint!(connection, name, compile)
  releaseSavepoint: Driver['releaseSavepoint'] = (connection, name, compile) => this.inner.releaseSavepoint!(connection, name, compile)

  destroy(): Promise<void> {
    return this.inner.destroy()
  }
}
