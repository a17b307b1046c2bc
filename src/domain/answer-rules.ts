import type { IndicatorType } from './plan-model.js'
import { meetsTarget, type Target } from './targets.js'
import { foldVietnamese } from './text-fold.js'
import { formatVnNumber, parseVnNumber } from './vn-number.js'

/** A stored indicator answer, whatever its type. */
export type AnswerValue = { num: number } | { bool: boolean } | { text: string }

/** Why a typed answer was refused; the conversation turns it into Vietnamese. */
export type AnswerProblem =
  | 'empty'
  | 'not_a_number'
  | 'negative'
  | 'percent_range'
  | 'not_integer'
  | 'too_long'
  | 'not_yes_no'
  | 'not_a_choice'

export type AnswerReading = { ok: true; value: AnswerValue } | { ok: false; problem: AnswerProblem }

/** Longest free-text answer kept; longer texts are refused, not cut silently. */
export const MAX_TEXT_ANSWER = 2000

const YES = new Set(['co', 'yes', 'dat', 'da co', 'roi', 'x', 'ok', 'dung'])
const NO = new Set(['khong', 'chua', 'no', 'chua co', 'k', 'ko', 'kg'])

/**
 * Read what a person typed for an indicator of a given type. Numbers are read
 * the Vietnamese way ("72,5", "1.234"); percentages must lie in 0–100; counts
 * must be whole. Plausibility beyond that is a question, not a refusal (see
 * `needsConfirmation`).
 */
export function readIndicatorAnswer(type: IndicatorType, input: string, choices: readonly string[] = []): AnswerReading {
  const text = input.trim()
  if (text === '') return { ok: false, problem: 'empty' }
  switch (type) {
    case 'percent':
    case 'number':
    case 'integer': {
      const r = parseVnNumber(text)
      if (!r.ok) return { ok: false, problem: r.reason === 'empty' ? 'empty' : 'not_a_number' }
      if (r.value < 0) return { ok: false, problem: 'negative' }
      if (type === 'percent' && r.value > 100) return { ok: false, problem: 'percent_range' }
      if (type === 'integer' && !Number.isInteger(r.value)) return { ok: false, problem: 'not_integer' }
      return { ok: true, value: { num: r.value } }
    }
    case 'yes_no': {
      const f = foldVietnamese(text)
      if (YES.has(f)) return { ok: true, value: { bool: true } }
      if (NO.has(f)) return { ok: true, value: { bool: false } }
      return { ok: false, problem: 'not_yes_no' }
    }
    case 'choice': {
      const f = foldVietnamese(text)
      const n = /^\d+$/.test(f) ? Number(f) : NaN
      const hit = choices.find((c, i) => foldVietnamese(c) === f || i + 1 === n)
      return hit ? { ok: true, value: { text: hit } } : { ok: false, problem: 'not_a_choice' }
    }
    case 'text':
      if (text.length > MAX_TEXT_ANSWER) return { ok: false, problem: 'too_long' }
      return { ok: true, value: { text } }
  }
}

/** The value as people read it back: "72,5%", "1.234 doanh nghiệp", "Có". */
export function formatAnswer(value: AnswerValue, type: IndicatorType, unit?: string): string {
  if ('bool' in value) return value.bool ? 'Có' : 'Không'
  if ('text' in value) return value.text
  const n = formatVnNumber(value.num)
  // The unit is shown whole: "12,5% GRDP", not "12,5%".
  if (type === 'percent') return unit && unit.startsWith('%') ? `${n}${unit}` : `${n}%`
  return unit ? `${n} ${unit}` : n
}

/** Why a plausible-but-surprising value needs a second look. */
export type Surprise = { kind: 'jump'; previous: number } | { kind: 'far_from_target'; target: number }

/**
 * A value far from last period's (more than doubled or halved, by more than a
 * small absolute step) or an order of magnitude past the target is asked
 * about, never refused: the person may be right and explains why.
 */
export function needsConfirmation(value: AnswerValue, previous: AnswerValue | undefined, target: Target | undefined): Surprise | null {
  if (!('num' in value)) return null
  const v = value.num
  if (previous && 'num' in previous) {
    const p = previous.num
    const step = Math.abs(v - p)
    const big = p === 0 ? v >= 10 : v > p * 2 || v < p / 2
    if (big && step >= 5) return { kind: 'jump', previous: p }
  }
  if (target && target.kind === 'compare' && !target.percent && target.value > 0 && v >= target.value * 10 && v - target.value >= 10) {
    return { kind: 'far_from_target', target: target.value }
  }
  return null
}

/** Whether an answer meets the target that applies; null when it cannot be judged. */
export function answerMeetsTarget(value: AnswerValue, target: Target | undefined): boolean | null {
  if (!target) return null
  if ('num' in value) return meetsTarget(target, value.num)
  if ('bool' in value) return meetsTarget(target, value.bool)
  return null
}
