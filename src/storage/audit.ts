import type { Db } from './database.js'

/** One line of the "Nhật ký" page. */
export interface AuditEntry {
  id: number
  at: Date
  operatorName: string | null
  action: string
  detail: Record<string, unknown>
}

/** Record an operator action on a plan (in the action's own transaction). */
export async function recordAudit(db: Db, e: { planId: number; operatorId: number | null; action: string; detail: Record<string, unknown>; at: Date }): Promise<void> {
  await db.insertInto('audit_log').values({ plan_id: e.planId, operator_id: e.operatorId, action: e.action, detail: JSON.stringify(e.detail), at: e.at }).execute()
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
