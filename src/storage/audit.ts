import type { Db } from './database.js'

/** One line of the "Nhật ký" page. */
export interface AuditEntry {
  id: number
  at: Date
  operatorName: string | null
  action: string
  detail: Record<string, unknown>
}

/** Record an operator action on a plan (in the action's own transaction); returns the entry's id. */
export async function recordAudit(db: Db, e: { planId: number; operatorId: number | null; action: string; detail: Record<string, unknown>; at: Date }): Promise<number> {
  const row = await db.insertInto('audit_log').values({ plan_id: e.planId, operator_id: e.operatorId, action: e.action, detail: JSON.stringify(e.detail), at: e.at }).returning('id').executeTakeFirstOrThrow()
  return row.id
}

/** A plan's audit entries with the operator's name: what both reads below select. */
function selectAudit(db: Db, planId: number) {
  return db
    .selectFrom('audit_log as a')
    .leftJoin('operators as o', 'o.id', 'a.operator_id')
    .select(['a.id', 'a.at', 'o.name', 'a.action', 'a.detail'])
    .where('a.plan_id', '=', planId)
}

/** One row → entry. */
function auditOfRow(r: { id: number; at: Date; name: string | null; action: string; detail: Record<string, unknown> }): AuditEntry {
  return { id: r.id, at: r.at, operatorName: r.name, action: r.action, detail: r.detail }
}

/** A plan's latest audit entries, newest first. */
export async function listAudit(db: Db, planId: number, limit: number): Promise<AuditEntry[]> {
  const rows = await selectAudit(db, planId).orderBy('a.id', 'desc').limit(limit).execute()
  return rows.map(auditOfRow)
}

/** One audit entry of a plan by id (the board flashes what its own "Nhắc ngay" did), or undefined. */
export async function auditEntry(db: Db, planId: number, id: number, action: string): Promise<AuditEntry | undefined> {
  const r = await selectAudit(db, planId).where('a.id', '=', id).where('a.action', '=', action).executeTakeFirst()
  return r && auditOfRow(r)
}
