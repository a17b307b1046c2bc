import type { LocalDate, ReminderPolicy } from '../plan-model.js'
import { daysBetween } from './local-time.js'
import type { Period } from './periods.js'

/** What one unit is asked at once: one period, or a larger one that covers a smaller one due nearby. */
export interface ReportRequest {
  key: string
  label: string
  periods: Period[]
  dueAt: Date
  dueDate: LocalDate
  opensAt: Date
}

const SIZE: Record<string, number> = { once: 0, adhoc: 0, month: 1, quarter: 3, half: 6, nine_months: 9, year: 12 }

/** Kinds asked on their own, never merged with another period. */
const ALONE: ReadonlySet<string> = new Set(['once', 'adhoc'])

/** Periods from largest to smallest: the largest names a combined request. */
export function largestFirst<P extends { kind: string }>(periods: readonly P[]): P[] {
  return [...periods].sort((a, b) => (SIZE[b.kind] ?? 0) - (SIZE[a.kind] ?? 0))
}

/** "Năm 2026 (gồm Quý IV/2026)": the one label of a request, wherever it is shown. */
export function combinedLabel(periods: readonly { kind: string; label: string }[]): string {
  const [main, ...rest] = largestFirst(periods)
  if (!main) return ''
  return rest.length ? `${main.label} (gồm ${rest.map((r) => r.label).join(', ')})` : main.label
}

/**
 * Merge a 6-month or annual report with the quarter it covers when both fall
 * due within `combineWithinDays` days: the unit gets one request, due at the
 * earlier deadline, and the larger report stands for the quarter. One-off
 * and ad-hoc periods and periods of equal size are never merged.
 */
export function groupRequests(periods: Period[], policy: Pick<ReminderPolicy, 'combine' | 'combineWithinDays'>): ReportRequest[] {
  const sorted = [...periods].sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime() || (SIZE[b.kind] ?? 0) - (SIZE[a.kind] ?? 0))
  const used = new Set<Period>()
  const out: ReportRequest[] = []
  for (const p of sorted) {
    if (used.has(p)) continue
    used.add(p)
    const group = [p]
    if (policy.combine && !ALONE.has(p.kind)) {
      for (const q of sorted) {
        if (used.has(q) || ALONE.has(q.kind) || q.kind === p.kind) continue
        if (Math.abs(daysBetween(p.dueDate, q.dueDate)) > policy.combineWithinDays) continue
        const [big, small] = (SIZE[q.kind] ?? 0) > (SIZE[p.kind] ?? 0) ? [q, p] : [p, q]
        if (small.window.to < big.window.from || small.window.to > big.window.to) continue
        used.add(q)
        group.push(q)
      }
    }
    group.sort((a, b) => (SIZE[b.kind] ?? 0) - (SIZE[a.kind] ?? 0))
    const first = [...group].sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime())[0]!
    out.push({
      key: group.map((g) => g.key).join('+'),
      label: combinedLabel(group),
      periods: group,
      dueAt: first.dueAt,
      dueDate: first.dueDate,
      opensAt: new Date(Math.min(...group.map((g) => g.opensAt.getTime()))),
    })
  }
  return out.sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime())
}
