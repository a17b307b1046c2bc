import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { sql } from 'kysely'
import { importPlan } from '../../src/storage/plan-import.js'
import { syncPlanPeriods } from '../../src/scheduler/period-sync.js'
import type { DatabaseHandle } from '../../src/storage/connection.js'
import { createTestDatabase, testDatabaseKind } from '../support/test-database.js'
import { readScalePlan, scalePlanSource } from './scale-plan.js'

const now = new Date('2025-11-20T03:00:00Z')
const TABLES = ['plans', 'unit_groups', 'units', 'unit_group_members', 'schedules', 'indicators', 'tasks', 'task_units', 'periods']

async function rowCounts(t: DatabaseHandle): Promise<Record<string, number>> {
  const out: Record<string, number> = {}
  for (const table of TABLES) {
    const r = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}`.execute(t.db)
    out[table] = r.rows[0]!.n
  }
  return out
}

/**
 * What `plan check` accepts must import: province-sized plans used to fail
 * with one INSERT over the 65,535-parameter limit on PostgreSQL and
 * "Invalid array length" on PGlite.
 */
describe(`plan import at province scale on ${testDatabaseKind}`, () => {
  let t: DatabaseHandle
  beforeEach(async () => {
    t = await createTestDatabase()
  })
  afterEach(async () => t.close())

  it('imports and re-imports 10,000 units in groups with a third of the indicators on `all`', async () => {
    const plan = readScalePlan(scalePlanSource({ units: 10_000, groupSize: 100, indicators: 74, allShare: 1 / 3, tasks: 60 }))
    const first = await importPlan(t.db, plan, { now })
    await syncPlanPeriods(t.db, first.planId, plan, now)
    expect(first.counts.units).toEqual({ added: 10_000, updated: 0, archived: 0 })
    expect(first.counts.indicators).toEqual({ added: 74, updated: 0, archived: 0 })
    const before = await rowCounts(t)
    expect(before).toMatchObject({ plans: 1, units: 10_000, unit_groups: 101, unit_group_members: 10_000, indicators: 74, tasks: 60 })
    // Every unit has an id, and ids follow the file order across insert chunks.
    const ids = await t.db.selectFrom('units').select(['id', 'code', 'position']).orderBy('position').execute()
    expect(ids.map((u) => u.code)).toEqual(plan.units.map((u) => u.code))

    const second = await importPlan(t.db, plan, { now })
    await syncPlanPeriods(t.db, second.planId, plan, now)
    expect(second.created).toBe(false)
    expect(second.planId).toBe(first.planId)
    expect(second.counts.units).toEqual({ added: 0, updated: 0, archived: 0 })
    expect(await rowCounts(t)).toEqual(before)
    const again = await t.db.selectFrom('units').select(['id', 'code', 'position']).orderBy('position').execute()
    expect(again).toEqual(ids)
  })

  it('imports 355 units with every indicator on `all`', async () => {
    const plan = readScalePlan(scalePlanSource({ units: 355, groupSize: 40, indicators: 74, allShare: 1, tasks: 60 }))
    const first = await importPlan(t.db, plan, { now })
    const second = await importPlan(t.db, plan, { now })
    expect(second.planId).toBe(first.planId)
    expect(second.counts.indicators).toEqual({ added: 0, updated: 0, archived: 0 })
    expect(await rowCounts(t)).toMatchObject({ units: 355, indicators: 74, unit_group_members: 355 })
  })

  it('expands a task led by `all` to every unit, past one statement’s worth of rows', async () => {
    const source = scalePlanSource({ units: 10_000, groupSize: 500, indicators: 3, allShare: 1, tasks: 2 }).replace(/lead:\n\s+- VP\n/, 'lead:\n      - all\n')
    const plan = readScalePlan(source)
    expect(plan.tasks[0]!.lead).toEqual(['all'])
    const { planId } = await importPlan(t.db, plan, { now })
    const leads = await t.db.selectFrom('task_units').select((eb) => eb.fn.countAll<number>().as('n')).where('plan_id', '=', planId).where('role', '=', 'lead').executeTakeFirstOrThrow()
    // Every unit leads NV001, plus the units of the group that leads NV002.
    const group = plan.tasks[1]!.lead[0]!
    expect(Number(leads.n)).toBe(10_000 + plan.units.filter((u) => u.groups.includes(group)).length)
  })
})
