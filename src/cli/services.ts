import type { Kysely } from 'kysely'
import type { Config } from '../config.js'
import { createConversationEngine, type PlanDirectory } from '../conversation/engine.js'
import { msg } from '../conversation/messages.js'
import { planCalendar } from '../domain/calendar/calendar-preview.js'
import { instantToLocal, localDateTimeToInstant } from '../domain/calendar/local-time.js'
import type { Plan } from '../domain/plan-model.js'
import { createLogger, type Logger } from '../logger.js'
import type { Database } from '../storage/database.js'
import { loadPlanModel } from '../storage/plan-models.js'
import { syncPeriods } from '../scheduler/period-sync.js'
import { runLeaderCommand } from '../reports/leader-commands.js'

/**
 * The plan directory the engine uses: plan models from the database and
 * working-day arithmetic from the plan's calendar.
 */
export function createPlanDirectory(): PlanDirectory {
  return {
    planModel: (db, planId) => loadPlanModel(db, planId),
    remainingText(plan: Plan, now: Date, due: Date) {
      const cal = planCalendar(plan)
      const today = instantToLocal(now, cal.timezone).date
      const dueDay = instantToLocal(due, cal.timezone).date
      if (now >= due) return msg.overdueBy(Math.max(1, cal.workingDaysBetween(dueDay, today) + 1))
      return msg.remainingWorkingDays(cal.workingDaysBetween(today, dueDay))
    },
    nextWorkingMorning(plan: Plan, now: Date) {
      const cal = planCalendar(plan)
      const today = instantToLocal(now, cal.timezone).date
      return localDateTimeToInstant(cal.addWorkingDays(today, 1), plan.reminders.at, cal.timezone)
    },
  }
}

/** The pieces every entry point shares, wired once. */
export function createServices(deps: { db: Kysely<Database>; config: Pick<Config, 'logLevel'>; now: () => Date; log?: Logger }) {
  const log = deps.log ?? createLogger(deps.config.logLevel)
  const plans = createPlanDirectory()
  const engine = createConversationEngine({ db: deps.db, log, plans, leaderCommands: runLeaderCommand })
  return {
    log,
    engine,
    plans,
    syncPeriods: (now: Date) => syncPeriods(deps.db, now),
  }
}
