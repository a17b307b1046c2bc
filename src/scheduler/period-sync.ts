import type { Kysely } from 'kysely'
import { addDays, instantToLocal } from '../domain/calendar/local-time.js'
import { periodsBetween } from '../domain/calendar/periods.js'
import { planCalendar } from '../domain/calendar/calendar-preview.js'
import type { Plan } from '../domain/plan-model.js'
import type { Database } from '../storage/database.js'
import { upsertPeriods } from '../storage/periods.js'
import { listPlans } from '../storage/plans.js'

/** How far back and ahead periods are kept materialised around today. */
export const SYNC_DAYS_BACK = 400
export const SYNC_DAYS_AHEAD = 90

/**
 * Materialise every plan's periods around `now` into the periods table, so
 * conversations and reminders read them with one query. Idempotent: run it
 * at start, after an import and on every scheduler tick.
 */
export async function syncPeriods(db: Kysely<Database>, now: Date): Promise<number> {
  let count = 0
  for (const plan of await listPlans(db)) {
    count += await syncPlanPeriods(db, plan.id, plan.model, now)
  }
  return count
}

/** Materialise one plan's periods around `now`. */
export async function syncPlanPeriods(db: Kysely<Database>, planId: number, model: Plan, now: Date): Promise<number> {
  const cal = planCalendar(model)
  const today = instantToLocal(now, cal.timezone).date
  const from = addDays(today, -SYNC_DAYS_BACK)
  const to = addDays(today, SYNC_DAYS_AHEAD)
  const rows = model.schedules.flatMap((s) =>
    periodsBetween(s, cal, from, to).map((p) => ({
      scheduleCode: p.scheduleCode,
      key: p.key,
      label: p.label,
      windowFrom: p.window.from,
      windowTo: p.window.to,
      opensAt: p.opensAt,
      dueAt: p.dueAt,
      locksAt: p.locksAt,
      closesAt: p.closesAt,
    })),
  )
  return upsertPeriods(db, planId, rows)
}
