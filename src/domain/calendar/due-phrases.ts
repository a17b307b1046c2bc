import type { LocalDate, PeriodKind } from '../plan-model.js'
import { foldVietnamese } from '../text-fold.js'
import { isValidDate, localDate } from './local-time.js'

/**
 * Deadline phrases as plans write them, read into rules. Operators paste the
 * document's words; reading is case- and diacritics-insensitive and forgives
 * spaces, leading zeros and optional "ngày"/"tháng".
 */
export type ScheduleDue =
  | { kind: 'day_of_month'; day: number }
  | { kind: 'day_of_last_month_of_quarter'; day: number }
  | { kind: 'day_month'; dates: { day: number; month: number }[] }
  | { kind: 'date'; date: LocalDate }

export type TaskDue =
  | { kind: 'month'; year: number; month: number }
  | { kind: 'year'; year: number }
  | { kind: 'date'; date: LocalDate }
  | { kind: 'ongoing' }
  | { kind: 'yearly' }
  | { kind: 'from_year'; year: number }

export type ReadResult<T> = { ok: true; value: T } | { ok: false; error: string }

const SCHEDULE_FORMS =
  'accepted forms: "trước ngày 20 hàng tháng", "trước ngày 10 tháng cuối quý", "trước ngày 10/6", "trước ngày 10 tháng 6 và trước ngày 25 tháng 11", "trước ngày 31/7/2025"'
const TASK_FORMS =
  'accepted forms: "9/2025", "Tháng 5/2025", "2026", "Thường xuyên", "Hàng năm", "2026 và các năm tiếp theo", "trước ngày 31/7/2025"'

/** Folded text with punctuation evened out, the only form the patterns see. */
function fold(text: string): string {
  return foldVietnamese(text).replace(/[.;]+$/g, '').replace(/\s*([/-])\s*/g, '$1').trim()
}

const DAY = String.raw`(?:ngay\s*)?(\d{1,2})`
const BEFORE = String.raw`(?:truoc|han|cham nhat)\s*`

/** Read a schedule's deadline phrase. */
export function readScheduleDue(text: string): ReadResult<ScheduleDue> {
  const t = fold(text)
  let m = new RegExp(`^(?:hang thang\\s*)?${BEFORE}${DAY}(?:\\s*hang thang)?$`).exec(t)
  if (m && (/hang thang/.test(t))) return dayOfMonth(text, Number(m[1]), 'day_of_month')
  m = new RegExp(`^${BEFORE}${DAY}\\s*(?:cua\\s*)?thang cuoi (?:cua\\s*)?quy$`).exec(t)
  if (m) return dayOfMonth(text, Number(m[1]), 'day_of_last_month_of_quarter')
  m = new RegExp(`^${BEFORE}${DAY}[/-](\\d{1,2})[/-](\\d{4})$`).exec(t)
  if (m) {
    const [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])]
    if (!isValidDate(y, mo, d)) return { ok: false, error: `"${text}" names a day that does not exist` }
    return { ok: true, value: { kind: 'date', date: localDate(y, mo, d) } }
  }
  const parts = t.split(/\s*(?:va|,)\s*/).filter(Boolean)
  const dates: { day: number; month: number }[] = []
  for (const part of parts) {
    const dm = new RegExp(`^(?:${BEFORE})?${DAY}(?:[/-]|\\s*thang\\s*)(\\d{1,2})$`).exec(part)
    if (!dm) return { ok: false, error: `cannot read the deadline "${text}"; ${SCHEDULE_FORMS}` }
    const [d, mo] = [Number(dm[1]), Number(dm[2])]
    if (!isValidDate(2024, mo, d)) return { ok: false, error: `"${text}" names a day that does not exist (${d}/${mo})` }
    dates.push({ day: d, month: mo })
  }
  if (!dates.length || !/^(truoc|han|cham nhat)/.test(t)) return { ok: false, error: `cannot read the deadline "${text}"; ${SCHEDULE_FORMS}` }
  dates.sort((a, b) => a.month - b.month || a.day - b.day)
  return { ok: true, value: { kind: 'day_month', dates } }
}

function dayOfMonth(text: string, day: number, kind: 'day_of_month' | 'day_of_last_month_of_quarter'): ReadResult<ScheduleDue> {
  if (day < 1 || day > 28) return { ok: false, error: `"${text}": the day must be 1-28 so that it exists in every month` }
  return { ok: true, value: { kind, day } }
}

/** Whether a deadline rule fits the schedule's period kind; null when it does. */
export function checkScheduleDue(period: PeriodKind, due: ScheduleDue): string | null {
  const expect: Record<PeriodKind, ScheduleDue['kind']> = {
    month: 'day_of_month',
    quarter: 'day_of_last_month_of_quarter',
    half: 'day_month',
    nine_months: 'day_month',
    year: 'day_month',
    once: 'date',
  }
  if (due.kind !== expect[period]) {
    const example: Record<PeriodKind, string> = {
      month: '"trước ngày 20 hàng tháng"',
      quarter: '"trước ngày 05 của tháng cuối quý"',
      half: '"trước ngày 10/6" (or two dates: "trước ngày 10/6 và trước ngày 25/11")',
      nine_months: '"trước ngày 10/9"',
      year: '"trước ngày 05/12"',
      once: '"trước ngày 31/7/2025"',
    }
    return `a ${period} schedule needs a deadline like ${example[period]}`
  }
  if (due.kind === 'day_month') {
    if (period === 'half' && due.dates.length > 2) return 'a half-year schedule has at most two deadlines a year'
    if (period !== 'half' && due.dates.length !== 1) return `a ${period} schedule has one deadline a year`
  }
  return null
}

/** Read a task's deadline as documents write it. */
export function readTaskDue(text: string): ReadResult<TaskDue> {
  const t = fold(String(text))
  if (/^(thuong xuyen|lien tuc|thuong xuyen,? lien tuc)$/.test(t)) return { ok: true, value: { kind: 'ongoing' } }
  if (/^(hang nam|hằng năm|hang nam,? thuong xuyen)$/.test(t)) return { ok: true, value: { kind: 'yearly' } }
  let m = /^(?:nam\s*)?(\d{4})\s*(?:va|,)?\s*(?:cac|nhung)\s*nam\s*tiep\s*theo$/.exec(t)
  if (m) return { ok: true, value: { kind: 'from_year', year: Number(m[1]) } }
  m = /^(?:nam\s*)?(\d{4})$/.exec(t)
  if (m) return { ok: true, value: { kind: 'year', year: Number(m[1]) } }
  m = /^(?:thang\s*)?(\d{1,2})[/-](\d{4})$/.exec(t)
  if (m) {
    const month = Number(m[1])
    if (month < 1 || month > 12) return { ok: false, error: `"${text}" names month ${month}` }
    return { ok: true, value: { kind: 'month', year: Number(m[2]), month } }
  }
  const s = readScheduleDue(text)
  if (s.ok && s.value.kind === 'date') return { ok: true, value: { kind: 'date', date: s.value.date } }
  return { ok: false, error: `cannot read the task deadline "${text}"; ${TASK_FORMS}` }
}
