import { toAnswerValue } from './answer-value.js'
import { sql } from 'kysely'
import type { AnswerValue } from '../domain/answer-rules.js'
import type { Db } from './database.js'

/** A period row with its schedule code, as the conversation and scheduler read it. */
export interface OpenPeriod {
  id: number
  scheduleCode: string
  periodKind: string
  compile: boolean
  key: string
  label: string
  opensAt: Date
  dueAt: Date
  locksAt: Date
  closesAt: Date
  /** An ad-hoc request's units (codes) when it asks only some of the schedule's reporters. */
  units?: string[] | null
}

/** Periods of a plan that accept reports at `now` (opened, not closed, not a cancelled ad-hoc request). */
export async function openPeriods(db: Db, planId: number, now: Date): Promise<OpenPeriod[]> {
  return db
    .selectFrom('periods as p')
    .innerJoin('schedules as s', 's.id', 'p.schedule_id')
    .select(['p.id', 's.code as scheduleCode', 's.period_kind as periodKind', 's.compile', 'p.key', 'p.label', 'p.opens_at as opensAt', 'p.due_at as dueAt', 'p.locks_at as locksAt', 'p.closes_at as closesAt', 'p.units'])
    .where('p.plan_id', '=', planId)
    .where('s.archived_at', 'is', null)
    .where('p.cancelled_at', 'is', null)
    .where('p.opens_at', '<=', now)
    .where('p.closes_at', '>', now)
    .orderBy('p.due_at')
    .orderBy('s.position')
    .execute()
}

/** Code → id for the plan's live units, indicators and tasks. */
export async function planIds(db: Db, planId: number): Promise<{ units: Map<string, { id: number; name: string }>; indicators: Map<string, number>; tasks: Map<string, number> }> {
  const rows = await sql<{ kind: string; code: string; id: number; name: string }>`
    select 'unit' as kind, code, id, name from units where plan_id = ${planId} and archived_at is null
    union all select 'indicator', code, id, name from indicators where plan_id = ${planId} and archived_at is null
    union all select 'task', code, id, title from tasks where plan_id = ${planId} and archived_at is null
  `.execute(db)
  const units = new Map<string, { id: number; name: string }>()
  const indicators = new Map<string, number>()
  const tasks = new Map<string, number>()
  for (const r of rows.rows) {
    if (r.kind === 'unit') units.set(r.code, { id: r.id, name: r.name })
    else if (r.kind === 'indicator') indicators.set(r.code, r.id)
    else tasks.set(r.code, r.id)
  }
  return { units, indicators, tasks }
}

/**
 * The latest earlier answer for each (indicator, about-unit): what "kỳ trước"
 * shows and what a new value is compared with. Only submitted reports count.
 * A combined report (Năm 2026 with Quý
 * IV/2026) stores one answer in both periods: the larger period names it, so
 * every question of a report shows the same "Kỳ trước".
 */
export async function previousValues(
  db: Db,
  unitIds: number[],
  before: Date,
): Promise<Map<string, { label: string; value: AnswerValue }>> {
  if (!unitIds.length) return new Map()
  const rows = await sql<{ indicator_id: number; about_unit_id: number; label: string; value_num: number | null; value_bool: boolean | null; value_text: string | null }>`
    select distinct on (v.indicator_id, v.about_unit_id) v.indicator_id, v.about_unit_id, p.label, v.value_num, v.value_bool, v.value_text
    from indicator_values v
    join submissions s on s.id = v.submission_id
    join periods p on p.id = s.period_id
    where v.about_unit_id in (${sql.join(unitIds)}) and not v.skipped and s.status <> 'draft' and p.due_at < ${before}
    order by v.indicator_id, v.about_unit_id, p.due_at desc, (p.window_to - p.window_from) desc, p.id desc
  `.execute(db)
  const out = new Map<string, { label: string; value: AnswerValue }>()
  for (const r of rows.rows) {
    out.set(`${r.indicator_id}:${r.about_unit_id}`, { label: r.label, value: toAnswerValue(r) })
  }
  return out
}

/** Tasks of a unit already reported done in an earlier submission: not asked again. */
export async function finishedTasks(db: Db, unitId: number, before: Date): Promise<Set<number>> {
  const rows = await db
    .selectFrom('task_progress as t')
    .innerJoin('submissions as s', 's.id', 't.submission_id')
    .innerJoin('periods as p', 'p.id', 's.period_id')
    .select('t.task_id')
    .where('s.unit_id', '=', unitId)
    .where('s.status', '<>', 'draft')
    .where('t.status', '=', 'done')
    .where('p.due_at', '<', before)
    .execute()
  return new Set(rows.map((r) => r.task_id))
}
