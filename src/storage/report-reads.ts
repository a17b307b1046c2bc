import { sql } from 'kysely'
import type { AnswerValue } from '../domain/answer-rules.js'
import { toAnswerValue } from './answer-value.js'
import type { Db, SectionName } from './database.js'

/**
 * Read queries behind the leaders' digests and commands: set-based, one
 * query per figure, never one per unit.
 */

/** A submitted value of a request, as the domain's period summary reads it. */
export interface RequestValue {
  indicatorCode: string
  unitCode: string
  unitName: string
  value: AnswerValue
  note: string | null
}

/**
 * Submitted values of a request (one or several periods answered together).
 * A combined report stores its answers in each of its submissions: each
 * (indicator, unit) is returned once. One query, whatever the number of units.
 */
export async function requestValues(db: Db, periodIds: readonly number[]): Promise<RequestValue[]> {
  if (!periodIds.length) return []
  const rows = await sql<{ code: string; unit_code: string; unit_name: string; value_num: number | null; value_bool: boolean | null; value_text: string | null; note: string | null }>`
    select distinct on (v.indicator_id, v.about_unit_id) i.code, u.code as unit_code, u.name as unit_name, v.value_num, v.value_bool, v.value_text, v.note
    from indicator_values v
    join submissions sub on sub.id = v.submission_id
    join indicators i on i.id = v.indicator_id
    join units u on u.id = v.about_unit_id
    where sub.period_id in (${sql.join([...periodIds])}) and sub.status in ('submitted', 'covered') and not v.skipped
    order by v.indicator_id, v.about_unit_id, sub.period_id
  `.execute(db)
  return rows.rows.map((r) => ({ indicatorCode: r.code, unitCode: r.unit_code, unitName: r.unit_name, value: toAnswerValue(r), note: r.note }))
}

/** The narrative sections units submitted for a request, once per unit and section, in unit order. */
export async function requestSections(db: Db, periodIds: readonly number[]): Promise<{ section: SectionName; body: string; unitName: string }[]> {
  if (!periodIds.length) return []
  const rows = await sql<{ section: SectionName; body: string; name: string }>`
    select section, body, name from (
      select distinct on (sub.unit_id, x.section) x.section, x.body, u.name, u.position
      from submission_sections x
      join submissions sub on sub.id = x.submission_id
      join units u on u.id = sub.unit_id
      where sub.period_id in (${sql.join([...periodIds])}) and sub.status in ('submitted', 'covered') and x.body is not null
      order by sub.unit_id, x.section, sub.period_id
    ) t order by position
  `.execute(db)
  return rows.rows.map((r) => ({ section: r.section, body: r.body, unitName: r.name }))
}

/** For each lead unit of these tasks: whether it has reported the task done in any submitted report. */
export async function leadTaskCompletion(db: Db, planId: number, taskCodes: string[]): Promise<{ code: string; unitName: string; done: boolean }[]> {
  if (!taskCodes.length) return []
  const rows = await db
    .selectFrom('task_units as tu')
    .innerJoin('tasks as t', 't.id', 'tu.task_id')
    .innerJoin('units as u', 'u.id', 'tu.unit_id')
    .leftJoin(
      (eb) =>
        eb
          .selectFrom('task_progress as tp')
          .innerJoin('submissions as sub', 'sub.id', 'tp.submission_id')
          .select(['sub.unit_id', 'tp.task_id', 'tp.status'])
          .where('sub.status', '<>', 'draft')
          .where('tp.status', '=', 'done')
          .as('done'),
      (join) => join.onRef('done.unit_id', '=', 'tu.unit_id').onRef('done.task_id', '=', 'tu.task_id'),
    )
    .select(['t.code', 'u.name', 'done.status'])
    .where('tu.plan_id', '=', planId)
    .where('tu.role', '=', 'lead')
    .where('t.code', 'in', taskCodes)
    .execute()
  return rows.map((r) => ({ code: r.code, unitName: r.name, done: r.status !== null }))
}

/** One indicator's reported values across periods and units, newest period first. */
export async function indicatorHistory(db: Db, planId: number, code: string, limit: number): Promise<{ label: string; unitName: string; value: AnswerValue; note: string | null }[]> {
  const rows = await db
    .selectFrom('indicator_values as v')
    .innerJoin('indicators as i', 'i.id', 'v.indicator_id')
    .innerJoin('submissions as s', 's.id', 'v.submission_id')
    .innerJoin('periods as p', 'p.id', 's.period_id')
    .innerJoin('units as u', 'u.id', 'v.about_unit_id')
    .select(['p.label', 'p.due_at', 'u.name', 'v.value_num', 'v.value_bool', 'v.value_text', 'v.note'])
    .where('i.plan_id', '=', planId)
    .where('i.code', '=', code)
    .where('v.skipped', '=', false)
    .where('s.status', '<>', 'draft')
    .orderBy('p.due_at', 'desc')
    .orderBy('u.position')
    .limit(limit)
    .execute()
  return rows.map((r) => ({ label: r.label, unitName: r.name, value: toAnswerValue(r), note: r.note }))
}
