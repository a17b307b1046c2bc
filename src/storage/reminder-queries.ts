import { sql } from 'kysely'
import type { Channel, Db } from './database.js'

/** A unit's state for a set of periods, as reminders and digests need it. */
export interface UnitProgress {
  unitId: number
  unitCode: string
  unitName: string
  awayUntil: string | null
  /** Per period id: the submission status and how many items are answered. */
  periods: Record<number, { status: 'none' | 'draft' | 'submitted' | 'covered'; answered: number; submittedAt: Date | null }>
}

/** Progress of every live unit of a plan on the given periods, in one query. */
export async function unitProgress(db: Db, planId: number, periodIds: number[]): Promise<UnitProgress[]> {
  const units = await db.selectFrom('units').select(['id', 'code', 'name', 'away_until']).where('plan_id', '=', planId).where('archived_at', 'is', null).orderBy('position').execute()
  const rows = periodIds.length
    ? await sql<{ unit_id: number; period_id: number; status: 'draft' | 'submitted' | 'covered'; answered: number; submitted_at: Date | null }>`
        select s.unit_id, s.period_id, s.status, s.submitted_at,
          (select count(*) from indicator_values v where v.submission_id = s.id)::int
          + (select count(*) from task_progress t where t.submission_id = s.id)::int
          + (select count(*) from submission_sections x where x.submission_id = s.id)::int as answered
        from submissions s
        where s.plan_id = ${planId} and s.period_id in (${sql.join(periodIds)})
      `.execute(db)
    : { rows: [] }
  // Grouped once: a province has thousands of units and thousands of submissions per period.
  const byUnit = new Map<number, typeof rows.rows>()
  for (const r of rows.rows) {
    const list = byUnit.get(r.unit_id)
    if (list) list.push(r)
    else byUnit.set(r.unit_id, [r])
  }
  return units.map((u) => {
    const periods: UnitProgress['periods'] = {}
    for (const id of periodIds) periods[id] = { status: 'none', answered: 0, submittedAt: null }
    for (const r of byUnit.get(u.id) ?? []) periods[r.period_id] = { status: r.status, answered: r.answered, submittedAt: r.submitted_at }
    return { unitId: u.id, unitCode: u.code, unitName: u.name, awayUntil: u.away_until, periods }
  })
}

/** Live contacts of a plan's units who may be reminded now (not unreachable, not snoozed). */
export async function remindableContacts(db: Db, planId: number, now: Date): Promise<{ id: number; unitId: number; channel: Channel; chatId: string }[]> {
  const rows = await db
    .selectFrom('contacts')
    .select(['id', 'unit_id', 'channel', 'chat_id'])
    .where('plan_id', '=', planId)
    .where('role', '=', 'reporter')
    .where('status', '=', 'active')
    .where('unit_id', 'is not', null)
    .where((eb) => eb.or([eb('snoozed_until', 'is', null), eb('snoozed_until', '<=', now)]))
    .where('channel', '<>', 'console')
    .execute()
  return rows.map((r) => ({ id: r.id, unitId: r.unit_id!, channel: r.channel, chatId: r.chat_id }))
}

/** Snooze a contact's reminders until an instant ("nhắc lại ngày mai"). */
export async function snoozeContact(db: Db, contactId: number, until: Date): Promise<void> {
  await db.updateTable('contacts').set({ snoozed_until: until }).where('id', '=', contactId).execute()
}

/** A plan as the scheduler polls it: its id and a stamp that changes whenever it is imported again. */
export async function planStamps(db: Db): Promise<{ id: number; stamp: string; trackedSince: Date | null }[]> {
  const rows = await db.selectFrom('plans').select(['id', 'imported_at', 'source_hash', 'created_at', 'tracked_since']).orderBy('id').execute()
  return rows.map((r) => ({ id: r.id, stamp: `${r.created_at.toISOString()}|${r.imported_at?.toISOString() ?? ''}|${r.source_hash ?? ''}`, trackedSince: r.tracked_since }))
}


/**
 * A fingerprint of everything in the database that decides which reminders
 * and digests of a plan are due at `now`: the remindable contacts, the live
 * units (code, name, away), the submission states on the given periods and
 * the leaders' destinations. Equal fingerprints mean the reminder plan can
 * only change when time crosses one of its instants. One query of
 * aggregates: no rows travel, however many units the plan has.
 */
export async function reminderInputsFingerprint(db: Db, planId: number, periodIds: number[], now: Date): Promise<string> {
  const submissions = periodIds.length
    ? sql`(select count(*) || ':' || coalesce(sum(hashtext(s.unit_id || '/' || s.period_id || '/' || s.status)::bigint), 0) from submissions s where s.plan_id = ${planId} and s.period_id in (${sql.join(periodIds)}))`
    : sql`''`
  const row = await sql<{ f: string }>`
    select concat_ws(' ',
      (select count(*) || ':' || coalesce(sum(hashtext(c.id || '/' || c.unit_id || '/' || c.channel || '/' || c.chat_id)::bigint), 0) from contacts c
        where c.plan_id = ${planId} and c.role = 'reporter' and c.status = 'active' and c.unit_id is not null
          and (c.snoozed_until is null or c.snoozed_until <= ${now}) and c.channel <> 'console'),
      (select count(*) || ':' || coalesce(sum(hashtext(u.id || '/' || u.code || '/' || u.name || '/' || coalesce(u.away_until::text, '-') || '/' || u.position)::bigint), 0) from units u
        where u.plan_id = ${planId} and u.archived_at is null),
      ${submissions},
      (select count(*) || ':' || coalesce(sum(hashtext(d.id || '/' || d.channel || '/' || d.chat_id || '/' || coalesce(d.contact_id::text, '-'))::bigint), 0) from leader_destinations d
        where d.plan_id = ${planId} and d.active)
    ) as f
  `.execute(db)
  return row.rows[0]!.f
}
