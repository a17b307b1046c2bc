import type { AnswerValue } from '../answer-rules.js'
import { readTarget, targetForYear, type Target } from '../targets.js'

/**
 * The milestone a period is judged against: the nearest milestone year at or
 * after the report's year ("mục tiêu đến năm 2030" for a 2026 report), or
 * the fact that the report year is past every milestone, or no target at all.
 */
export type Milestone =
  | { kind: 'target'; year: number; text: string; reading?: Target }
  | { kind: 'past_all'; lastYear: number }
  | { kind: 'none' }

/** The milestone that applies to a report of `year`. */
export function milestoneFor(targets: Record<string, string>, year: number): Milestone {
  const applies = targetForYear(targets, year)
  if (applies) {
    const r = readTarget(applies.target)
    return { kind: 'target', year: applies.year, text: applies.target, ...(r.ok ? { reading: r.target } : {}) }
  }
  const years = Object.keys(targets).map(Number).filter(Number.isInteger)
  return years.length ? { kind: 'past_all', lastYear: Math.max(...years) } : { kind: 'none' }
}

/**
 * A figure against its milestone: met, or short by a distance in the
 * target's own unit (percentage points for percentages), or not judged
 * (a qualitative target, a text answer, no target).
 */
export type Verdict = { kind: 'met' } | { kind: 'short'; gap?: number; percentPoints: boolean; over: boolean } | { kind: 'unjudged' }

/** Judge a value against a milestone. */
export function judgeAgainst(value: AnswerValue, milestone: Milestone): Verdict {
  if (milestone.kind !== 'target' || !milestone.reading) return { kind: 'unjudged' }
  const t = milestone.reading
  if (t.kind === 'yes_no') return 'bool' in value ? (value.bool === t.value ? { kind: 'met' } : { kind: 'short', percentPoints: false, over: false }) : { kind: 'unjudged' }
  if (t.kind === 'text' || !('num' in value)) return { kind: 'unjudged' }
  const v = value.num
  const gap = (x: number) => Math.round(Math.abs(x) * 1e6) / 1e6
  if (t.kind === 'range') return v >= t.min ? { kind: 'met' } : { kind: 'short', gap: gap(t.min - v), percentPoints: t.percent, over: false }
  switch (t.comparator) {
    case 'gte':
    case 'eq':
      return v >= t.value ? { kind: 'met' } : { kind: 'short', gap: gap(t.value - v), percentPoints: t.percent, over: false }
    case 'gt':
      return v > t.value ? { kind: 'met' } : { kind: 'short', gap: gap(t.value - v), percentPoints: t.percent, over: false }
    case 'lte':
      return v <= t.value ? { kind: 'met' } : { kind: 'short', gap: gap(v - t.value), percentPoints: t.percent, over: true }
    case 'lt':
      return v < t.value ? { kind: 'met' } : { kind: 'short', gap: gap(v - t.value), percentPoints: t.percent, over: true }
  }
}

/** The value an aggregate is judged by, when it can be: a sum, a mean, a min or max. A count of yes is judged only when every unit said the same. */
export function judgedValue(agg: { rule: string; value?: number; yes?: number; units: number }): AnswerValue | undefined {
  if (typeof agg.value === 'number') return { num: agg.value }
  if (agg.rule === 'count_yes' && typeof agg.yes === 'number') return agg.yes === agg.units ? { bool: true } : agg.yes === 0 ? { bool: false } : undefined
  return undefined
}
