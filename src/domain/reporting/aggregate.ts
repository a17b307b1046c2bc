import type { AnswerValue } from '../answer-rules.js'
import type { IndicatorDef } from '../plan-model.js'
import { foldVietnamese } from '../text-fold.js'

/** How units' values of one indicator make one figure for the commune (`aggregate:` in the plan file). */
export type AggregateRule = 'sum' | 'mean' | 'weighted' | 'min' | 'max' | 'count_yes' | 'list'

export const AGGREGATE_RULES: readonly AggregateRule[] = ['sum', 'mean', 'weighted', 'min', 'max', 'count_yes', 'list']

/** Units of measure that are rates: "người/vạn dân", "triệu đồng/người", "‰". */
const RATE_UNIT = /\/|‰|phan tram|ty le|binh quan|chi so/
/** Names of rates, averages and indices, which are never summed. */
const RATE_NAME = /(^|\s)(ty le|ty trong|binh quan|trung binh|chi so|muc do|xep hang|diem)(\s|$)/

/**
 * The rule that applies to an indicator: the plan's `aggregate:` when set;
 * otherwise inferred so that rates are never added up. Percentages,
 * "per 10,000 residents", per-capita and index values take the mean; counts
 * and money the sum; yes/no counts the units that said yes; text is listed
 * by unit.
 */
export function aggregateRuleOf(ind: Pick<IndicatorDef, 'type' | 'name'> & { unit?: string | undefined; aggregate?: AggregateRule | undefined }): AggregateRule {
  if (ind.aggregate) return ind.aggregate
  switch (ind.type) {
    case 'yes_no':
      return 'count_yes'
    case 'text':
    case 'choice':
      return 'list'
    case 'percent':
      return 'mean'
    default:
      if (RATE_UNIT.test(foldVietnamese(ind.unit ?? '')) || RATE_NAME.test(foldVietnamese(ind.name))) return 'mean'
      return 'sum'
  }
}

/** One unit's answer, with its weight when the rule is `weighted`. */
export interface UnitAnswer {
  unitName: string
  value: AnswerValue
  weight?: number
}

/** The commune-wide figure and how many units are behind it. */
export type Aggregate =
  | { rule: 'sum' | 'mean' | 'weighted' | 'min' | 'max'; value: number; units: number }
  | { rule: 'count_yes'; yes: number; units: number }
  | { rule: 'list'; units: number }

/**
 * Aggregate units' answers by a rule. Answers of the wrong kind (a text for
 * a number) are left out, and `units` counts only those behind the figure.
 * `weighted` falls back to the plain mean when no unit has a weight.
 * Undefined when no answer can be used.
 */
export function aggregateAnswers(rule: AggregateRule, answers: readonly UnitAnswer[]): Aggregate | undefined {
  if (rule === 'list') return answers.length ? { rule, units: answers.length } : undefined
  if (rule === 'count_yes') {
    const bools = answers.flatMap((a) => ('bool' in a.value ? [a.value.bool] : []))
    return bools.length ? { rule, yes: bools.filter(Boolean).length, units: bools.length } : undefined
  }
  const nums = answers.flatMap((a) => ('num' in a.value ? [{ n: a.value.num, w: a.weight }] : []))
  if (!nums.length) return undefined
  const units = nums.length
  switch (rule) {
    case 'sum':
      return { rule, value: roundStable(nums.reduce((s, x) => s + x.n, 0)), units }
    case 'min':
      return { rule, value: Math.min(...nums.map((x) => x.n)), units }
    case 'max':
      return { rule, value: Math.max(...nums.map((x) => x.n)), units }
    case 'weighted': {
      const weighted = nums.filter((x): x is { n: number; w: number } => typeof x.w === 'number' && x.w > 0)
      if (!weighted.length) return { rule: 'mean', value: mean(nums.map((x) => x.n)), units }
      const total = weighted.reduce((s, x) => s + x.w, 0)
      return { rule, value: roundStable(weighted.reduce((s, x) => s + x.n * x.w, 0) / total), units: weighted.length }
    }
    case 'mean':
      return { rule, value: mean(nums.map((x) => x.n)), units }
  }
}

function mean(values: number[]): number {
  return roundStable(values.reduce((s, x) => s + x, 0) / values.length)
}

/** Drop floating-point noise (0.1 + 0.2) without rounding away real decimals. */
function roundStable(x: number): number {
  return Math.round(x * 1e9) / 1e9
}
