import type { Config } from '../config.js'
import { openPostgres, type DatabaseHandle } from '../storage/connection.js'
import { connectEmbedded, hostEmbedded } from '../storage/embedded.js'
import { migrateToLatest } from '../storage/migrate.js'
import { listPlans } from '../storage/plans.js'
import { CliError } from './cli-error.js'
import type { PlanRow } from '../storage/database.js'
import { op } from './operator-messages.js'

/** A database for a one-off command, migrated; reaches a running service's embedded database. */
export async function openForCommand(config: Config): Promise<DatabaseHandle> {
  return migrated(config.database.kind === 'postgres' ? openPostgres(config.database.url) : await connectEmbedded(config.database.dataDir))
}

/** The service's database: the embedded one is served to other commands while it runs. */
export async function openForService(config: Config): Promise<DatabaseHandle> {
  return migrated(config.database.kind === 'postgres' ? openPostgres(config.database.url) : await hostEmbedded(config.database.dataDir))
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
    const folded = plans.filter((p) => p.code.toLowerCase() === code.toLowerCase())
    const plan = plans.find((p) => p.code === code) ?? (folded.length === 1 ? folded[0] : undefined)
    if (!plan) throw new CliError(op.noSuchPlan(code, plans))
    return plan
  }
  if (plans.length > 1) throw new CliError(op.severalPlans(plans))
  return plans[0]!
}
