import { sql, type Kysely } from 'kysely'

/**
 * The whole first schema. Every plan-owned row carries plan_id, codes are
 * unique within a plan, and nothing a unit answered is ever updated without a
 * row in answer_history. Frozen: later changes go in new migrations.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('plans')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('issuer', 'text', (c) => c.notNull())
    .addColumn('timezone', 'text', (c) => c.notNull())
    .addColumn('settings', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    // The validated plan model as imported: the calendar and the conversation read it whole.
    .addColumn('model', 'jsonb', (c) => c.notNull())
    .addColumn('source_hash', 'text')
    .addColumn('imported_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute()

  await db.schema
    .createTable('unit_groups')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('plan_id', 'integer', (c) => c.notNull().references('plans.id').onDelete('cascade'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('archived_at', 'timestamptz')
    .addUniqueConstraint('unit_groups_plan_code', ['plan_id', 'code'])
    .execute()

  await db.schema
    .createTable('units')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('plan_id', 'integer', (c) => c.notNull().references('plans.id').onDelete('cascade'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('external', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('standing', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('monitor_code', 'text')
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('away_until', 'date')
    .addColumn('away_note', 'text')
    .addColumn('archived_at', 'timestamptz')
    .addUniqueConstraint('units_plan_code', ['plan_id', 'code'])
    .execute()

  await db.schema
    .createTable('unit_group_members')
    .addColumn('plan_id', 'integer', (c) => c.notNull().references('plans.id').onDelete('cascade'))
    .addColumn('group_id', 'integer', (c) => c.notNull().references('unit_groups.id').onDelete('cascade'))
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('unit_group_members_pk', ['group_id', 'unit_id'])
    .execute()

  await db.schema
    .createTable('schedules')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('plan_id', 'integer', (c) => c.notNull().references('plans.id').onDelete('cascade'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('period_kind', 'text', (c) => c.notNull())
    .addColumn('due_text', 'text', (c) => c.notNull())
    .addColumn('reporters', 'jsonb')
    .addColumn('compile', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('opens_working_days_before', 'integer')
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('archived_at', 'timestamptz')
    .addUniqueConstraint('schedules_plan_code', ['plan_id', 'code'])
    .execute()

  await db.schema
    .createTable('indicators')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('plan_id', 'integer', (c) => c.notNull().references('plans.id').onDelete('cascade'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('section', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('value_type', 'text', (c) => c.notNull())
    .addColumn('measure_unit', 'text')
    .addColumn('responsible', 'jsonb', (c) => c.notNull())
    .addColumn('monitor', 'jsonb', (c) => c.notNull())
    .addColumn('schedule_codes', 'jsonb')
    .addColumn('choices', 'jsonb')
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('archived_at', 'timestamptz')
    .addUniqueConstraint('indicators_plan_code', ['plan_id', 'code'])
    .execute()

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

  // Who answers for what, expanded from the plan's unit/group/`all` references at import.
  await db.schema
    .createTable('indicator_units')
    .addColumn('plan_id', 'integer', (c) => c.notNull().references('plans.id').onDelete('cascade'))
    .addColumn('indicator_id', 'integer', (c) => c.notNull().references('indicators.id').onDelete('cascade'))
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id').onDelete('cascade'))
    .addColumn('role', 'text', (c) => c.notNull()) // responsible | monitor
    .addPrimaryKeyConstraint('indicator_units_pk', ['indicator_id', 'unit_id', 'role'])
    .execute()

  await db.schema
    .createTable('tasks')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('plan_id', 'integer', (c) => c.notNull().references('plans.id').onDelete('cascade'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('section', 'text')
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('output', 'text')
    .addColumn('due_text', 'text', (c) => c.notNull())
    .addColumn('lead', 'jsonb', (c) => c.notNull())
    .addColumn('support', 'jsonb', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('archived_at', 'timestamptz')
    .addUniqueConstraint('tasks_plan_code', ['plan_id', 'code'])
    .execute()

  await db.schema
    .createTable('task_units')
    .addColumn('plan_id', 'integer', (c) => c.notNull().references('plans.id').onDelete('cascade'))
    .addColumn('task_id', 'integer', (c) => c.notNull().references('tasks.id').onDelete('cascade'))
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id').onDelete('cascade'))
    .addColumn('role', 'text', (c) => c.notNull()) // lead | support
    .addPrimaryKeyConstraint('task_units_pk', ['task_id', 'unit_id', 'role'])
    .execute()

  await db.schema
    .createTable('periods')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('plan_id', 'integer', (c) => c.notNull().references('plans.id').onDelete('cascade'))
    .addColumn('schedule_id', 'integer', (c) => c.notNull().references('schedules.id').onDelete('cascade'))
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('window_from', 'date', (c) => c.notNull())
    .addColumn('window_to', 'date', (c) => c.notNull())
    .addColumn('opens_at', 'timestamptz', (c) => c.notNull())
    .addColumn('due_at', 'timestamptz', (c) => c.notNull())
    // Submitted answers may be corrected until locks_at; first submissions are taken until closes_at (late).
    .addColumn('locks_at', 'timestamptz', (c) => c.notNull())
    .addColumn('closes_at', 'timestamptz', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('periods_schedule_key', ['schedule_id', 'key'])
    .execute()

  await db.schema
    .createTable('contacts')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('plan_id', 'integer', (c) => c.notNull().references('plans.id').onDelete('cascade'))
    .addColumn('unit_id', 'integer', (c) => c.references('units.id').onDelete('cascade'))
    .addColumn('role', 'text', (c) => c.notNull()) // reporter | leader
    .addColumn('display_name', 'text')
    .addColumn('channel', 'text', (c) => c.notNull()) // telegram | zalo | console
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('chat_id', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('active')) // active | unreachable | removed
    .addColumn('status_note', 'text')
    // "Nhắc lại ngày mai": no reminder to this contact before this instant.
    .addColumn('snoozed_until', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('removed_at', 'timestamptz')
    .execute()
  await sql`create unique index contacts_live_identity on contacts (plan_id, channel, user_id, coalesce(unit_id, 0), role) where status <> 'removed'`.execute(db)
  await db.schema.createIndex('contacts_by_identity').on('contacts').columns(['channel', 'user_id']).execute()
  await db.schema.createIndex('contacts_by_unit').on('contacts').columns(['unit_id']).execute()

  await db.schema
    .createTable('leader_destinations')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('plan_id', 'integer', (c) => c.notNull().references('plans.id').onDelete('cascade'))
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('chat_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull()) // group | private
    .addColumn('title', 'text')
    .addColumn('contact_id', 'integer', (c) => c.references('contacts.id').onDelete('set null'))
    .addColumn('active', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('leader_destinations_chat', ['plan_id', 'channel', 'chat_id'])
    .execute()

  await db.schema
    .createTable('invites')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('plan_id', 'integer', (c) => c.notNull().references('plans.id').onDelete('cascade'))
    .addColumn('unit_id', 'integer', (c) => c.references('units.id').onDelete('cascade'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('display_name', 'text')
    .addColumn('code_hash', 'text', (c) => c.notNull().unique())
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('used_at', 'timestamptz')
    .addColumn('used_by_contact_id', 'integer', (c) => c.references('contacts.id').onDelete('set null'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute()

  await db.schema
    .createTable('invite_failures')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('chat_id', 'text', (c) => c.notNull())
    .addColumn('failed_at', 'timestamptz', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('invite_failures_chat').on('invite_failures').columns(['channel', 'chat_id', 'failed_at']).execute()

  await db.schema
    .createTable('submissions')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('plan_id', 'integer', (c) => c.notNull().references('plans.id').onDelete('cascade'))
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id').onDelete('cascade'))
    .addColumn('period_id', 'integer', (c) => c.notNull().references('periods.id').onDelete('cascade'))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('draft')) // draft | submitted | covered
    .addColumn('covered_by_id', 'integer', (c) => c.references('submissions.id'))
    .addColumn('started_at', 'timestamptz', (c) => c.notNull())
    .addColumn('submitted_at', 'timestamptz')
    .addColumn('submitted_by_contact_id', 'integer', (c) => c.references('contacts.id').onDelete('set null'))
    .addColumn('submitted_channel', 'text')
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addUniqueConstraint('submissions_unit_period', ['period_id', 'unit_id'])
    .execute()

  // Current answer per item; every change also lands in answer_history.
  await db.schema
    .createTable('indicator_values')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('plan_id', 'integer', (c) => c.notNull().references('plans.id').onDelete('cascade'))
    .addColumn('submission_id', 'integer', (c) => c.notNull().references('submissions.id').onDelete('cascade'))
    .addColumn('indicator_id', 'integer', (c) => c.notNull().references('indicators.id').onDelete('cascade'))
    .addColumn('about_unit_id', 'integer', (c) => c.notNull().references('units.id').onDelete('cascade'))
    .addColumn('value_num', 'double precision')
    .addColumn('value_bool', 'boolean')
    .addColumn('value_text', 'text')
    .addColumn('skipped', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('note', 'text')
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_by_contact_id', 'integer', (c) => c.references('contacts.id').onDelete('set null'))
    .addColumn('channel', 'text', (c) => c.notNull())
    .addUniqueConstraint('indicator_values_item', ['submission_id', 'indicator_id', 'about_unit_id'])
    .execute()

  await db.schema
    .createTable('task_progress')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('plan_id', 'integer', (c) => c.notNull().references('plans.id').onDelete('cascade'))
    .addColumn('submission_id', 'integer', (c) => c.notNull().references('submissions.id').onDelete('cascade'))
    .addColumn('task_id', 'integer', (c) => c.notNull().references('tasks.id').onDelete('cascade'))
    .addColumn('status', 'text', (c) => c.notNull()) // done | in_progress | not_started | delayed
    .addColumn('detail', 'text')
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_by_contact_id', 'integer', (c) => c.references('contacts.id').onDelete('set null'))
    .addColumn('channel', 'text', (c) => c.notNull())
    .addUniqueConstraint('task_progress_item', ['submission_id', 'task_id'])
    .execute()

  await db.schema
    .createTable('submission_sections')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('plan_id', 'integer', (c) => c.notNull().references('plans.id').onDelete('cascade'))
    .addColumn('submission_id', 'integer', (c) => c.notNull().references('submissions.id').onDelete('cascade'))
    .addColumn('section', 'text', (c) => c.notNull()) // results | difficulties | proposals
    .addColumn('body', 'text')
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_by_contact_id', 'integer', (c) => c.references('contacts.id').onDelete('set null'))
    .addColumn('channel', 'text', (c) => c.notNull())
    .addUniqueConstraint('submission_sections_item', ['submission_id', 'section'])
    .execute()

  await db.schema
    .createTable('answer_history')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('plan_id', 'integer', (c) => c.notNull().references('plans.id').onDelete('cascade'))
    .addColumn('submission_id', 'integer', (c) => c.notNull().references('submissions.id').onDelete('cascade'))
    .addColumn('item_kind', 'text', (c) => c.notNull()) // indicator | task | section
    .addColumn('item_ref', 'text', (c) => c.notNull()) // indicator id + about unit, task id, or section name
    .addColumn('old_value', 'jsonb')
    .addColumn('new_value', 'jsonb', (c) => c.notNull())
    .addColumn('contact_id', 'integer', (c) => c.references('contacts.id').onDelete('set null'))
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('changed_at', 'timestamptz', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('answer_history_submission').on('answer_history').columns(['submission_id', 'changed_at']).execute()

  await db.schema
    .createTable('conversations')
    .addColumn('contact_id', 'integer', (c) => c.primaryKey().references('contacts.id').onDelete('cascade'))
    .addColumn('state', 'jsonb', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .execute()

  await db.schema
    .createTable('processed_updates')
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('update_id', 'text', (c) => c.notNull())
    .addColumn('processed_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('processed_updates_pk', ['channel', 'update_id'])
    .execute()

  await db.schema
    .createTable('outbox')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('plan_id', 'integer', (c) => c.references('plans.id').onDelete('cascade'))
    .addColumn('dedupe_key', 'text', (c) => c.notNull().unique())
    .addColumn('kind', 'text', (c) => c.notNull()) // reminder | digest | notice | reply
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('chat_id', 'text', (c) => c.notNull())
    .addColumn('contact_id', 'integer', (c) => c.references('contacts.id').onDelete('set null'))
    .addColumn('payload', 'jsonb', (c) => c.notNull())
    .addColumn('priority', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('state', 'text', (c) => c.notNull().defaultTo('pending')) // pending | sending | sent | failed | dropped
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('max_attempts', 'integer', (c) => c.notNull().defaultTo(8))
    .addColumn('run_after', 'timestamptz', (c) => c.notNull())
    .addColumn('locked_at', 'timestamptz')
    .addColumn('locked_by', 'text')
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('sent_at', 'timestamptz')
    .execute()
  await sql`create index outbox_ready on outbox (priority desc, run_after, id) where state = 'pending'`.execute(db)

  await db.schema
    .createTable('outbox_attempts')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('outbox_id', 'integer', (c) => c.notNull().references('outbox.id').onDelete('cascade'))
    .addColumn('attempted_at', 'timestamptz', (c) => c.notNull())
    .addColumn('ok', 'boolean', (c) => c.notNull())
    .addColumn('error_code', 'integer')
    .addColumn('error', 'text')
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'outbox_attempts', 'outbox', 'processed_updates', 'conversations', 'answer_history', 'submission_sections',
    'task_progress', 'indicator_values', 'submissions', 'invite_failures', 'invites', 'leader_destinations',
    'contacts', 'periods', 'task_units', 'tasks', 'indicator_units', 'indicator_targets', 'indicators',
    'schedules', 'unit_group_members', 'units', 'unit_groups', 'plans',
  ]) {
    await db.schema.dropTable(table).ifExists().execute()
  }
}
