import type { Plan as PlanModel } from '../domain/plan-model.js'
import type { ColumnType, Generated, Insertable, Kysely, Selectable, Transaction, Updateable } from 'kysely'

/** Timestamps come back as Date from both drivers and go in as Date or ISO text. */
type Timestamp = ColumnType<Date, Date | string, Date | string>
/** `date` columns are read as `YYYY-MM-DD` text (parsers are set in connection.ts). */
type DateText = ColumnType<string, string, string>
type Json<T> = ColumnType<T, string, string>

export interface PlansTable {
  id: Generated<number>
  code: string
  title: string
  issuer: string
  timezone: string
  model: Json<PlanModel>
  source_hash: string | null
  imported_at: Timestamp | null
  /** The first import: reports due before it are history (see domain/reporting/period-now.ts). */
  tracked_since: Timestamp | null
  created_at: Generated<Date>
}

export interface UnitGroupsTable {
  id: Generated<number>
  plan_id: number
  code: string
  name: string
  archived_at: Timestamp | null
}

export interface UnitsTable {
  id: Generated<number>
  plan_id: number
  code: string
  name: string
  external: Generated<boolean>
  standing: Generated<boolean>
  monitor_code: string | null
  position: Generated<number>
  away_until: DateText | null
  away_note: string | null
  archived_at: Timestamp | null
}

export interface UnitGroupMembersTable {
  plan_id: number
  group_id: number
  unit_id: number
}

export interface SchedulesTable {
  id: Generated<number>
  plan_id: number
  code: string
  name: string
  period_kind: string
  due_text: string
  reporters: Json<string[]> | null
  compile: Generated<boolean>
  opens_working_days_before: number | null
  position: Generated<number>
  archived_at: Timestamp | null
}

export interface IndicatorsTable {
  id: Generated<number>
  plan_id: number
  code: string
  section: Generated<string>
  name: string
  value_type: string
  measure_unit: string | null
  responsible: Json<string[]>
  monitor: Json<string[]>
  schedule_codes: Json<string[]> | null
  choices: Json<string[]> | null
  position: Generated<number>
  archived_at: Timestamp | null
}

export interface TasksTable {
  id: Generated<number>
  plan_id: number
  code: string
  section: string | null
  title: string
  output: string | null
  due_text: string
  lead: Json<string[]>
  support: Json<string[]>
  position: Generated<number>
  archived_at: Timestamp | null
}

export interface TaskUnitsTable {
  plan_id: number
  task_id: number
  unit_id: number
  role: 'lead' | 'support'
}

export interface PeriodsTable {
  id: Generated<number>
  plan_id: number
  schedule_id: number
  key: string
  label: string
  window_from: DateText
  window_to: DateText
  opens_at: Timestamp
  due_at: Timestamp
  locks_at: Timestamp
  closes_at: Timestamp
  created_at: Generated<Date>
  /** Ad-hoc requests only: the operator's title, the unit codes asked (null = every reporter), who opened it. */
  title: string | null
  units: Json<string[]> | null
  created_by: string | null
  /** A cancelled ad-hoc request: no reminders, not offered, not counted; its answers stay. */
  cancelled_at: Timestamp | null
}

export type Channel = 'telegram' | 'zalo' | 'console'
export type ContactRole = 'reporter' | 'leader'

export interface ContactsTable {
  id: Generated<number>
  plan_id: number
  unit_id: number | null
  role: ContactRole
  display_name: string | null
  channel: Channel
  user_id: string
  chat_id: string
  status: Generated<'active' | 'unreachable' | 'removed'>
  status_note: string | null
  snoozed_until: Timestamp | null
  created_at: Generated<Date>
  removed_at: Timestamp | null
}

export interface LeaderDestinationsTable {
  id: Generated<number>
  plan_id: number
  channel: Channel
  chat_id: string
  kind: 'group' | 'private'
  title: string | null
  contact_id: number | null
  active: Generated<boolean>
  created_at: Generated<Date>
}

export interface InvitesTable {
  id: Generated<number>
  plan_id: number
  unit_id: number | null
  role: ContactRole
  display_name: string | null
  code_hash: string
  expires_at: Timestamp
  used_at: Timestamp | null
  used_by_contact_id: number | null
  created_at: Generated<Date>
}

export interface InviteFailuresTable {
  id: Generated<number>
  channel: Channel
  bot_id: Generated<string>
  /** The plan of a used or expired code; null for a code that matched nothing. */
  plan_id: number | null
  chat_id: string
  failed_at: Timestamp
}

export interface SubmissionsTable {
  id: Generated<number>
  plan_id: number
  unit_id: number
  period_id: number
  status: Generated<'draft' | 'submitted' | 'covered'>
  covered_by_id: number | null
  started_at: Timestamp
  submitted_at: Timestamp | null
  submitted_by_contact_id: number | null
  submitted_channel: Channel | null
  updated_at: Timestamp
}

export interface IndicatorValuesTable {
  id: Generated<number>
  plan_id: number
  submission_id: number
  indicator_id: number
  about_unit_id: number
  value_num: number | null
  value_bool: boolean | null
  value_text: string | null
  skipped: Generated<boolean>
  note: string | null
  updated_at: Timestamp
  updated_by_contact_id: number | null
  channel: Channel
}

export type TaskStatus = 'done' | 'in_progress' | 'not_started' | 'delayed'

export interface TaskProgressTable {
  id: Generated<number>
  plan_id: number
  submission_id: number
  task_id: number
  status: TaskStatus
  detail: string | null
  updated_at: Timestamp
  updated_by_contact_id: number | null
  channel: Channel
}

export type SectionName = 'results' | 'difficulties' | 'proposals'

export interface SubmissionSectionsTable {
  id: Generated<number>
  plan_id: number
  submission_id: number
  section: SectionName
  body: string | null
  updated_at: Timestamp
  updated_by_contact_id: number | null
  channel: Channel
}

export interface AnswerHistoryTable {
  id: Generated<number>
  plan_id: number
  submission_id: number
  item_kind: 'indicator' | 'task' | 'section'
  item_ref: string
  old_value: Json<unknown> | null
  new_value: Json<unknown>
  contact_id: number | null
  channel: Channel
  changed_at: Timestamp
}

export interface ConversationsTable {
  contact_id: number
  state: Json<unknown>
  version: Generated<number>
  updated_at: Timestamp
}

export interface ProcessedUpdatesTable {
  channel: Channel
  /** The bot the update came to (Telegram/Zalo bot id, '' for the console): ids are per bot. */
  bot_id: Generated<string>
  update_id: string
  processed_at: Timestamp
}

export type OutboxState = 'pending' | 'sending' | 'sent' | 'failed' | 'dropped'

export interface OutboxTable {
  id: Generated<number>
  plan_id: number | null
  dedupe_key: string
  kind: string
  channel: Channel
  chat_id: string
  contact_id: number | null
  payload: Json<unknown>
  priority: Generated<number>
  state: Generated<OutboxState>
  attempts: Generated<number>
  max_attempts: Generated<number>
  run_after: Timestamp
  locked_at: Timestamp | null
  locked_by: string | null
  last_error: string | null
  created_at: Timestamp
  sent_at: Timestamp | null
}

export interface OutboxAttemptsTable {
  id: Generated<number>
  outbox_id: number
  attempted_at: Timestamp
  ok: boolean
  error_code: number | null
  error: string | null
}

/** The next free send slot of one bot, shared by every instance on the database. */
export interface SendPaceTable {
  channel: Channel
  /** The bot's identity on its platform (Telegram: the number before ':' in the token). */
  bot_id: string
  next_at: Timestamp
  /** When its sends of the last second were admitted, oldest first. */
  recent: ColumnType<Date[], Date[] | undefined, Date[]>
  /** After a 429: no send of this bot, booked or not, before then. */
  held_until: Timestamp | null
}

export type OperatorRole = 'operator' | 'leader'

/** A person of the standing office (or a leader) who uses the web page for one plan. */
export interface OperatorsTable {
  id: Generated<number>
  plan_id: number
  name: string
  role: OperatorRole
  created_at: Generated<Date>
  removed_at: Timestamp | null
}

export interface OperatorLoginCodesTable {
  id: Generated<number>
  operator_id: number
  code_hash: string
  expires_at: Timestamp
  used_at: Timestamp | null
  created_at: Generated<Date>
}

export interface OperatorSessionsTable {
  id: Generated<number>
  operator_id: number
  token_hash: string
  csrf_token: string
  created_at: Timestamp
  last_seen_at: Timestamp
  expires_at: Timestamp
}

export interface LoginFailuresTable {
  id: Generated<number>
  source: string
  failed_at: Timestamp
}

export interface AuditLogTable {
  id: Generated<number>
  plan_id: number
  operator_id: number | null
  action: string
  detail: Json<Record<string, unknown>>
  at: Timestamp
}

/** Every table the product owns, for Kysely's typed queries. */
export interface Database {
  plans: PlansTable
  unit_groups: UnitGroupsTable
  units: UnitsTable
  unit_group_members: UnitGroupMembersTable
  schedules: SchedulesTable
  indicators: IndicatorsTable
  tasks: TasksTable
  task_units: TaskUnitsTable
  periods: PeriodsTable
  contacts: ContactsTable
  leader_destinations: LeaderDestinationsTable
  invites: InvitesTable
  invite_failures: InviteFailuresTable
  submissions: SubmissionsTable
  indicator_values: IndicatorValuesTable
  task_progress: TaskProgressTable
  submission_sections: SubmissionSectionsTable
  answer_history: AnswerHistoryTable
  conversations: ConversationsTable
  processed_updates: ProcessedUpdatesTable
  outbox: OutboxTable
  outbox_attempts: OutboxAttemptsTable
  send_pace: SendPaceTable
  operators: OperatorsTable
  operator_login_codes: OperatorLoginCodesTable
  operator_sessions: OperatorSessionsTable
  login_failures: LoginFailuresTable
  audit_log: AuditLogTable
}

/** What every repository function takes: the database or a transaction on it. */
export type Db = Kysely<Database> | Transaction<Database>

export type PlanRow = Selectable<PlansTable>
export type Unit = Selectable<UnitsTable>
export type Contact = Selectable<ContactsTable>
export type NewContact = Insertable<ContactsTable>
export type PeriodRow = Selectable<PeriodsTable>
export type Submission = Selectable<SubmissionsTable>
export type OutboxRow = Selectable<OutboxTable>
export type OutboxUpdate = Updateable<OutboxTable>
