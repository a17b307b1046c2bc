import type { LocalDate, PeriodKind } from '../plan-model.js'
import { foldVietnamese } from '../text-fold.js'
import { isValidDate, localDate } from './local-time.js'

/**
 * A deadline phrase as plans write it, read into a rule. One grammar serves
 * schedules and tasks alike, so a phrase an office pastes for one is read the
 * same way for the other; whether it fits the item is checked apart
 * (`checkScheduleDue`). Reading is case- and diacritics-insensitive and
 * forgives spaces, leading zeros and optional "ngày"/"tháng"/"năm".
 */
export type DuePhrase =
  | { kind: 'day_of_month'; day: number }
  | { kind: 'day_of_last_month_of_quarter'; day: number }
  | { kind: 'day_month'; dates: { day: number; month: number }[] }
  | { kind: 'date'; date: LocalDate }
  | { kind: 'month'; year: number; month: number }
  | { kind: 'quarter'; year: number; quarter: number }
  | { kind: 'year'; year: number }
  | { kind: 'ongoing' }
  | { kind: 'yearly' }
  | { kind: 'from_year'; year: number }

/** A schedule's deadline: the shared grammar (kept as a name for existing callers). */
export type ScheduleDue = DuePhrase
/** A task's deadline: the shared grammar (kept as a name for existing callers). */
export type TaskDue = DuePhrase

/** A phrase read into a rule, or why it could not be (Vietnamese). */
export type ReadResult<T> = { ok: true; value: T } | { ok: false; error: string }

const FORMS =
  'viết như "trước ngày 20 hàng tháng", "trước ngày 10 tháng cuối quý", "trước ngày 10/6", "trước ngày 10/6 và trước ngày 25/11", "trước ngày 31/7/2025", "Tháng 6/2025", "Quý III/2025", "năm 2026", "Thường xuyên", "Hàng năm", "2026 và các năm tiếp theo"'

/** Folded text with punctuation evened out, the only form the patterns see. */
function fold(text: string): string {
  return foldVietnamese(text)
    .replace(/[.;]+$/g, '')
    .replace(/\s*([/-])\s*/g, '$1')
    .trim()
}

const DAY = String.raw`(?:ngay\s*)?(\d{1,2})`
const BEFORE = String.raw`(?:truoc|han|cham nhat)\s*`
/** "trong", "vào", "hết", "đến hết", "cuối": words before a month, quarter or year that change nothing. */
const WITHIN = String.raw`(?:(?:trong|vao|den het|het|den|cuoi)\s*)?`
const YEAR_SEP = String.raw`(?:[/-]|\s*nam\s*)`
const ROMAN: Record<string, number> = { i: 1, ii: 2, iii: 3, iv: 4 }

const cannotRead = (text: string): ReadResult<DuePhrase> => ({ ok: false, error: `không đọc được thời hạn "${text}"; ${FORMS}` })

/** Read any deadline phrase of a plan: a schedule's or a task's. */
export function readDuePhrase(input: string | number): ReadResult<DuePhrase> {
  const text = String(input)
  const t = fold(text)
  if (t === '') return cannotRead(text)
  return readOpenEnded(t) ?? readPeriodEnd(t, text) ?? readRecurring(t, text) ?? readDates(t, text)
}

/** Read a schedule's deadline phrase (the shared grammar). */
export function readScheduleDue(text: string): ReadResult<ScheduleDue> {
  return readDuePhrase(text)
}

/** Read a task's deadline as documents write it (the shared grammar). */
export function readTaskDue(text: string | number): ReadResult<TaskDue> {
  return readDuePhrase(text)
}

function readOpenEnded(t: string): ReadResult<DuePhrase> | undefined {
  if (/^(thuong xuyen|lien tuc|thuong xuyen,? lien tuc)$/.test(t)) return { ok: true, value: { kind: 'ongoing' } }
  if (/^(hang nam|hang nam,? thuong xuyen)$/.test(t)) return { ok: true, value: { kind: 'yearly' } }
  const m = /^(?:tu\s*)?(?:nam\s*)?(\d{4})\s*(?:va|,)?\s*(?:cac|nhung)\s*nam\s*tiep\s*theo$/.exec(t)
  if (m) return { ok: true, value: { kind: 'from_year', year: Number(m[1]) } }
  return undefined
}

/** "Tháng 6/2025", "trong tháng 6 năm 2025", "Quý III/2025", "quý 3/2025", "năm 2026", "2026". */
function readPeriodEnd(t: string, text: string): ReadResult<DuePhrase> | undefined {
  let m = new RegExp(`^${WITHIN}(?:nam\\s*)?(\\d{4})$`).exec(t)
  if (m) return { ok: true, value: { kind: 'year', year: Number(m[1]) } }
  m = new RegExp(`^${WITHIN}(?:thang\\s*)?(\\d{1,2})${YEAR_SEP}(\\d{4})$`).exec(t)
  if (m) {
    const month = Number(m[1])
    if (month < 1 || month > 12) return { ok: false, error: `"${text}": không có tháng ${month}` }
    return { ok: true, value: { kind: 'month', year: Number(m[2]), month } }
  }
  m = new RegExp(`^${WITHIN}quy\\s*(iv|iii|ii|i|\\d)${YEAR_SEP}(\\d{4})$`).exec(t)
  if (m) {
    const quarter = ROMAN[m[1]!] ?? Number(m[1])
    if (quarter < 1 || quarter > 4) return { ok: false, error: `"${text}": không có quý ${m[1]}` }
    return { ok: true, value: { kind: 'quarter', year: Number(m[2]), quarter } }
  }
  return undefined
}

/** "trước ngày 20 hàng tháng", "trước ngày 05 của tháng cuối quý". */
function readRecurring(t: string, text: string): ReadResult<DuePhrase> | undefined {
  let m = new RegExp(`^(?:hang thang\\s*)?${BEFORE}${DAY}(?:\\s*hang thang)?$`).exec(t)
  if (m && /hang thang/.test(t)) return dayOfMonth(text, Number(m[1]), 'day_of_month')
  m = new RegExp(`^${BEFORE}${DAY}\\s*(?:cua\\s*)?thang cuoi (?:cua\\s*)?quy$`).exec(t)
  if (m) return dayOfMonth(text, Number(m[1]), 'day_of_last_month_of_quarter')
  return undefined
}

/** "trước ngày 31/7/2025" (or the bare "31/7/2025"), "trước ngày 10/6", "trước ngày 10 tháng 6 và trước ngày 25 tháng 11". */
function readDates(t: string, text: string): ReadResult<DuePhrase> {
  const m = new RegExp(`^(?:${BEFORE})?${DAY}(?:[/-]|\\s*thang\\s*)(\\d{1,2})${YEAR_SEP}(\\d{4})$`).exec(t)
  if (m) {
    const [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])]
    if (!isValidDate(y, mo, d)) return { ok: false, error: `"${text}": không có ngày ${d}/${mo}/${y}` }
    return { ok: true, value: { kind: 'date', date: localDate(y, mo, d) } }
  }
  if (!/^(truoc|han|cham nhat)/.test(t)) return cannotRead(text)
  const dates: { day: number; month: number }[] = []
  for (const part of t.split(/\s*(?:va|,)\s*/).filter(Boolean)) {
    const dm = new RegExp(`^(?:${BEFORE})?${DAY}(?:[/-]|\\s*thang\\s*)(\\d{1,2})$`).exec(part)
    if (!dm) return cannotRead(text)
    const [d, mo] = [Number(dm[1]), Number(dm[2])]
    if (!isValidDate(2024, mo, d)) return { ok: false, error: `"${text}": không có ngày ${d}/${mo}` }
    dates.push({ day: d, month: mo })
  }
  if (!dates.length) return cannotRead(text)
  dates.sort((a, b) => a.month - b.month || a.day - b.day)
  return { ok: true, value: { kind: 'day_month', dates } }
}

function dayOfMonth(text: string, day: number, kind: 'day_of_month' | 'day_of_last_month_of_quarter'): ReadResult<DuePhrase> {
  if (day < 1 || day > 28) return { ok: false, error: `"${text}": ngày phải từ 1 đến 28 để tháng nào cũng có` }
  return { ok: true, value: { kind, day } }
}

/**
 * The local day at whose 00:00 a one-time deadline falls, or undefined for
 * recurring and open-ended ones. "Trước ngày D" is due at D; a month, quarter
 * or year is due when it is over, at the first day after it ("Tháng 6/2025" →
 * 2025-07-01), the same way the summary digest judges a task late.
 */
export function dueDateOf(due: DuePhrase): LocalDate | undefined {
  switch (due.kind) {
    case 'date':
      return due.date
    case 'month':
      return localDate(due.year, due.month + 1, 1)
    case 'quarter':
      return localDate(due.year, due.quarter * 3 + 1, 1)
    case 'year':
      return localDate(due.year + 1, 1, 1)
    default:
      return undefined
  }
}

const ONE_TIME: readonly DuePhrase['kind'][] = ['date', 'month', 'quarter', 'year']

/** Whether a deadline rule fits the schedule's period kind; null when it does, else the Vietnamese reason. */
export function checkScheduleDue(period: PeriodKind, due: DuePhrase): string | null {
  const expect: Record<PeriodKind, readonly DuePhrase['kind'][]> = {
    month: ['day_of_month'],
    quarter: ['day_of_last_month_of_quarter'],
    half: ['day_month'],
    nine_months: ['day_month'],
    year: ['day_month'],
    once: ONE_TIME,
    adhoc: [],
  }
  if (!expect[period].includes(due.kind)) {
    const example: Record<PeriodKind, string> = {
      month: 'lịch báo cáo tháng (period: month) cần thời hạn như "trước ngày 20 hàng tháng"',
      quarter: 'lịch báo cáo quý (period: quarter) cần thời hạn như "trước ngày 05 của tháng cuối quý"',
      half: 'lịch báo cáo 6 tháng (period: half) cần thời hạn như "trước ngày 10/6" (hoặc hai ngày: "trước ngày 10/6 và trước ngày 25/11")',
      nine_months: 'lịch báo cáo 9 tháng (period: nine_months) cần thời hạn như "trước ngày 10/9"',
      year: 'lịch báo cáo năm (period: year) cần thời hạn như "trước ngày 05/12"',
      once: 'lịch báo cáo một lần (period: once) cần thời hạn như "trước ngày 31/7/2025", "Tháng 6/2025", "Quý III/2025" hoặc "năm 2026"',
      adhoc: 'lịch báo cáo đột xuất (period: adhoc) không có thời hạn cố định; hạn ghi khi mở từng yêu cầu',
    }
    return example[period]
  }
  if (due.kind === 'day_month') {
    if (period === 'half' && due.dates.length > 2) return 'lịch báo cáo 6 tháng có nhiều nhất hai thời hạn mỗi năm'
    if (period !== 'half' && due.dates.length !== 1) return 'lịch báo cáo này chỉ có một thời hạn mỗi năm'
  }
  return null
}
