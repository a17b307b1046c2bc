import { sql, type Kysely } from 'kysely'

/**
 * Update ids are counted per bot, not forever per channel: after a token
 * change (another bot) or an id reset, a new update may reuse an old id. Key
 * processed updates by the bot's identity as well. Wrong invite codes also
 * remember the bot and, when known, the plan, so guessing can be limited
 * across every chat and not per chat only.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('processed_updates').addColumn('bot_id', 'text', (c) => c.notNull().defaultTo('')).execute()
  await db.schema.alterTable('processed_updates').dropConstraint('processed_updates_pk').execute()
  await db.schema.alterTable('processed_updates').addPrimaryKeyConstraint('processed_updates_pk', ['channel', 'bot_id', 'update_id']).execute()

  await db.schema.alterTable('invite_failures').addColumn('bot_id', 'text', (c) => c.notNull().defaultTo('')).execute()
  await db.schema.alterTable('invite_failures').addColumn('plan_id', 'integer', (c) => c.references('plans.id').onDelete('cascade')).execute()
  await db.schema.createIndex('invite_failures_bot').on('invite_failures').columns(['channel', 'bot_id', 'failed_at']).execute()
  await db.schema.createIndex('invite_failures_plan').on('invite_failures').columns(['plan_id', 'failed_at']).execute()
}

/** Back to one key per channel: rows of other bots that would collide are dropped first. */
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('invite_failures_plan').execute()
  await db.schema.dropIndex('invite_failures_bot').execute()
  await db.schema.alterTable('invite_failures').dropColumn('plan_id').execute()
  await db.schema.alterTable('invite_failures').dropColumn('bot_id').execute()

  await sql`delete from processed_updates a using processed_updates b
            where a.channel = b.channel and a.update_id = b.update_id and a.bot_id > b.bot_id`.execute(db)
  await db.schema.alterTable('processed_updates').dropConstraint('processed_updates_pk').execute()
  await db.schema.alterTable('processed_updates').dropColumn('bot_id').execute()
  await db.schema.alterTable('processed_updates').addPrimaryKeyConstraint('processed_updates_pk', ['channel', 'update_id']).execute()
}
