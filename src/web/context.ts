import type { Logger } from '../logger.js'
import type { Db, PlanRow } from '../storage/database.js'
import type { SessionView } from '../storage/operators.js'
import type { Plan } from '../domain/plan-model.js'
import type { PageViewer } from './layout.js'

/** What the composition root hands the web page. */
export interface WebDeps {
  db: Db
  now: () => Date
  log: Logger
  /** The Telegram bot's username for invite links, when known. */
  telegramBot?: () => Promise<string | undefined>
  /** Bring a freshly imported plan's periods up to date (the scheduler's job, wired by cli). */
  afterImport?: (planId: number, plan: Plan, now: Date) => Promise<void>
}

/** One signed-in request: the operator's plan is the only plan any page reads or changes. */
export interface PageContext {
  deps: WebDeps
  db: Db
  now: Date
  url: URL
  session: SessionView
  plan: PlanRow
  viewer: PageViewer
}
