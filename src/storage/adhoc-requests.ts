import { adhocKey, type AdhocRequestDraft } from '../domain/reporting/adhoc-requests.js'
import type { Db } from './database.js'

/** An ad-hoc request as `dondoc request list` shows it. */
export interface AdhocRequestRow {
  id: number
  key: string
  scheduleCode: string
  title: string | null
  label: string
  dueAt: Date
  closesAt: Date
  /** Unit codes asked; null = every reporter of the schedule. */
  units: string[] | null
  createdAt: Date
  createdBy: string | null
  cancelledAt: Date | null
}

/**
 * Store an ad-hoc request as a period of its schedule. Its key is
 * `adhoc:<id>`: unique in the plan, so `--period adhoc:7` and the outbox's
 * dedupe keys never confuse two requests. Run it in the caller's
 * transaction, with the audit entry.
 */
export async function insertAdhocRequest(db: Db, planId: number, draft: AdhocRequestDraft, createdBy: string, now: Date): Promise<{ id: number; key: string }> {
  const schedule = await db
    .selectFrom('schedules')
    .select('id')
    .where('plan_id', '=', planId)
    .where('code', '=', draft.scheduleCode)
    .where('archived_at', 'is', null)
    .executeTakeFirst()
  if (!schedule) throw new Error(`insertAdhocRequest: plan id ${planId} has no live schedule ${draft.scheduleCode}`)
  const { id } = await db
    .insertInto('periods')
    .values({
      plan_id: planId,
      schedule_id: schedule.id,
      // Replaced at once below by the id-based key (the id is known only after the insert).
      key: `adhoc:new:${now.getTime()}:${Math.random()}`,
      label: draft.label,
      window_from: draft.windowFrom,
      window_to: draft.windowTo,
      opens_at: draft.opensAt,
      due_at: draft.dueAt,
      locks_at: draft.locksAt,
      closes_at: draft.closesAt,
      title: draft.title,
      units: draft.units ? JSON.stringify(draft.units) : null,
      created_by: createdBy,
      created_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  const key = adhocKey(id)
  await db.updateTable('periods').set({ key }).where('id', '=', id).execute()
  return { id, key }
}

function selectAdhoc(db: Db, planId: number) {
  return db
    .selectFrom('periods as p')
    .innerJoin('schedules as s', 's.id', 'p.schedule_id')
    .select(['p.id', 'p.key', 's.code', 'p.title', 'p.label', 'p.due_at', 'p.closes_at', 'p.units', 'p.created_at', 'p.created_by', 'p.cancelled_at'])
    .where('p.plan_id', '=', planId)
    .where('s.period_kind', '=', 'adhoc')
}

type AdhocSelectRow = Awaited<ReturnType<ReturnType<typeof selectAdhoc>['executeTakeFirstOrThrow']>>

function toRow(r: AdhocSelectRow): AdhocRequestRow {
  return {
    id: r.id,
    key: r.key,
    scheduleCode: r.code,
    title: r.title,
    label: r.label,
    dueAt: r.due_at,
    closesAt: r.closes_at,
    units: r.units,
    createdAt: r.created_at,
    createdBy: r.created_by,
    cancelledAt: r.cancelled_at,
  }
}

/**
 * A plan's ad-hoc requests still taking reports at `since` or cancelled
 * after it (the open and the recent ones), newest deadline first.
 */
export async function listAdhocRequests(db: Db, planId: number, since: Date): Promise<AdhocRequestRow[]> {
  const rows = await selectAdhoc(db, planId)
    .where((eb) => eb.or([eb('p.closes_at', '>=', since), eb('p.cancelled_at', '>=', since)]))
    .orderBy('p.due_at', 'desc')
    .orderBy('p.id', 'desc')
    .execute()
  return rows.map(toRow)
}

/**
 * Cancel an ad-hoc request of a plan: from now on nobody is reminded of it,
 * offered it or counted for it; answers already given stay stored. Returns
 * the request as it was before, or undefined when the plan has no ad-hoc
 * request with that id (an already cancelled one comes back unchanged, with
 * its `cancelledAt`).
 */
export async function cancelAdhocRequest(db: Db, planId: number, id: number, now: Date): Promise<AdhocRequestRow | undefined> {
  const found = await selectAdhoc(db, planId).where('p.id', '=', id).forUpdate().executeTakeFirst()
  if (!found || found.cancelled_at) return found && toRow(found)
  await db.updateTable('periods').set({ cancelled_at: now }).where('id', '=', id).execute()
  return toRow(found)
}
