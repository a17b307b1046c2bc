import { sql } from 'kysely'
import type { AnswerValue } from '../domain/answer-rules.js'
import { toAnswerValue } from './answer-value.js'
import type { Db, SectionName } from './database.js'

/**
 * Read queries behind the leaders' digests and commands: set-based, one
 * query per figure, never one per unit.
 */

/** Submitted answers of one indicator: counts and the numeric sum; each unit's answer only where asked for. */
export interface IndicatorFigures {
  count: number
  numbers: number
  sum: number
  rows?: { unitName: string; value: AnswerValue }[]
}

/**
 * Submitted answers of a period per indicator code. Numbers are summed in the
 * database (a province sends units × indicators rows, too many to ship to the
 * process); each unit's answer is fetched only for the indicators
 * `listUnitByUnit` asks for (yes/no, text, choice, or no number given).
 */
export async function indicatorFigures(db: Db, periodId: number, listUnitByUnit: (code: string, numbers: number) => boolean): Promise<Map<string, IndicatorFigures>> {
  const submitted = db
    .selectFrom('indicator_values as v')
    .innerJoin('submissions as sub', 'sub.id', 'v.submission_id')
    .innerJoin('indicators as i', 'i.id', 'v.indicator_id')
    .where('sub.period_id', '=', periodId)
    .where('sub.status', '=', 'submitted')
    .where('v.skipped', '=', false)
  const totals = await submitted
    .select('i.code')
    .select([sql<number>`count(*)::int`.as('count'), sql<number>`count(v.value_num)::int`.as('numbers'), sql<number | null>`sum(v.value_num)`.as('sum')])
    .groupBy('i.code')
    .execute()
  const out = new Map<string, IndicatorFigures>(totals.map((t) => [t.code, { count: t.count, numbers: t.numbers, sum: Number(t.sum ?? 0) }]))
  const listed = totals.filter((t) => listUnitByUnit(t.code, t.numbers)).map((t) => t.code)
  if (!listed.length) return out
  const rows = await submitted
    .innerJoin('units as u', 'u.id', 'v.about_unit_id')
    .select(['i.code', 'u.name', 'v.value_num', 'v.value_bool', 'v.value_text'])
    .where('i.code', 'in', listed)
    .orderBy('u.position')
    .execute()
  for (const r of rows) {
    const figures = out.get(r.code)!
    figures.rows ??= []
    figures.rows.push({ unitName: r.name, value: toAnswerValue(r) })
  }
  return out
}

/** Non-empty free-text sections of submitted reports for a period, with the unit's name. */
export async function submittedSections(db: Db, periodId: number): Promise<{ section: SectionName; body: string; unitName: string }[]> {
  const rows = await db
    .selectFrom('submission_sections as x')
    .innerJoin('submissions as sub', 'sub.id', 'x.submission_id')
    .innerJoin('units as u', 'u.id', 'sub.unit_id')
    .select(['x.section', 'x.body', 'u.name'])
    .where('sub.period_id', '=', periodId)
    .where('sub.status', '=', 'submitted')
    .where('x.body', 'is not', null)
    .execute()
  return rows.map((r) => ({ section: r.section, body: r.body!, unitName: r.name }))
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
