import type { Kysely, Transaction } from 'kysely'
import type { Database } from './database.js'

/** What runs one unit of work in its own transaction: a Kysely, or the savepoints of a throwaway transaction. */
export interface TransactionRunner {
  transaction(): { execute<T>(callback: (trx: Transaction<Database>) => Promise<T>): Promise<T> }
}

const SAVEPOINT = 'nested_work'

/**
 * Run `work` in a transaction that is always rolled back, so nothing it
 * writes is ever seen by anyone else (a rehearsal). Inside, `runner` opens
 * nested transactions as savepoints, so code that wants a transaction of its
 * own (the conversation engine) runs unchanged, retries included. Keep the
 * work short: while it runs it holds its locks (and the embedded database's
 * single connection, when served by the running service).
 */
export async function withThrowawayTransaction<T>(db: Kysely<Database>, work: (trx: Transaction<Database>, runner: TransactionRunner) => Promise<T>): Promise<T> {
  const trx = await db.startTransaction().execute()
  const runner: TransactionRunner = {
    transaction: () => ({
      async execute<R>(callback: (inner: Transaction<Database>) => Promise<R>): Promise<R> {
        const sp = await trx.savepoint(SAVEPOINT).execute()
        let result: R
        try {
          result = await callback(sp)
        } catch (err) {
          await sp.rollbackToSavepoint(SAVEPOINT).execute()
          throw err
        }
        await sp.releaseSavepoint(SAVEPOINT).execute()
        return result
      },
    }),
  }
  try {
    return await work(trx, runner)
  } finally {
    await trx.rollback().execute()
  }
}
