import { foldVietnamese } from './text-fold.js'
import { formatVnNumber, parseVnNumber } from './vn-number.js'
import type { IndicatorType } from './plan-model.js'

/**
 * A milestone target as plans write it ("≥ 60%", "80-90%", "01 đến 02",
 * "Có", "Đạt mức khá trong cả nước"), read into something a value can be
 * compared with. The raw text is always kept: it is what leaders recognise.
 */
export type Target =
  | { raw: string; kind: 'compare'; comparator: 'gte' | 'gt' | 'lte' | 'lt' | 'eq'; value: number; unit?: string; percent: boolean }
  | { raw: string; kind: 'range'; min: number; max: number; unit?: string; percent: boolean }
  | { raw: string; kind: 'yes_no'; value: boolean }
  | { raw: string; kind: 'text' }

export type TargetReading = { ok: true; target: Target } | { ok: false; error: string }

type Comparator = 'gte' | 'gt' | 'lte' | 'lt'

const COMPARATOR_SIGNS: Record<string, Comparator> = { '>=': 'gte', '=>': 'gte', '≥': 'gte', '<=': 'lte', '≤': 'lte', '>': 'gt', '<': 'lt' }
const COMPARATOR_SIGN = /^(>=|=>|<=|≥|≤|>|<)\s*/

/** Comparator words as plans write them, folded (no diacritics). */
const COMPARATOR_WORDS: [string, Comparator][] = [
  ['toi thieu', 'gte'],
  ['it nhat', 'gte'],
  ['tren', 'gt'],
  ['hon', 'gt'],
  ['toi da', 'lte'],
  ['khong qua', 'lte'],
  ['duoi', 'lt'],
]

/** Split "≥ 60%" or "dưới 5" into its comparator and the rest of the text. */
function splitComparator(raw: string): { comparator: Comparator | 'eq'; rest: string; sign: boolean } {
  const sign = COMPARATOR_SIGN.exec(raw)
  if (sign) return { comparator: COMPARATOR_SIGNS[sign[1]!]!, rest: raw.slice(sign[0].length), sign: true }
  const folded = foldVietnamese(raw)
  for (const [word, comparator] of COMPARATOR_WORDS) {
    // Folding keeps one character per precomposed letter, so offsets line up with the NFC text.
    if (folded.startsWith(word + ' ') && /^\d/.test(folded.slice(word.length + 1))) {
      return { comparator, rest: raw.slice(word.length + 1), sign: false }
    }
  }
  return { comparator: 'eq', rest: raw, sign: false }
}

const NUMBER_TOKEN = /^[-+]?\d[\d.,]*(\s*%)?/
const RANGE = /^(\d[\d.,]*)\s*(%?)\s*(?:-|–|—|đến|den|tới|toi|~)\s*(\d[\d.,]*)\s*(%?)(.*)$/i

/**
 * Read one target text. Qualitative texts are kept as text; an error is given
 * only where a number is clearly intended but cannot be read ("≥ 1,5,0%").
 */
export function readTarget(input: string): TargetReading {
  const raw = input.normalize('NFC').replace(/\s+/g, ' ').trim()
  if (raw === '') return { ok: false, error: 'mục tiêu để trống' }
  const folded = foldVietnamese(raw)
  if (folded === 'co' || folded === 'dat' || folded === 'yes') return { ok: true, target: { raw, kind: 'yes_no', value: true } }
  if (folded === 'khong' || folded === 'no') return { ok: true, target: { raw, kind: 'yes_no', value: false } }

  const { comparator, rest, sign } = splitComparator(raw)

  const range = RANGE.exec(rest)
  if (range && comparator === 'eq') {
    const min = parseVnNumber(range[1]!)
    const max = parseVnNumber(range[3]!)
    if (!min.ok || !max.ok) return { ok: false, error: `không đọc được "${raw}"` }
    const percent = range[2] === '%' || range[4] === '%'
    const unit = unitText(range[5] ?? '', percent)
    if (min.value > max.value) return { ok: false, error: `không đọc được "${raw}": khoảng ${range[1]} > ${range[3]}` }
    return { ok: true, target: { raw, kind: 'range', min: min.value, max: max.value, percent, ...(unit ? { unit } : {}) } }
  }

  const token = NUMBER_TOKEN.exec(rest)
  if (!token) {
    if (sign) return { ok: false, error: `không đọc được "${raw}": cần một số sau dấu so sánh` }
    return { ok: true, target: { raw, kind: 'text' } }
  }
  const numberText = token[0]
  const reading = parseVnNumber(numberText)
  if (!reading.ok) return { ok: false, error: `không đọc được "${raw}"` }
  const tail = rest.slice(numberText.length)
  if (/^[\d.,]/.test(tail)) return { ok: false, error: `không đọc được "${raw}"` }
  const percent = reading.percentSign
  const unit = unitText(tail, percent)
  return { ok: true, target: { raw, kind: 'compare', comparator, value: reading.value, percent, ...(unit ? { unit } : {}) } }
}

function unitText(tail: string, percent: boolean): string | undefined {
  const t = tail.replace(/\s+/g, ' ').trim()
  if (percent) return t ? `% ${t}` : '%'
  return t || undefined
}

/**
 * The target that applies to a period: the nearest milestone at or after the
 * period's year ("Đến hết năm 2025" applies to every period of 2025).
 */
export function targetForYear<T>(targets: Record<string, T>, year: number): { year: number; target: T } | undefined {
  const years = Object.keys(targets)
    .map(Number)
    .filter((y) => Number.isInteger(y) && y >= year)
    .sort((a, b) => a - b)
  const first = years[0]
  if (first === undefined) return undefined
  return { year: first, target: targets[String(first)] as T }
}

/** Whether a value meets a target; null when the target cannot be judged by a number. */
export function meetsTarget(target: Target, value: number | boolean | string): boolean | null {
  if (target.kind === 'yes_no') return typeof value === 'boolean' ? value === target.value : null
  if (typeof value !== 'number') return null
  if (target.kind === 'range') return value >= target.min
  if (target.kind === 'text') return null
  switch (target.comparator) {
    case 'gte':
      return value >= target.value
    case 'gt':
      return value > target.value
    case 'lte':
      return value <= target.value
    case 'lt':
      return value < target.value
    case 'eq':
      return value >= target.value
  }
}

/**
 * The indicator type a plan means when it does not say: percentages when a
 * target carries "%", yes/no for "Có", counts for plain whole numbers, text
 * for qualitative targets.
 */
export function inferIndicatorType(targets: readonly Target[]): IndicatorType {
  const numeric = targets.filter((t) => t.kind === 'compare' || t.kind === 'range')
  if (numeric.some((t) => (t.kind === 'compare' || t.kind === 'range') && t.percent)) return 'percent'
  if (numeric.length > 0) {
    const values = numeric.flatMap((t) => (t.kind === 'range' ? [t.min, t.max] : t.kind === 'compare' ? [t.value] : []))
    return values.every((v) => Number.isInteger(v)) ? 'integer' : 'number'
  }
  if (targets.length > 0 && targets.every((t) => t.kind === 'yes_no')) return 'yes_no'
  return 'text'
}

/** Short human form of a target for messages ("≥ 1,0%"), from the raw text. */
export function describeTarget(target: Target): string {
  if (target.kind === 'compare') {
    const sign = { gte: '≥ ', gt: '> ', lte: '≤ ', lt: '< ', eq: '' }[target.comparator]
    return `${sign}${formatVnNumber(target.value)}${target.unit ? (target.percent ? target.unit : ' ' + target.unit) : ''}`
  }
  return target.raw
}
