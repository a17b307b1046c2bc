import { sql } from 'kysely'
import type { AnswerValue } from '../domain/answer-rules.js'
import type { AnswerTotals } from '../domain/reporting/aggregate.js'
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
 * The submitted values of a request, each (indicator, unit) once: a combined
 * report stores its answers in each of its submissions, and the earliest
 * period's wins.
 */
function requestValueRows(periodIds: readonly number[], indicatorCodes?: readonly string[]) {
  return sql`
    select distinct on (v.indicator_id, v.about_unit_id) v.indicator_id, v.about_unit_id, v.value_num, v.value_bool, v.value_text, v.note
    from indicator_values v
    join submissions sub on sub.id = v.submission_id
    ${indicatorCodes ? sql`join indicators i on i.id = v.indicator_id` : sql``}
    where sub.period_id in (${sql.join([...periodIds])}) and sub.status in ('submitted', 'covered') and not v.skipped
      ${indicatorCodes ? sql`and i.code in (${sql.join([...indicatorCodes])})` : sql``}
    order by v.indicator_id, v.about_unit_id, sub.period_id
  `
}

/**
 * Submitted values of a request (one or several periods answered together),
 * each (indicator, unit) once; only those of `indicatorCodes` when given.
 * One query, whatever the number of units.
 */
export async function requestValues(db: Db, periodIds: readonly number[], indicatorCodes?: readonly string[]): Promise<RequestValue[]> {
  if (!periodIds.length || indicatorCodes?.length === 0) return []
  const rows = await sql<{ code: string; unit_code: string; unit_name: string; value_num: number | null; value_bool: boolean | null; value_text: string | null; note: string | null }>`
    select i.code, u.code as unit_code, u.name as unit_name, x.value_num, x.value_bool, x.value_text, x.note
    from (${requestValueRows(periodIds, indicatorCodes)}) x
    join indicators i on i.id = x.indicator_id
    join units u on u.id = x.about_unit_id
    order by x.indicator_id, x.about_unit_id
  `.execute(db)
  return rows.rows.map((r) => ({ indicatorCode: r.code, unitCode: r.unit_code, unitName: r.unit_name, value: toAnswerValue(r), note: r.note }))
}

/**
 * The totals each indicator's aggregation rule needs (see `AnswerTotals`),
 * over a request's submitted values, by indicator code: one grouped query
 * instead of reading every unit's value. A value's weight is the same unit's
 * value of the indicator `weights` names for it, in the same request. Sums
 * are taken in numeric (exact decimals) and converted to a number once.
 */
export async function requestValueTotals(db: Db, periodIds: readonly number[], weights: readonly { code: string; weight: string }[]): Promise<Map<string, AnswerTotals>> {
  if (!periodIds.length) return new Map()
  const cols = (w: 'w' | 'none') => sql`
      count(*)::int as answered,
      count(x.value_num)::int as nums,
      sum(x.value_num::numeric)::text as sum,
      min(x.value_num) as min,
      max(x.value_num) as max,
      count(*) filter (where x.value_num is null and x.value_bool is not null)::int as bools,
      count(*) filter (where x.value_num is null and x.value_bool)::int as yes,
      ${
        w === 'w'
          ? sql`count(*) filter (where x.value_num is not null and w.value_num > 0)::int as weighted,
      sum(x.value_num::numeric * w.value_num::numeric) filter (where w.value_num > 0)::text as weighted_sum,
      sum(w.value_num::numeric) filter (where x.value_num is not null and w.value_num > 0)::text as weight_total`
          : sql`0 as weighted, null::text as weighted_sum, null::text as weight_total`
      }`
  // Without weights (most plans), no second pass over the values.
  const query = weights.length
    ? sql`
    with x as (${requestValueRows(periodIds)}),
    wc as (
      select i.id as indicator_id, wi.id as weight_id
      from (values ${sql.join(weights.map((w) => sql`(${w.code}::text, ${w.weight}::text)`))}) as p(code, weight)
      join indicators i on i.code = p.code
      join indicators wi on wi.plan_id = i.plan_id and wi.code = p.weight
    )
    select i.code, t.* from (
      select x.indicator_id, ${cols('w')}
      from x
      left join wc on wc.indicator_id = x.indicator_id
      left join x w on w.indicator_id = wc.weight_id and w.about_unit_id = x.about_unit_id
      group by x.indicator_id
    ) t join indicators i on i.id = t.indicator_id`
    : sql`
    select i.code, t.* from (
      select x.indicator_id, ${cols('none')}
      from (${requestValueRows(periodIds)}) x
      group by x.indicator_id
    ) t join indicators i on i.id = t.indicator_id`
  const rows = await sql<{
    code: string
    answered: number
    nums: number
    sum: string | null
    min: number | null
    max: number | null
    bools: number
    yes: number
    weighted: number
    weighted_sum: string | null
    weight_total: string | null
  }>`${query}`.execute(db)
  const num = (s: string | null) => (s === null ? 0 : Number(s))
  return new Map(
    rows.rows.map((r) => [
      r.code,
      {
        answered: r.answered,
        nums: r.nums,
        sum: num(r.sum),
        min: r.min ?? undefined,
        max: r.max ?? undefined,
        bools: r.bools,
        yes: r.yes,
        weighted: r.weighted,
        weightedSum: num(r.weighted_sum),
        weightTotal: num(r.weight_total),
      },
    ]),
  )
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
