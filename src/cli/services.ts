import type { Kysely } from 'kysely'
import type { Config } from '../config.js'
import { createConversationEngine } from '../conversation/engine.js'
import { createPlanDirectory } from '../conversation/plan-directory.js'
import { createLogger, type Logger } from '../logger.js'
import type { Database } from '../storage/database.js'
import { syncPeriods } from '../scheduler/period-sync.js'
import { createLeaderCommands } from '../reports/leader-commands.js'
import type { FileBuilder } from '../reports/chat-export.js'

/**
 * The pieces every entry point shares, wired once. `buildFiles` makes the
 * report files `/xuatbaocao` sends; without it leaders get the summary and
 * the chart only.
 */
export function createServices(deps: { db: Kysely<Database>; config: Pick<Config, 'logLevel'>; now: () => Date; log?: Logger; buildFiles?: FileBuilder }) {
  const log = deps.log ?? createLogger(deps.config.logLevel)
  const plans = createPlanDirectory()
  const engine = createConversationEngine({ db: deps.db, log, plans, leaderCommands: createLeaderCommands(deps.buildFiles ? { buildFiles: deps.buildFiles } : {}) })
  return {
    log,
    engine,
    plans,
    syncPeriods: (now: Date) => syncPeriods(deps.db, now),
  }
}
