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
 * What a rule needs to know of one indicator's answers, so that the sums can
 * be taken where the values are (in SQL, over thousands of units) while the
 * rule stays here. Storage fills it with one grouped query; `totalsOf` fills
 * it from answers in hand. Both go through `aggregateTotals`.
 */
export interface AnswerTotals {
  /** Every stored answer, whatever its kind (the units a listed figure shows). */
  answered: number
  /** Numeric answers: how many, their sum, the smallest and the largest. */
  nums: number
  sum: number
  min: number | undefined
  max: number | undefined
  /** Yes/no answers, and how many said yes. */
  bools: number
  yes: number
  /** Numeric answers whose unit has a positive weight; Σ value × weight and Σ weight over them. */
  weighted: number
  weightedSum: number
  weightTotal: number
}

/** The totals of answers in hand (a value is numeric, yes/no or text, as `AnswerValue` says). */
export function totalsOf(answers: readonly UnitAnswer[]): AnswerTotals {
  const t: AnswerTotals = { answered: answers.length, nums: 0, sum: 0, min: undefined, max: undefined, bools: 0, yes: 0, weighted: 0, weightedSum: 0, weightTotal: 0 }
  for (const a of answers) {
    if ('num' in a.value) {
      const n = a.value.num
      t.nums++
      t.sum += n
      t.min = t.min === undefined ? n : Math.min(t.min, n)
      t.max = t.max === undefined ? n : Math.max(t.max, n)
      if (typeof a.weight === 'number' && a.weight > 0) {
        t.weighted++
        t.weightedSum += n * a.weight
        t.weightTotal += a.weight
      }
    } else if ('bool' in a.value) {
      t.bools++
      if (a.value.bool) t.yes++
    }
  }
  return t
}

/**
 * Aggregate by a rule from an indicator's totals. Answers of the wrong kind
 * (a text for a number) are left out, and `units` counts only those behind
 * the figure. `weighted` falls back to the plain mean when no unit has a
 * weight. Undefined when no answer can be used.
 */
export function aggregateTotals(rule: AggregateRule, t: AnswerTotals): Aggregate | undefined {
  if (rule === 'list') return t.answered ? { rule, units: t.answered } : undefined
  if (rule === 'count_yes') return t.bools ? { rule, yes: t.yes, units: t.bools } : undefined
  if (!t.nums || t.min === undefined || t.max === undefined) return undefined
  const units = t.nums
  switch (rule) {
    case 'sum':
      return { rule, value: roundStable(t.sum), units }
    case 'min':
      return { rule, value: t.min, units }
    case 'max':
      return { rule, value: t.max, units }
    case 'weighted':
      if (!t.weighted || !(t.weightTotal > 0)) return { rule: 'mean', value: roundStable(t.sum / t.nums), units }
      return { rule, value: roundStable(t.weightedSum / t.weightTotal), units: t.weighted }
    case 'mean':
      return { rule, value: roundStable(t.sum / t.nums), units }
  }
}

/** Aggregate units' answers by a rule: the totals of the answers, through `aggregateTotals`. */
export function aggregateAnswers(rule: AggregateRule, answers: readonly UnitAnswer[]): Aggregate | undefined {
  return aggregateTotals(rule, totalsOf(answers))
}

/** Drop floating-point noise (0.1 + 0.2) without rounding away real decimals. */
function roundStable(x: number): number {
  return Math.round(x * 1e9) / 1e9
}
