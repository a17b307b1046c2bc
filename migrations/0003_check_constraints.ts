import { sql, type Kysely } from 'kysely'

/**
 * Columns with a fixed set of values get CHECK constraints, so a bug or a
 * hand-written UPDATE cannot store a status the code does not know.
 * Frozen in time: the sets are written out here, not imported.
 */
const CHANNELS = ['telegram', 'zalo', 'console']
const CHECKS: [table: string, column: string, values: string[]][] = [
  ['schedules', 'period_kind', ['month', 'quarter', 'half', 'nine_months', 'year', 'once', 'adhoc']],
  ['indicators', 'value_type', ['percent', 'number', 'integer', 'yes_no', 'text', 'choice']],
  ['task_units', 'role', ['lead', 'support']],
  ['contacts', 'role', ['reporter', 'leader']],
  ['contacts', 'channel', CHANNELS],
  ['contacts', 'status', ['active', 'unreachable', 'removed']],
  ['leader_destinations', 'channel', CHANNELS],
  ['leader_destinations', 'kind', ['group', 'private']],
  ['invites', 'role', ['reporter', 'leader']],
  ['invite_failures', 'channel', CHANNELS],
  ['submissions', 'status', ['draft', 'submitted', 'covered']],
  ['indicator_values', 'channel', CHANNELS],
  ['task_progress', 'status', ['done', 'in_progress', 'not_started', 'delayed']],
  ['task_progress', 'channel', CHANNELS],
  ['submission_sections', 'section', ['results', 'difficulties', 'proposals']],
  ['submission_sections', 'channel', CHANNELS],
  ['answer_history', 'item_kind', ['indicator', 'task', 'section']],
  ['answer_history', 'channel', CHANNELS],
  ['processed_updates', 'channel', CHANNELS],
  ['outbox', 'channel', CHANNELS],
  ['outbox', 'state', ['pending', 'sending', 'sent', 'failed', 'dropped']],
]

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const [table, column, values] of CHECKS) {
    await sql`alter table ${sql.table(table)} add constraint ${sql.id(`${table}_${column}_check`)} check (${sql.ref(column)} in (${sql.join(values.map((v) => sql.lit(v)))}))`.execute(db)
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const [table, column] of CHECKS) await sql`alter table ${sql.table(table)} drop constraint ${sql.id(`${table}_${column}_check`)}`.execute(db)
}
