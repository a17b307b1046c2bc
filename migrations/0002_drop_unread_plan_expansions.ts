import { sql, type Kysely } from 'kysely'

/**
 * indicator_targets, indicator_units and plans.settings were written by plan
 * import and read by nothing: everything reads the plan model in plans.model.
 * At province scale indicator_units alone was units × indicators rows per
 * import. Drop them; task_units and unit_group_members stay (the digest and
 * the unit listing read them).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('indicator_units').ifExists().execute()
  await db.schema.dropTable('indicator_targets').ifExists().execute()
  await db.schema.alterTable('plans').dropColumn('settings').execute()
}

/** Recreate the tables and column empty: their rows were derived from plans.model, and nothing refills them now. */
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('plans').addColumn('settings', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`)).execute()
  await db.schema
    .createTable('indicator_targets')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('plan_id', 'integer', (c) => c.notNull().references('plans.id').onDelete('cascade'))
    .addColumn('indicator_id', 'integer', (c) => c.notNull().references('indicators.id').onDelete('cascade'))
    .addColumn('milestone_year', 'integer', (c) => c.notNull())
    .addColumn('raw', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('comparator', 'text')
    .addColumn('value_min', 'double precision')
    .addColumn('value_max', 'double precision')
    .addColumn('measure_unit', 'text')
    .addColumn('percent', 'boolean', (c) => c.notNull().defaultTo(false))
    .addUniqueConstraint('indicator_targets_year', ['indicator_id', 'milestone_year'])
    .execute()
  await db.schema
    .createTable('indicator_units')
    .addColumn('plan_id', 'integer', (c) => c.notNull().references('plans.id').onDelete('cascade'))
    .addColumn('indicator_id', 'integer', (c) => c.notNull().references('indicators.id').onDelete('cascade'))
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id').onDelete('cascade'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('indicator_units_pk', ['indicator_id', 'unit_id', 'role'])
    .execute()
}
