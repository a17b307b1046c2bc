import { sql } from 'kysely'
import type { AnswerValue } from '../domain/answer-rules.js'
import type { Channel, Db, SectionName, Submission, TaskStatus } from './database.js'

/** Who is writing an answer, through which app, when: recorded with every change. */
export interface AnswerAuthor {
  contactId: number
  channel: Channel
  at: Date
}

/** The unit's submission for a period, created as a draft on first touch. */
export async function ensureSubmission(db: Db, planId: number, unitId: number, periodId: number, at: Date): Promise<Submission> {
  return db
    .insertInto('submissions')
    .values({ plan_id: planId, unit_id: unitId, period_id: periodId, started_at: at, updated_at: at })
    .onConflict((oc) => oc.columns(['period_id', 'unit_id']).doUpdateSet({ updated_at: sql`submissions.updated_at` }))
    .returningAll()
    .executeTakeFirstOrThrow()
}

/** An indicator answer to store: a value, or a deliberate skip. */
export type IndicatorAnswer = { value: AnswerValue; note?: string | null } | { skipped: true }

/** Postgres int[] literal for a list of ids (both drivers send it as text). */
function idArray(ids: readonly number[]): string {
  return `{${ids.map((id) => Math.trunc(id)).join(',')}}`
}

/**
 * Store one indicator answer in every submission it belongs to (a combined
 * report writes the quarter and the year at once), with a history row for
 * each: the previous value (if any) and the new one, who, when, which app.
 * One statement, so an answer costs one round trip; nothing is ever
 * overwritten without its trace.
 */
export async function saveIndicatorAnswer(
  db: Db,
  item: { planId: number; submissionIds: readonly number[]; indicatorId: number; aboutUnitId: number },
  answer: IndicatorAnswer,
  by: AnswerAuthor,
): Promise<void> {
  const v = 'skipped' in answer ? undefined : answer.value
  const num = v && 'num' in v ? v.num : null
  const bool = v && 'bool' in v ? v.bool : null
  const text = v && 'text' in v ? v.text : null
  const skipped = 'skipped' in answer
  const note = 'skipped' in answer ? null : (answer.note ?? null)
  const newValue = JSON.stringify(skipped ? { skipped: true } : { ...v, ...(note ? { note } : {}) })
  const ref = `${item.indicatorId}:${item.aboutUnitId}`
  await sql`
    with old as (
      select submission_id, jsonb_strip_nulls(jsonb_build_object('num', value_num, 'bool', value_bool, 'text', value_text, 'skipped', skipped, 'note', note)) as value
      from indicator_values
      where submission_id = any(${idArray(item.submissionIds)}::int[]) and indicator_id = ${item.indicatorId} and about_unit_id = ${item.aboutUnitId}
    ), up as (
      insert into indicator_values (plan_id, submission_id, indicator_id, about_unit_id, value_num, value_bool, value_text, skipped, note, updated_at, updated_by_contact_id, channel)
      select ${item.planId}, s, ${item.indicatorId}, ${item.aboutUnitId}, ${num}::double precision, ${bool}::boolean, ${text}::text, ${skipped}, ${note}::text, ${by.at}, ${by.contactId}, ${by.channel}
      from unnest(${idArray(item.submissionIds)}::int[]) as s
      on conflict (submission_id, indicator_id, about_unit_id) do update set
        value_num = excluded.value_num, value_bool = excluded.value_bool, value_text = excluded.value_text,
        skipped = excluded.skipped, note = excluded.note, updated_at = excluded.updated_at,
        updated_by_contact_id = excluded.updated_by_contact_id, channel = excluded.channel
      returning submission_id
    )
    insert into answer_history (plan_id, submission_id, item_kind, item_ref, old_value, new_value, contact_id, channel, changed_at)
    select ${item.planId}, up.submission_id, 'indicator', ${ref}, old.value, ${newValue}::jsonb, ${by.contactId}, ${by.channel}, ${by.at}
    from up left join old on old.submission_id = up.submission_id
  `.execute(db)
}

/** Store a task's progress (status plus output or reason) in every submission of the report, with history. */
export async function saveTaskProgress(
  db: Db,
  item: { planId: number; submissionIds: readonly number[]; taskId: number },
  progress: { status: TaskStatus; detail: string | null },
  by: AnswerAuthor,
): Promise<void> {
  const newValue = JSON.stringify({ status: progress.status, ...(progress.detail ? { detail: progress.detail } : {}) })
  await sql`
    with old as (
      select submission_id, jsonb_strip_nulls(jsonb_build_object('status', status, 'detail', detail)) as value
      from task_progress where submission_id = any(${idArray(item.submissionIds)}::int[]) and task_id = ${item.taskId}
    ), up as (
      insert into task_progress (plan_id, submission_id, task_id, status, detail, updated_at, updated_by_contact_id, channel)
      select ${item.planId}, s, ${item.taskId}, ${progress.status}, ${progress.detail}::text, ${by.at}, ${by.contactId}, ${by.channel}
      from unnest(${idArray(item.submissionIds)}::int[]) as s
      on conflict (submission_id, task_id) do update set
        status = excluded.status, detail = excluded.detail, updated_at = excluded.updated_at,
        updated_by_contact_id = excluded.updated_by_contact_id, channel = excluded.channel
      returning submission_id
    )
    insert into answer_history (plan_id, submission_id, item_kind, item_ref, old_value, new_value, contact_id, channel, changed_at)
    select ${item.planId}, up.submission_id, 'task', ${String(item.taskId)}, old.value, ${newValue}::jsonb, ${by.contactId}, ${by.channel}, ${by.at}
    from up left join old on old.submission_id = up.submission_id
  `.execute(db)
}

/** Store a free-text section (results, difficulties, proposals) in every submission; null body = "không". */
export async function saveSection(
  db: Db,
  item: { planId: number; submissionIds: readonly number[]; section: SectionName },
  body: string | null,
  by: AnswerAuthor,
): Promise<void> {
  const newValue = JSON.stringify({ body })
  await sql`
    with old as (
      select submission_id, jsonb_build_object('body', body) as value
      from submission_sections where submission_id = any(${idArray(item.submissionIds)}::int[]) and section = ${item.section}
    ), up as (
      insert into submission_sections (plan_id, submission_id, section, body, updated_at, updated_by_contact_id, channel)
      select ${item.planId}, s, ${item.section}, ${body}::text, ${by.at}, ${by.contactId}, ${by.channel}
      from unnest(${idArray(item.submissionIds)}::int[]) as s
      on conflict (submission_id, section) do update set
        body = excluded.body, updated_at = excluded.updated_at, updated_by_contact_id = excluded.updated_by_contact_id, channel = excluded.channel
      returning submission_id
    )
    insert into answer_history (plan_id, submission_id, item_kind, item_ref, old_value, new_value, contact_id, channel, changed_at)
    select ${item.planId}, up.submission_id, 'section', ${item.section}, old.value, ${newValue}::jsonb, ${by.contactId}, ${by.channel}, ${by.at}
    from up left join old on old.submission_id = up.submission_id
  `.execute(db)
}

/**
 * Mark submissions as submitted (first submission time is kept: a later
 * correction does not make an on-time report late).
 */
export async function markSubmitted(db: Db, submissionIds: number[], by: AnswerAuthor): Promise<void> {
  if (!submissionIds.length) return
  await db
    .updateTable('submissions')
    .set({
      status: 'submitted',
      submitted_at: sql`coalesce(submitted_at, ${by.at})`,
      submitted_by_contact_id: sql`coalesce(submitted_by_contact_id, ${by.contactId})`,
      submitted_channel: sql`coalesce(submitted_channel, ${by.channel})`,
      updated_at: by.at,
    })
    .where('id', 'in', submissionIds)
    .execute()
}

/** Everything stored for a submission, for the review screen and for tests. */
export async function loadSubmissionAnswers(db: Db, submissionId: number) {
  const [values, tasks, sections] = await Promise.all([
    db.selectFrom('indicator_values').selectAll().where('submission_id', '=', submissionId).execute(),
    db.selectFrom('task_progress').selectAll().where('submission_id', '=', submissionId).execute(),
    db.selectFrom('submission_sections').selectAll().where('submission_id', '=', submissionId).execute(),
  ])
  return { values, tasks, sections }
}

/** When a submission was first submitted, or null while it is a draft. */
export async function submittedAtOf(db: Db, submissionId: number): Promise<Date | null> {
  const row = await db.selectFrom('submissions').select('submitted_at').where('id', '=', submissionId).executeTakeFirst()
  return row?.submitted_at ?? null
}
