import type { AnswerValue } from '../domain/answer-rules.js'

/** The value columns of an `indicator_values` row. */
export interface ValueColumns {
  value_num: number | null
  value_bool: boolean | null
  value_text: string | null
}

/** One stored value row → the answer it holds. The one place that knows which column means what. */
export function toAnswerValue(r: ValueColumns): AnswerValue {
  return r.value_num !== null ? { num: r.value_num } : r.value_bool !== null ? { bool: r.value_bool } : { text: r.value_text ?? '' }
}
