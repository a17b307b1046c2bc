import { sql, type Kysely } from 'kysely'

/**
 * The sending pace shared by every instance on one database: one row per
 * bot (channel + bot id) holding the next free send slot and the moments of
 * its sends in the last second. Each dispatcher books its slots and admits
 * each send here, so two instances together stay at the platform's limit
 * for that bot instead of each using all of it.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('send_pace')
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('bot_id', 'text', (c) => c.notNull())
    .addColumn('next_at', 'timestamptz', (c) => c.notNull())
    .addColumn('recent', sql`timestamptz[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('held_until', 'timestamptz')
    .addPrimaryKeyConstraint('send_pace_pk', ['channel', 'bot_id'])
    .execute()
}

/** The pace is derived state: dropping it loses at most a second of spacing. */
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('send_pace').execute()
}
