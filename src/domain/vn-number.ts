/**
 * Reading and writing numbers the way Vietnamese officials type them: decimal
 * comma ("72,5"), dot as thousands separator ("1.234"), but also "72.5" from
 * phones set to English, with "%" and spaces around.
 */

export type NumberReading =
  | { ok: true; value: number; percentSign: boolean }
  | { ok: false; reason: 'empty' | 'not_a_number' | 'ambiguous' }

const THOUSANDS_DOT = /^\d{1,3}(\.\d{3})+$/
const THOUSANDS_DOT_DECIMAL_COMMA = /^\d{1,3}(\.\d{3})+,\d+$/
const DECIMAL_COMMA = /^\d+,\d+$/
const DECIMAL_DOT = /^\d+\.\d+$/
const PLAIN = /^\d+$/
const THOUSANDS_SPACE = /^\d{1,3}( \d{3})+$/

/**
 * Parse one number as typed. "1.234" is a thousand-two-hundred-thirty-four
 * (Vietnamese grouping); "1.5" and "72.50" are decimals (a dot followed by
 * anything but groups of three digits cannot be grouping). "12,5,3" is refused.
 */
export function parseVnNumber(input: string): NumberReading {
  let s = input.trim().replace(/\u00a0/g, ' ')
  if (s === '') return { ok: false, reason: 'empty' }
  let percentSign = false
  if (s.endsWith('%')) {
    percentSign = true
    s = s.slice(0, -1).trim()
  }
  let sign = 1
  if (/^[-−–]/.test(s)) {
    sign = -1
    s = s.slice(1).trim()
  } else if (s.startsWith('+')) {
    s = s.slice(1).trim()
  }
  let value: number
  if (PLAIN.test(s)) value = Number(s)
  else if (THOUSANDS_DOT.test(s)) value = Number(s.replace(/\./g, ''))
  else if (THOUSANDS_DOT_DECIMAL_COMMA.test(s)) value = Number(s.replace(/\./g, '').replace(',', '.'))
  else if (DECIMAL_COMMA.test(s)) value = Number(s.replace(',', '.'))
  else if (DECIMAL_DOT.test(s)) value = Number(s)
  else if (THOUSANDS_SPACE.test(s)) value = Number(s.replace(/ /g, ''))
  else return { ok: false, reason: 'not_a_number' }
  if (!Number.isFinite(value)) return { ok: false, reason: 'not_a_number' }
  return { ok: true, value: sign * value, percentSign }
}

/**
 * Format a number for Vietnamese readers: decimal comma, dot grouping,
 * at most `maxDecimals` decimals without trailing zeros ("72,5", "1.234").
 */
export function formatVnNumber(value: number, maxDecimals = 2): string {
  const negative = value < 0
  const fixed = Math.abs(value).toFixed(maxDecimals)
  const [intPart = '0', decPart = ''] = fixed.split('.')
  const grouped = intPart.replace(/\B(?=(\d{3})+(?!\d))/g, '.')
  const decimals = decPart.replace(/0+$/, '')
  return `${negative ? '-' : ''}${grouped}${decimals ? ',' + decimals : ''}`
}

/** A count as Vietnamese readers and documents write it: "10.000" (digests, the Word draft, chart subtitles). */
export function formatVnCount(count: number): string {
  return formatVnNumber(count, 0)
}
