import { insertInChunks } from './batched-insert.js'
import type { Db } from './database.js'

/** A period as the calendar computes it, ready to store. */
export interface PeriodRow {
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
export async function upsertPeriods(db: Db, planId: number, periods: PeriodRow[]): Promise<number> {
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
