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

/** A plan's latest audit entries, newest first. */
export async function listAudit(db: Db, planId: number, limit: number): Promise<AuditEntry[]> {
  const rows = await db
    .selectFrom('audit_log as a')
    .leftJoin('operators as o', 'o.id', 'a.operator_id')
    .select(['a.id', 'a.at', 'o.name', 'a.action', 'a.detail'])
    .where('a.plan_id', '=', planId)
    .orderBy('a.id', 'desc')
    .limit(limit)
    .execute()
  return rows.map((r) => ({ id: r.id, at: r.at, operatorName: r.name, action: r.action, detail: r.detail }))
}

/** One audit entry of a plan by id (the board flashes what its own "Nhắc ngay" did), or undefined. */
export async function auditEntry(db: Db, planId: number, id: number, action: string): Promise<AuditEntry | undefined> {
  const r = await db
    .selectFrom('audit_log as a')
    .leftJoin('operators as o', 'o.id', 'a.operator_id')
    .select(['a.id', 'a.at', 'o.name', 'a.action', 'a.detail'])
    .where('a.plan_id', '=', planId)
    .where('a.id', '=', id)
    .where('a.action', '=', action)
    .executeTakeFirst()
  return r && { id: r.id, at: r.at, operatorName: r.name, action: r.action, detail: r.detail }
}
