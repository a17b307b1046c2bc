import type { Db, PlanRow } from './database.js'

/** Every plan in the database, oldest first. */
export function listPlans(db: Db): Promise<PlanRow[]> {
  return db.selectFrom('plans').selectAll().orderBy('id').execute()
}
