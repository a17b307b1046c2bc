import type { Plan } from '../domain/plan-model.js'
import type { Db } from './database.js'

/** Raised when a plan id is unknown: a contact pointing at a deleted plan, say. */
export class PlanNotFoundError extends Error {
  constructor(readonly planId: number) {
    super(`plan ${planId} not found`)
    this.name = 'PlanNotFoundError'
  }
}

/** The validated plan model stored at import. */
export async function loadPlanModel(db: Db, planId: number): Promise<Plan> {
  const row = await db.selectFrom('plans').select('model').where('id', '=', planId).executeTakeFirst()
  if (!row) throw new PlanNotFoundError(planId)
  return row.model
}

/** When the bot started tracking a plan (its first import); null for plans imported before this was kept. */
export async function planTrackedSince(db: Db, planId: number): Promise<Date | null> {
  const row = await db.selectFrom('plans').select('tracked_since').where('id', '=', planId).executeTakeFirst()
  return row?.tracked_since ?? null
}
