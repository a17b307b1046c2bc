import type { Kysely } from 'kysely'

/**
 * Ad-hoc requests ("báo cáo đột xuất theo yêu cầu") are periods an operator
 * opens: their title, the units asked when not every reporter of the
 * schedule (unit codes), who opened them, and when they were cancelled
 * (a cancelled request is neither chased nor counted; its answers stay).
 * Frozen in time.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('periods')
    .addColumn('title', 'text')
    .addColumn('units', 'jsonb')
    .addColumn('created_by', 'text')
    .addColumn('cancelled_at', 'timestamptz')
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('periods').dropColumn('title').dropColumn('units').dropColumn('created_by').dropColumn('cancelled_at').execute()
}
