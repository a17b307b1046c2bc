import { codeAsSpelled } from '../domain/text-fold.js'
import type { Config } from '../config.js'
import type { HealthBoard } from '../health.js'
import type { Logger } from '../logger.js'
import { openPostgres, redactUrl, type DatabaseHandle } from '../storage/connection.js'
import { watchDatabase } from '../storage/database-watch.js'
import { describeDbError } from '../storage/db-errors.js'
import { checkDataDir, connectEmbedded, EmbeddedDatabaseBusyError, hostEmbedded } from '../storage/embedded.js'
import { migrateToLatest } from '../storage/migrate.js'
import { listPlans } from '../storage/plans.js'
import { CliError } from './cli-error.js'
import type { PlanRow } from '../storage/database.js'
import { op } from './operator-messages.js'

/** A database for a one-off command, migrated; reaches a running service's embedded database. */
export async function openForCommand(config: Config): Promise<DatabaseHandle> {
  return migrated(await connectDatabase(config, 'command'))
}

/**
 * The service's database: the embedded one is served to other commands while
 * it runs. With a health board, the `database` part follows the database
 * (degraded while it fails, ok again by itself); closing the handle stops that.
 */
export async function openForService(config: Config, watch?: { board: HealthBoard; log: Logger }): Promise<DatabaseHandle> {
  const handle = await migrated(await connectDatabase(config, 'service'))
  if (!watch) return handle
  const watcher = watchDatabase(handle, watch.board, watch.log)
  return {
    ...handle,
    close: async () => {
      watcher.stop()
      await handle.close()
    },
  }
}

/**
 * Open the configured database and make one round trip, failing at once with
 * the variable to fix (DATABASE_URL or DATA_DIR) instead of a bare
 * ECONNREFUSED or a silent wait.
 */
export async function connectDatabase(config: Config, use: 'command' | 'service'): Promise<DatabaseHandle> {
  const timeouts = config.databaseTimeouts
  if (config.database.kind === 'postgres') {
    const url = config.database.url
    const handle = openPostgres(url, { timeouts })
    try {
      await handle.ping(timeouts.connectMs + timeouts.statementMs)
    } catch (err) {
      await handle.close().catch(() => undefined)
      throw new CliError(op.databaseUnreachable(redactUrl(url), describeDbError(err)))
    }
    return handle
  }
  const dataDir = config.database.dataDir
  try {
    checkDataDir(dataDir)
  } catch (err) {
    throw new CliError(op.dataDirUnusable(dataDir, describeDbError(err)))
  }
  try {
    const handle = use === 'service' ? await hostEmbedded(dataDir, timeouts) : await connectEmbedded(dataDir, timeouts)
    return handle
  } catch (err) {
    if (err instanceof EmbeddedDatabaseBusyError) throw err
    throw new CliError(op.dataDirUnusable(dataDir, describeDbError(err)))
  }
}

async function migrated(handle: DatabaseHandle): Promise<DatabaseHandle> {
  try {
    await migrateToLatest(handle.db)
  } catch (err) {
    await handle.close()
    throw err
  }
  return handle
}

/**
 * The plan a command works on: `--plan CODE`, or the only plan in the
 * database. Several plans and no `--plan` is a question back to the operator.
 */
export async function choosePlan(handle: DatabaseHandle, code: string | undefined): Promise<PlanRow> {
  const plans = await listPlans(handle.db)
  if (plans.length === 0) throw new CliError(op.noPlanYet)
  if (code) {
    // Case does not matter (`--plan ea-wy`); the exact spelling wins if two codes differ only by case.
    const spelled = codeAsSpelled(plans.map((p) => p.code), code)
    const plan = plans.find((p) => p.code === spelled)
    if (!plan) throw new CliError(op.noSuchPlan(code, plans))
    return plan
  }
  if (plans.length > 1) throw new CliError(op.severalPlans(plans))
  return plans[0]!
}
