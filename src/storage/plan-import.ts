import { sql } from 'kysely'
import type { Kysely } from 'kysely'
import type { Plan } from '../domain/plan-model.js'
import { readTarget } from '../domain/targets.js'
import { answeringUnits, resolveUnitRefs } from '../domain/unit-refs.js'
import type { Database, Db } from './database.js'

/** What an import changed, per kind of item, for the operator's screen. */
export interface ImportSummary {
  planId: number
  planCode: string
  created: boolean
  counts: Record<'groups' | 'units' | 'schedules' | 'indicators' | 'tasks', { added: number; updated: number; archived: number }>
}

type Kind = keyof ImportSummary['counts']

/**
 * Load a validated plan into the database in one transaction. Items are
 * matched by code within the plan: re-import updates them, never duplicates
 * them, and never touches collected answers; items no longer in the file are
 * archived, not deleted, so their history stays readable.
 */
export async function importPlan(db: Kysely<Database>, plan: Plan, opts: { now: Date; sourceHash?: string }): Promise<ImportSummary> {
  return db.transaction().execute(async (trx) => importPlanIn(trx, plan, opts))
}

async function importPlanIn(trx: Db, plan: Plan, opts: { now: Date; sourceHash?: string }): Promise<ImportSummary> {
  const now = opts.now
  const existing = await trx.selectFrom('plans').select('id').where('code', '=', plan.plan.code).executeTakeFirst()
  const settings = JSON.stringify({ holidays: plan.holidays, reminders: plan.reminders, digests: plan.digests })
  const header = { model: JSON.stringify(plan), title: plan.plan.title, issuer: plan.plan.issuer, timezone: plan.plan.timezone, settings, source_hash: opts.sourceHash ?? null, imported_at: now }
  const planId = existing
    ? (await trx.updateTable('plans').set(header).where('id', '=', existing.id).returning('id').executeTakeFirstOrThrow()).id
    : (await trx.insertInto('plans').values({ code: plan.plan.code, ...header }).returning('id').executeTakeFirstOrThrow()).id

  const counts = {} as ImportSummary['counts']

  const groupIds = await upsertByCode(trx, 'unit_groups', planId, plan.groups.map((g) => ({ code: g.code, name: g.name })), now, counts, 'groups')
  const unitIds = await upsertByCode(
    trx,
    'units',
    planId,
    plan.units.map((u, i) => ({ code: u.code, name: u.name, external: u.external, standing: u.standing, monitor_code: u.monitor ?? null, position: i })),
    now,
    counts,
    'units',
  )
  await trx.deleteFrom('unit_group_members').where('plan_id', '=', planId).execute()
  const members = plan.units.flatMap((u) => u.groups.map((g) => ({ plan_id: planId, group_id: groupIds.get(g)!, unit_id: unitIds.get(u.code)! })))
  if (members.length) await trx.insertInto('unit_group_members').values(members).execute()

  await upsertByCode(
    trx,
    'schedules',
    planId,
    plan.schedules.map((s, i) => ({
      code: s.code,
      name: s.name,
      period_kind: s.period,
      due_text: s.due,
      reporters: s.reporters ? JSON.stringify(s.reporters) : null,
      compile: s.compile,
      opens_working_days_before: s.opensWorkingDaysBefore ?? null,
      position: i,
    })),
    now,
    counts,
    'schedules',
  )

  const indicatorIds = await upsertByCode(
    trx,
    'indicators',
    planId,
    plan.indicators.map((ind, i) => ({
      code: ind.code,
      section: ind.section,
      name: ind.name,
      value_type: ind.type,
      measure_unit: ind.unit ?? null,
      responsible: JSON.stringify(ind.responsible),
      monitor: JSON.stringify(ind.monitor),
      schedule_codes: ind.schedules ? JSON.stringify(ind.schedules) : null,
      choices: ind.choices ? JSON.stringify(ind.choices) : null,
      position: i,
    })),
    now,
    counts,
    'indicators',
  )
  // Targets and assignments are plan text, not collected data: rewrite them wholesale.
  await trx.deleteFrom('indicator_targets').where('plan_id', '=', planId).execute()
  await trx.deleteFrom('indicator_units').where('plan_id', '=', planId).execute()
  const targets = plan.indicators.flatMap((ind) =>
    Object.entries(ind.targets).map(([year, raw]) => {
      const r = readTarget(raw)
      const t = r.ok ? r.target : { raw, kind: 'text' as const }
      return {
        plan_id: planId,
        indicator_id: indicatorIds.get(ind.code)!,
        milestone_year: Number(year),
        raw,
        kind: t.kind,
        comparator: t.kind === 'compare' ? t.comparator : t.kind === 'range' ? 'range' : null,
        value_min: t.kind === 'compare' ? t.value : t.kind === 'range' ? t.min : t.kind === 'yes_no' ? Number(t.value) : null,
        value_max: t.kind === 'range' ? t.max : null,
        measure_unit: t.kind === 'compare' || t.kind === 'range' ? (t.unit ?? null) : null,
        percent: t.kind === 'compare' || t.kind === 'range' ? t.percent : false,
      }
    }),
  )
  if (targets.length) await trx.insertInto('indicator_targets').values(targets).execute()
  const assignments = plan.indicators.flatMap((ind) => {
    const indicator_id = indicatorIds.get(ind.code)!
    const owners = resolveUnitRefs(plan, ind.responsible)
    const rows = owners.map((u) => ({ plan_id: planId, indicator_id, unit_id: unitIds.get(u.code)!, role: 'responsible' as 'responsible' | 'monitor' }))
    for (const m of resolveUnitRefs(plan, ind.monitor)) rows.push({ plan_id: planId, indicator_id, unit_id: unitIds.get(m.code)!, role: 'monitor' as const })
    // External owners are answered for by their monitor: record who answers, too.
    for (const a of answeringUnits(plan, owners, ind.monitor)) {
      if (!owners.some((o) => o.code === a.code)) rows.push({ plan_id: planId, indicator_id, unit_id: unitIds.get(a.code)!, role: 'monitor' as const })
    }
    return dedupe(rows, (r) => `${r.unit_id}:${r.role}`)
  })
  if (assignments.length) await trx.insertInto('indicator_units').values(assignments).execute()

  const taskIds = await upsertByCode(
    trx,
    'tasks',
    planId,
    plan.tasks.map((t, i) => ({
      code: t.code,
      section: t.section ?? null,
      title: t.title,
      output: t.output ?? null,
      due_text: t.due,
      lead: JSON.stringify(t.lead),
      support: JSON.stringify(t.support),
      position: i,
    })),
    now,
    counts,
    'tasks',
  )
  await trx.deleteFrom('task_units').where('plan_id', '=', planId).execute()
  const taskUnits = plan.tasks.flatMap((t) => {
    const task_id = taskIds.get(t.code)!
    const rows = resolveUnitRefs(plan, t.lead).map((u) => ({ plan_id: planId, task_id, unit_id: unitIds.get(u.code)!, role: 'lead' as 'lead' | 'support' }))
    for (const u of resolveUnitRefs(plan, t.support)) rows.push({ plan_id: planId, task_id, unit_id: unitIds.get(u.code)!, role: 'support' as const })
    return dedupe(rows, (r) => `${r.unit_id}:${r.role}`)
  })
  if (taskUnits.length) await trx.insertInto('task_units').values(taskUnits).execute()

  return { planId, planCode: plan.plan.code, created: !existing, counts }
}

type CodedTable = 'unit_groups' | 'units' | 'schedules' | 'indicators' | 'tasks'

/**
 * Insert-or-update rows by (plan_id, code) and archive the plan's rows whose
 * code is gone; returns code → id for every row in the file.
 */
async function upsertByCode(
  trx: Db,
  table: CodedTable,
  planId: number,
  rows: ({ code: string } & Record<string, unknown>)[],
  now: Date,
  counts: ImportSummary['counts'],
  kind: Kind,
): Promise<Map<string, number>> {
  const before = await trx.selectFrom(table).select(['id', 'code', 'archived_at']).where('plan_id', '=', planId).execute()
  const known = new Map(before.map((r) => [r.code, r]))
  const ids = new Map<string, number>()
  if (rows.length) {
    const values = rows.map((r) => ({ ...r, plan_id: planId, archived_at: null }))
    const columns = Object.keys(values[0]!).filter((c) => c !== 'code' && c !== 'plan_id')
    const inserted = await trx
      .insertInto(table)
      .values(values as never)
      .onConflict((oc) =>
        oc.columns(['plan_id', 'code']).doUpdateSet(Object.fromEntries(columns.map((c) => [c, sql.ref(`excluded.${c}`)])) as never),
      )
      .returning(['id', 'code'])
      .execute()
    for (const r of inserted as { id: number; code: string }[]) ids.set(r.code, r.id)
  }
  const gone = before.filter((r) => !ids.has(r.code) && r.archived_at === null).map((r) => r.id)
  if (gone.length) await trx.updateTable(table).set({ archived_at: now } as never).where('id', 'in', gone).execute()
  counts[kind] = {
    added: rows.filter((r) => !known.has(r.code)).length,
    updated: rows.filter((r) => known.has(r.code)).length,
    archived: gone.length,
  }
  return ids
}

function dedupe<T>(rows: T[], key: (r: T) => string): T[] {
  const seen = new Set<string>()
  return rows.filter((r) => {
    const k = key(r)
    if (seen.has(k)) return false
    seen.add(k)
    return true
  })
}
