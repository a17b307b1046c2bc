import { sql } from 'kysely'
import type { Db } from './database.js'

/** A unit as operators list it: with how many people can report for it, per channel. */
export interface UnitListing {
  id: number
  code: string
  name: string
  external: boolean
  standing: boolean
  groups: string[]
  contacts: { id: number; channel: string; displayName: string | null; status: string }[]
}

/** The plan's live units in plan order, with their enrolled contacts. */
export async function listUnitsWithContacts(db: Db, planId: number): Promise<UnitListing[]> {
  const units = await db
    .selectFrom('units as u')
    .select(['u.id', 'u.code', 'u.name', 'u.external', 'u.standing'])
    .select((eb) =>
      sql<string[]>`coalesce((select json_agg(g.code order by g.code) from unit_group_members m join unit_groups g on g.id = m.group_id where m.unit_id = ${eb.ref('u.id')}), '[]'::json)`.as('groups'),
    )
    .where('u.plan_id', '=', planId)
    .where('u.archived_at', 'is', null)
    .orderBy('u.position')
    .execute()
  const contacts = await db
    .selectFrom('contacts')
    .select(['id', 'unit_id', 'channel', 'display_name', 'status'])
    .where('plan_id', '=', planId)
    .where('status', '<>', 'removed')
    .where('unit_id', 'is not', null)
    .orderBy('id')
    .execute()
  return units.map((u) => ({
    ...u,
    groups: typeof u.groups === 'string' ? (JSON.parse(u.groups) as string[]) : u.groups,
    contacts: contacts.filter((c) => c.unit_id === u.id).map((c) => ({ id: c.id, channel: c.channel, displayName: c.display_name, status: c.status })),
  }))
}

/** Mark a unit away until a local date (inclusive): reminders pause, the standing office sees it. */
export async function setUnitAway(db: Db, unitId: number, until: string, note: string | null): Promise<void> {
  await db.updateTable('units').set({ away_until: until, away_note: note }).where('id', '=', unitId).execute()
}

/**
 * A live unit of a plan by its code, whatever its case (operators type
 * `xa01` for `XA01`), or undefined; for commands and invites naming a unit.
 * The exact spelling wins when two codes differ only by case.
 */
export async function findUnitByCode(db: Db, planId: number, code: string): Promise<{ id: number; code: string; name: string } | undefined> {
  const rows = await db
    .selectFrom('units')
    .select(['id', 'code', 'name'])
    .where('plan_id', '=', planId)
    .where(sql<string>`lower(code)`, '=', code.toLowerCase())
    .where('archived_at', 'is', null)
    .execute()
  return pickByCode(rows, code)
}

/** The row spelled exactly as typed, else the only one equal ignoring case. */
function pickByCode<T extends { code: string }>(rows: readonly T[], code: string): T | undefined {
  return rows.find((r) => r.code === code) ?? (rows.length === 1 ? rows[0] : undefined)
}

/** A unit by id (the invite or contact already names it). */
export function findUnitById(db: Db, unitId: number): Promise<{ id: number; name: string } | undefined> {
  return db.selectFrom('units').select(['id', 'name']).where('id', '=', unitId).executeTakeFirst()
}

/** Database ids of the plan's units with these codes (codes not found are left out). */
export async function unitIdsByCodes(db: Db, planId: number, codes: readonly string[]): Promise<Set<number>> {
  if (!codes.length) return new Set()
  const rows = await db.selectFrom('units').select('id').where('plan_id', '=', planId).where('code', 'in', [...codes]).execute()
  return new Set(rows.map((r) => r.id))
}
