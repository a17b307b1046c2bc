import { sql, type Kysely } from 'kysely'

/**
 * When the bot started tracking a plan (its first import): reports due
 * before it are history, not failures. Existing plans take their creation
 * time. Frozen in time.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('plans').addColumn('tracked_since', 'timestamptz').execute()
  await sql`update plans set tracked_since = created_at`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('plans').dropColumn('tracked_since').execute()
}
