import { sql } from 'kysely'
import type { Kysely } from 'kysely'
import type { Plan } from '../domain/plan-model.js'
import { diffPlans, PLAN_ITEM_KINDS, type PlanDiff, type PlanItemKind } from '../domain/plan-diff.js'
import { resolveUnitRefs } from '../domain/unit-refs.js'
import { insertInChunks, MAX_PARAMETERS_PER_STATEMENT } from './batched-insert.js'
import type { Database, Db } from './database.js'

/**
 * What an import changed, for the operator's screen: computed against the
 * plan as stored (its model), field by field, so an unchanged file reports
 * no change whatever its hash.
 */
export interface ImportSummary {
  planId: number
  planCode: string
  created: boolean
  /** Items per kind: added (new or back from the archive), changed (some field differs), archived (gone from the file). */
  counts: Record<Kind, { added: number; updated: number; archived: number }>
  /** Field by field, against the stored plan. */
  diff: PlanDiff
  /** Per kind, codes of added items that came back from the archive (their history with them). */
  restored: Record<Kind, string[]>
}

type Kind = PlanItemKind

/**
 * Load a validated plan into the database in one transaction. Items are
 * matched by code within the plan: re-import updates them, never duplicates
 * them, and never touches collected answers; items no longer in the file are
 * archived, not deleted, so their history stays readable.
 */
export async function importPlan(db: Kysely<Database>, plan: Plan, opts: { now: Date; sourceHash?: string }): Promise<ImportSummary> {
  return db.transaction().execute(async (trx) => importPlanIn(trx, plan, opts))
}

/** The same import inside the caller's transaction (the web page writes its audit line in it too). */
export async function importPlanIn(trx: Db, plan: Plan, opts: { now: Date; sourceHash?: string }): Promise<ImportSummary> {
  const now = opts.now
  const existing = await trx.selectFrom('plans').select(['id', 'model']).where('code', '=', plan.plan.code).executeTakeFirst()
  const stored = existing ? ((typeof existing.model === 'string' ? JSON.parse(existing.model) : existing.model) as Plan) : undefined
  const diff = diffPlans(stored, plan)
  // The calendar, the conversation and the digest read the plan from this model; the rows below give its items the ids answers point at.
  const header = { model: JSON.stringify(plan), title: plan.plan.title, issuer: plan.plan.issuer, timezone: plan.plan.timezone, source_hash: opts.sourceHash ?? null, imported_at: now }
  const planId = existing
    ? (await trx.updateTable('plans').set(header).where('id', '=', existing.id).returning('id').executeTakeFirstOrThrow()).id
    : (await trx.insertInto('plans').values({ code: plan.plan.code, ...header, tracked_since: now }).returning('id').executeTakeFirstOrThrow()).id

  const restored = {} as ImportSummary['restored']
  const context = `plan ${plan.plan.code}`

  const groupIds = await upsertByCode(trx, 'unit_groups', planId, plan.groups.map((g) => ({ code: g.code, name: g.name })), now, restored, 'groups', context)
  const unitIds = await upsertByCode(
    trx,
    'units',
    planId,
    plan.units.map((u, i) => ({ code: u.code, name: u.name, external: u.external, standing: u.standing, monitor_code: u.monitor ?? null, position: i })),
    now,
    restored,
    'units',
    context,
  )
  await trx.deleteFrom('unit_group_members').where('plan_id', '=', planId).execute()
  const members = plan.units.flatMap((u) => u.groups.map((g) => ({ plan_id: planId, group_id: groupIds.get(g)!, unit_id: unitIds.get(u.code)! })))
  await insertInChunks('unit_group_members', members, (chunk) => trx.insertInto('unit_group_members').values(chunk).execute(), { context })

  await upsertByCode(
    trx,
    'schedules',
    planId,
    plan.schedules.map((s, i) => ({
      code: s.code,
      name: s.name,
      period_kind: s.period,
      due_text: s.due ?? '', // an ad-hoc schedule's requests carry their own deadlines
      reporters: s.reporters ? JSON.stringify(s.reporters) : null,
      compile: s.compile,
      opens_working_days_before: s.opensWorkingDaysBefore ?? null,
      position: i,
    })),
    now,
    restored,
    'schedules',
    context,
  )

  // Targets and who answers for an indicator are read from plans.model: no expansion rows here.
  await upsertByCode(
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
    restored,
    'indicators',
    context,
  )
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
    restored,
    'tasks',
    context,
  )
  // Lead/support expanded to units: the digest's overdue-task lines join on it. Rewritten wholesale.
  await trx.deleteFrom('task_units').where('plan_id', '=', planId).execute()
  const taskUnits = plan.tasks.flatMap((t) => {
    const task_id = taskIds.get(t.code)!
    const rows = resolveUnitRefs(plan, t.lead).map((u) => ({ plan_id: planId, task_id, unit_id: unitIds.get(u.code)!, role: 'lead' as 'lead' | 'support' }))
    for (const u of resolveUnitRefs(plan, t.support)) rows.push({ plan_id: planId, task_id, unit_id: unitIds.get(u.code)!, role: 'support' as const })
    return dedupe(rows, (r) => `${r.unit_id}:${r.role}`)
  })
  await insertInChunks('task_units', taskUnits, (chunk) => trx.insertInto('task_units').values(chunk).execute(), { context })

  const counts = {} as ImportSummary['counts']
  for (const kind of PLAN_ITEM_KINDS) {
    const d = diff.kinds[kind]
    counts[kind] = { added: d.added.length, updated: d.changed.length, archived: d.removed.length }
  }
  return { planId, planCode: plan.plan.code, created: !existing, counts, diff, restored }
}

type CodedTable = 'unit_groups' | 'units' | 'schedules' | 'indicators' | 'tasks'

/**
 * Insert-or-update rows by (plan_id, code) and archive the plan's rows whose
 * code is gone; returns code → id for every row in the file, and notes in
 * `restored` the codes that were archived and are live again.
 */
async function upsertByCode(
  trx: Db,
  table: CodedTable,
  planId: number,
  rows: ({ code: string } & Record<string, unknown>)[],
  now: Date,
  restored: ImportSummary['restored'],
  kind: Kind,
  context: string,
): Promise<Map<string, number>> {
  const before = await trx.selectFrom(table).select(['id', 'code', 'archived_at']).where('plan_id', '=', planId).execute()
  const known = new Map(before.map((r) => [r.code, r]))
  const ids = new Map<string, number>()
  if (rows.length) {
    const values = rows.map((r) => ({ ...r, plan_id: planId, archived_at: null }))
    const columns = Object.keys(values[0]!).filter((c) => c !== 'code' && c !== 'plan_id')
    const inserted = await insertInChunks(
      table,
      values,
      (chunk) =>
        trx
          .insertInto(table)
          .values(chunk as never)
          .onConflict((oc) =>
            oc.columns(['plan_id', 'code']).doUpdateSet(Object.fromEntries(columns.map((c) => [c, sql.ref(`excluded.${c}`)])) as never),
          )
          .returning(['id', 'code'])
          .execute() as Promise<{ id: number; code: string }[]>,
      { context },
    )
    for (const r of inserted) ids.set(r.code, r.id)
    if (ids.size !== rows.length) throw new Error(`import into ${table} (${context}): ${rows.length} rows sent, ${ids.size} ids returned`)
  }
  const gone = before.filter((r) => !ids.has(r.code) && r.archived_at === null).map((r) => r.id)
  // `in (…)` binds one parameter per id: archive in slices too.
  for (let i = 0; i < gone.length; i += MAX_PARAMETERS_PER_STATEMENT) {
    await trx.updateTable(table).set({ archived_at: now } as never).where('id', 'in', gone.slice(i, i + MAX_PARAMETERS_PER_STATEMENT)).execute()
  }
  restored[kind] = rows.filter((r) => known.get(r.code)?.archived_at != null).map((r) => r.code)
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
