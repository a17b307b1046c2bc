import type { Db, Plan } from './database.js'

/** Every plan in the database, oldest first. */
export function listPlans(db: Db): Promise<Plan[]> {
  return db.selectFrom('plans').selectAll().orderBy('id').execute()
}

/** One plan by its code, or undefined. */
export function findPlanByCode(db: Db, code: string): Promise<Plan | undefined> {
  return db.selectFrom('plans').selectAll().where('code', '=', code).executeTakeFirst()
}
