import type { Plan } from '../domain/plan-model.js'
import type { Db } from '../storage/database.js'
import type { DigestSubject } from './digest.js'
import { combinedLabel } from '../conversation/report-session.js'

/**
 * The period an operator names (`2025-Q4`), or by default the latest data
 * period whose deadline has passed (else the next one), as a digest subject.
 * Compile schedules (the standing office's own reports) are left out.
 */
export async function periodSubject(db: Db, planId: number, plan: Plan, key: string | undefined, now: Date): Promise<DigestSubject | undefined> {
  const compile = plan.schedules.filter((s) => s.compile).map((s) => s.code)
  let q = db
    .selectFrom('periods as p')
    .innerJoin('schedules as s', 's.id', 'p.schedule_id')
    .select(['p.id', 'p.key', 'p.label', 'p.due_at', 's.code', 's.period_kind as periodKind'])
    .where('p.plan_id', '=', planId)
    .where('s.archived_at', 'is', null)
  if (compile.length) q = q.where('s.code', 'not in', compile)
  const rows = await q.orderBy('p.due_at').execute()
  const chosen = key
    ? rows.filter((r) => r.key === key)
    : (() => {
        const past = rows.filter((r) => r.due_at <= now)
        const pick = past.at(-1) ?? rows.find((r) => r.due_at > now)
        // Reports due at the same instant (the year and its fourth quarter) are one subject.
        return pick ? rows.filter((r) => r.due_at.getTime() === pick.due_at.getTime()) : []
      })()
  const first = chosen[0]
  if (!first) return undefined
  return { planId, plan, label: combinedLabel(chosen), dueAt: first.due_at, periods: chosen.map((r) => ({ id: r.id, scheduleCode: r.code, key: r.key })) }
}
