import type { Plan } from '../domain/plan-model.js'
import type { Db } from '../storage/database.js'
import { listPeriods } from '../storage/periods.js'
import type { DigestSubject } from './digest.js'
import { combinedLabel } from '../conversation/report-session.js'

/**
 * The period an operator names (`2025-Q4`), or by default the latest data
 * period whose deadline has passed (else the next one), as a digest subject.
 * Compile schedules (the standing office's own reports) are left out.
 */
export async function periodSubject(db: Db, planId: number, plan: Plan, key: string | undefined, now: Date): Promise<DigestSubject | undefined> {
  const rows = await listPeriods(db, planId, { excludeSchedules: plan.schedules.filter((s) => s.compile).map((s) => s.code) })
  const chosen = key
    ? rows.filter((r) => r.key === key)
    : (() => {
        const past = rows.filter((r) => r.dueAt <= now)
        const pick = past.at(-1) ?? rows.find((r) => r.dueAt > now)
        // Reports due at the same instant (the year and its fourth quarter) are one subject.
        return pick ? rows.filter((r) => r.dueAt.getTime() === pick.dueAt.getTime()) : []
      })()
  const first = chosen[0]
  if (!first) return undefined
  return { planId, plan, label: combinedLabel(chosen), dueAt: first.dueAt, periods: chosen.map((r) => ({ id: r.id, scheduleCode: r.scheduleCode, key: r.key })) }
}
