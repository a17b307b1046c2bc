import type { Period } from '../domain/calendar/periods.js'
import type { Plan } from '../domain/plan-model.js'
import { trackingStart } from '../domain/reporting/period-now.js'
import { periodOfRow } from '../domain/reporting/requests.js'
import { insertInChunks } from './batched-insert.js'
import type { Db } from './database.js'
import { planTrackedSince } from './plan-models.js'

/** A period as the calendar computes it, ready to store. */
export interface NewPeriod {
  scheduleCode: string
  key: string
  label: string
  windowFrom: string
  windowTo: string
  opensAt: Date
  dueAt: Date
  locksAt: Date
  closesAt: Date
}

/**
 * Store computed periods of a plan, idempotently by (schedule, key). Existing
 * rows are refreshed (a corrected plan or holiday list moves instants) but
 * never deleted: submissions point at them.
 */
export async function upsertPeriods(db: Db, planId: number, periods: NewPeriod[]): Promise<number> {
  if (!periods.length) return 0
  const schedules = await db.selectFrom('schedules').select(['id', 'code']).where('plan_id', '=', planId).execute()
  const ids = new Map(schedules.map((s) => [s.code, s.id]))
  const values = periods
    .filter((p) => ids.has(p.scheduleCode))
    .map((p) => ({
      plan_id: planId,
      schedule_id: ids.get(p.scheduleCode)!,
      key: p.key,
      label: p.label,
      window_from: p.windowFrom,
      window_to: p.windowTo,
      opens_at: p.opensAt,
      due_at: p.dueAt,
      locks_at: p.locksAt,
      closes_at: p.closesAt,
    }))
  if (!values.length) return 0
  await insertInChunks('periods', values, (chunk) =>
    db
      .insertInto('periods')
      .values(chunk)
      .onConflict((oc) =>
        oc.columns(['schedule_id', 'key']).doUpdateSet((eb) => ({
          label: eb.ref('excluded.label'),
          window_from: eb.ref('excluded.window_from'),
          window_to: eb.ref('excluded.window_to'),
          opens_at: eb.ref('excluded.opens_at'),
          due_at: eb.ref('excluded.due_at'),
          locks_at: eb.ref('excluded.locks_at'),
          closes_at: eb.ref('excluded.closes_at'),
        })),
      )
      .execute(),
    { context: `plan id ${planId}` },
  )
  return values.length
}

/** A stored period with its id and its schedule's kind. */
export interface StoredPeriod extends NewPeriod {
  id: number
  periodKind: string
  /** An ad-hoc request's units (codes) when it asks only some of the schedule's reporters. */
  units?: string[]
}

/**
 * A plan's periods of live schedules, oldest deadline first; optionally only
 * those due in [from, to] and without the given schedules. Cancelled ad-hoc
 * requests are left out: nobody is chased or counted for them.
 */
export async function listPeriods(db: Db, planId: number, opts: { dueFrom?: Date; dueTo?: Date; excludeSchedules?: string[] } = {}): Promise<StoredPeriod[]> {
  let q = db
    .selectFrom('periods as p')
    .innerJoin('schedules as s', 's.id', 'p.schedule_id')
    .select(['p.id', 's.code', 's.period_kind', 'p.key', 'p.label', 'p.window_from', 'p.window_to', 'p.opens_at', 'p.due_at', 'p.locks_at', 'p.closes_at', 'p.units'])
    .where('p.plan_id', '=', planId)
    .where('s.archived_at', 'is', null)
    .where('p.cancelled_at', 'is', null)
  if (opts.dueFrom) q = q.where('p.due_at', '>=', opts.dueFrom)
  if (opts.dueTo) q = q.where('p.due_at', '<=', opts.dueTo)
  if (opts.excludeSchedules?.length) q = q.where('s.code', 'not in', opts.excludeSchedules)
  const rows = await q.orderBy('p.due_at').orderBy('p.id').execute()
  return rows.map((r) => ({
    id: r.id,
    scheduleCode: r.code,
    periodKind: r.period_kind,
    key: r.key,
    label: r.label,
    windowFrom: r.window_from,
    windowTo: r.window_to,
    opensAt: r.opens_at,
    dueAt: r.due_at,
    locksAt: r.locks_at,
    closesAt: r.closes_at,
    ...(r.units ? { units: r.units } : {}),
  }))
}

/**
 * What a calendar preview needs from the database besides the plan: the
 * stored ad-hoc requests (the plan file cannot know them) and when tracking
 * started (requests due before are history and get nothing). Shared by
 * `dondoc calendar` and the web page's Lịch so both show the same.
 */
export async function calendarExtras(db: Db, planId: number, plan: Plan): Promise<{ adhoc: Period[]; trackingFrom: Date }> {
  const [stored, trackedSince] = await Promise.all([listPeriods(db, planId), planTrackedSince(db, planId)])
  return {
    adhoc: stored.filter((p) => p.periodKind === 'adhoc').map((p) => periodOfRow(p, plan.plan.timezone)),
    trackingFrom: trackingStart(plan, trackedSince),
  }
}
