import type { Kysely } from 'kysely'
import type { Config } from '../config.js'
import { createConversationEngine } from '../conversation/engine.js'
import { createPlanDirectory } from '../conversation/plan-directory.js'
import { createLogger, type Logger } from '../logger.js'
import type { Channel, Database } from '../storage/database.js'
import { syncPeriods } from '../scheduler/period-sync.js'
import { createLeaderCommands } from '../reports/leader-commands.js'
import type { FileBuilder } from '../reports/chat-export.js'

/**
 * The pieces every entry point shares, wired once. `buildFiles` makes the
 * report files `/xuatbaocao` sends; without it leaders get the summary and
 * the chart only.
 */
export function createServices(deps: { db: Kysely<Database>; config: Pick<Config, 'logLevel'> & Partial<Pick<Config, 'telegram' | 'zalo'>>; now: () => Date; log?: Logger; buildFiles?: FileBuilder }) {
  const log = deps.log ?? createLogger(deps.config.logLevel)
  const plans = createPlanDirectory()
  const engine = createConversationEngine({ db: deps.db, log, plans, leaderCommands: createLeaderCommands(deps.buildFiles ? { buildFiles: deps.buildFiles } : {}), botIds: botIdentities(deps.config) })
  return {
    log,
    engine,
    plans,
    syncPeriods: (now: Date) => syncPeriods(deps.db, now),
  }
}

/**
 * Each channel's bot identity, the part of its token before ':' (Telegram's
 * numeric bot id; Zalo's bot id): update ids are numbered per bot, so a new
 * token starts a new series. The console has none ('').
 */
export function botIdentities(config: Partial<Pick<Config, 'telegram' | 'zalo'>>): Partial<Record<Channel, string>> {
  const idOf = (token: string) => token.split(':')[0] ?? ''
  return { ...(config.telegram ? { telegram: idOf(config.telegram.token) } : {}), ...(config.zalo ? { zalo: idOf(config.zalo.token) } : {}) }
}
