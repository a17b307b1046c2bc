import type { Db, Plan } from './database.js'

/** Every plan in the database, oldest first. */
export function listPlans(db: Db): Promise<Plan[]> {
  return db.selectFrom('plans').selectAll().orderBy('id').execute()
}
