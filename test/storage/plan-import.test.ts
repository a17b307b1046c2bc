import { readFileSync } from 'node:fs'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { sql } from 'kysely'
import { readPlanFile } from '../../src/domain/plan-file.js'
import type { Plan } from '../../src/domain/plan-model.js'
import { importPlan } from '../../src/storage/plan-import.js'
import { createTestDatabase, testDatabaseKind } from '../support/test-database.js'
import type { DatabaseHandle } from '../../src/storage/connection.js'

const miniSource = readFileSync(new URL('../fixtures/mini-plan.yaml', import.meta.url), 'utf8')
function mini(edit: (s: string) => string = (s) => s): Plan {
  const r = readPlanFile(edit(miniSource))
  if (!r.ok) throw new Error(JSON.stringify(r.problems))
  return r.plan
}
const now = new Date('2025-11-20T03:00:00Z')

async function rowCounts(t: DatabaseHandle): Promise<Record<string, number>> {
  const out: Record<string, number> = {}
  for (const table of ['plans', 'unit_groups', 'units', 'unit_group_members', 'schedules', 'indicators', 'tasks', 'task_units']) {
    const r = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}`.execute(t.db)
    out[table] = r.rows[0]!.n
  }
  return out
}

describe(`plan import on ${testDatabaseKind}`, () => {
  let t: DatabaseHandle
  beforeEach(async () => {
    t = await createTestDatabase()
  })
  afterEach(async () => t.close())

  it('is idempotent: importing twice gives the same rows', async () => {
    const first = await importPlan(t.db, mini(), { now })
    expect(first.created).toBe(true)
    expect(first.counts.units).toEqual({ added: 5, updated: 0, archived: 0 })
    const before = await rowCounts(t)
    const second = await importPlan(t.db, mini(), { now })
    expect(second.created).toBe(false)
    expect(second.planId).toBe(first.planId)
    expect(second.counts.units).toEqual({ added: 0, updated: 0, archived: 0 })
    expect(await rowCounts(t)).toEqual(before)
    expect(before).toMatchObject({ plans: 1, units: 5, indicators: 3, tasks: 2, schedules: 2, unit_group_members: 2, task_units: 4 })
  })

  it('expands task leads and supports, groups included, into task_units', async () => {
    const { planId } = await importPlan(t.db, mini(), { now })
    const rows = await t.db
      .selectFrom('task_units as tu')
      .innerJoin('tasks as t', 't.id', 'tu.task_id')
      .innerJoin('units as u', 'u.id', 'tu.unit_id')
      .select(['t.code as task', 'u.code as unit', 'tu.role'])
      .where('tu.plan_id', '=', planId)
      .orderBy('t.code')
      .orderBy('u.code')
      .orderBy('tu.role')
      .execute()
    expect(rows).toEqual([
      { task: 'NV01', unit: 'KT', role: 'lead' },
      { task: 'NV01', unit: 'VHXH', role: 'support' },
      { task: 'NV02', unit: 'THON-01', role: 'lead' },
      { task: 'NV02', unit: 'THON-02', role: 'lead' },
    ])
  })

  it('keeps targets in the stored plan model, the one place they are read from', async () => {
    const { planId } = await importPlan(t.db, mini(), { now })
    const row = await t.db.selectFrom('plans').select('model').where('id', '=', planId).executeTakeFirstOrThrow()
    const model = (typeof row.model === 'string' ? JSON.parse(row.model) : row.model) as Plan
    expect(model.indicators.find((i) => i.code === 'CT02')?.targets).toEqual({ 2025: '01 đến 02', 2030: '≥ 05' })
  })

  it('updates an edited target and archives a removed item without touching collected answers', async () => {
    const { planId } = await importPlan(t.db, mini(), { now })
    const unit = await t.db.selectFrom('units').select('id').where('code', '=', 'KT').executeTakeFirstOrThrow()
    const indicator = await t.db.selectFrom('indicators').select('id').where('code', '=', 'CT02').executeTakeFirstOrThrow()
    const schedule = await t.db.selectFrom('schedules').select('id').where('code', '=', 'quy').executeTakeFirstOrThrow()
    const period = await t.db
      .insertInto('periods')
      .values({ plan_id: planId, schedule_id: schedule.id, key: '2025-Q4', label: 'Quý IV/2025', window_from: '2025-09-15', window_to: '2025-12-04', opens_at: now, due_at: new Date('2025-12-04T17:00:00Z'), locks_at: new Date('2025-12-09T17:00:00Z'), closes_at: new Date('2026-03-04T17:00:00Z') })
      .returning('id')
      .executeTakeFirstOrThrow()
    const submission = await t.db
      .insertInto('submissions')
      .values({ plan_id: planId, unit_id: unit.id, period_id: period.id, started_at: now, updated_at: now })
      .returning('id')
      .executeTakeFirstOrThrow()
    await t.db
      .insertInto('indicator_values')
      .values({ plan_id: planId, submission_id: submission.id, indicator_id: indicator.id, about_unit_id: unit.id, value_num: 2, updated_at: now, channel: 'console' })
      .execute()
    await t.db
      .insertInto('answer_history')
      .values({ plan_id: planId, submission_id: submission.id, item_kind: 'indicator', item_ref: `${indicator.id}:${unit.id}`, new_value: JSON.stringify({ num: 2 }), channel: 'console', changed_at: now })
      .execute()

    const edited = mini((s) => s.replace('2030: "≥ 05"', '2030: "≥ 06"').replace(/ {2}- code: NV02[\s\S]*?due: "trước ngày 31\/7\/2025"\n/, ''))
    const summary = await importPlan(t.db, edited, { now })
    expect(summary.counts.tasks).toEqual({ added: 0, updated: 0, archived: 1 })
    expect(summary.counts.indicators).toEqual({ added: 0, updated: 1, archived: 0 })
    const row = await t.db.selectFrom('plans').select('model').where('id', '=', planId).executeTakeFirstOrThrow()
    const model = (typeof row.model === 'string' ? JSON.parse(row.model) : row.model) as Plan
    expect(model.indicators.find((i) => i.code === 'CT02')?.targets['2030']).toBe('≥ 06')
    const archived = await t.db.selectFrom('tasks').select(['code', 'archived_at']).orderBy('code').execute()
    expect(archived[0]!.archived_at).toBeNull()
    expect(archived[1]!.code).toBe('NV02')
    expect(archived[1]!.archived_at).not.toBeNull()
    expect(await t.db.selectFrom('indicator_values').select(['value_num', 'indicator_id']).execute()).toEqual([{ value_num: 2, indicator_id: indicator.id }])
    expect(await t.db.selectFrom('answer_history').select('item_ref').execute()).toHaveLength(1)

    // Putting the task back brings the same row back to life.
    const restored = await importPlan(t.db, mini(), { now })
    expect(restored.counts.tasks).toEqual({ added: 1, updated: 0, archived: 0 })
    expect(restored.restored.tasks).toEqual(['NV02'])
    expect(await t.db.selectFrom('tasks').select('id').where('archived_at', 'is not', null).execute()).toEqual([])
  })

  it('keeps plans apart: the same codes in two plans are two sets of rows', async () => {
    await importPlan(t.db, mini(), { now })
    await importPlan(t.db, mini((s) => s.replace('code: mini', 'code: mini-2')), { now })
    const counts = await rowCounts(t)
    expect(counts).toMatchObject({ plans: 2, units: 10, indicators: 6 })
  })
})
