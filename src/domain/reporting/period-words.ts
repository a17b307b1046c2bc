import { foldVietnamese } from '../text-fold.js'
import { isAdhocKey } from './adhoc-requests.js'
import { requestThatMattersNow } from './period-now.js'
import type { ReportRequest } from './requests.js'

/** What a person meant by "quý 3/2026", "6 tháng", "năm 2025", "tháng 11" or a key such as "2026-Q3". */
type PeriodWords = { keyPattern: RegExp; year?: number } | { oneOff: string }

const ROMAN: Record<string, number> = { i: 1, ii: 2, iii: 3, iv: 4 }

/** Read period words into a key pattern; undefined when they name no period. */
export function readPeriodWords(text: string): PeriodWords | undefined {
  const raw = text.normalize('NFC').trim()
  if (!raw) return undefined
  const key = /^(\d{4})-(Q[1-4]|H[12]|9M|Y|M(?:1[0-2]|[1-9]))$/i.exec(raw.split('+')[0]!)
  if (key) return { keyPattern: new RegExp(`^${key[1]}-${key[2]!.toUpperCase()}$`), year: Number(key[1]) }
  if (/^once:/i.test(raw)) return { oneOff: raw.slice(5) }
  const f = foldVietnamese(raw).replace(/\s+/g, ' ')
  const yearOf = (m: RegExpExecArray | null, group: number) => (m?.[group] ? Number(m[group]) : undefined)
  const withYear = (pattern: string, year: number | undefined): PeriodWords => ({
    keyPattern: new RegExp(`^${year ?? '\\d{4}'}-${pattern}$`),
    ...(year ? { year } : {}),
  })
  const tail = String.raw`(?:\s*(?:\/|-|nam)\s*(\d{4}))?$`
  let m = new RegExp(String.raw`^(?:quy|q)\s*(iv|iii|ii|i|[1-4])` + tail).exec(f)
  if (m) return withYear(`Q${ROMAN[m[1]!] ?? Number(m[1])}`, yearOf(m, 2))
  m = new RegExp(String.raw`^6 thang(?: (dau|cuoi))?(?: nam)?` + tail).exec(f)
  if (m) return withYear(m[1] === 'cuoi' ? 'H2' : 'H1', yearOf(m, 2))
  m = new RegExp(String.raw`^9 thang(?: dau)?(?: nam)?` + tail).exec(f)
  if (m) return withYear('9M', yearOf(m, 1))
  m = new RegExp(String.raw`^thang\s*(1[0-2]|0?[1-9])` + tail).exec(f)
  if (m) return withYear(`M${Number(m[1])}`, yearOf(m, 2))
  m = /^(?:ca )?nam(?:\s*(\d{4}))?$/.exec(f)
  if (m) return withYear('Y', yearOf(m, 1))
  if (/^\d{4}$/.test(f)) return withYear('Y', Number(f))
  return { oneOff: raw }
}

/**
 * The request a person names in words, as leaders and operators write them
 * (`/tonghop quý 3`, `--period "6 tháng"`). Without a year, the matching
 * request that matters now (open, else most recently due). A combined
 * request answers to any of its periods ("quý 4" finds "Năm 2026 (gồm Quý
 * IV/2026)"). An ad-hoc request answers to words of its label ("đột xuất",
 * its title) or its key ("adhoc:2"). Undefined when nothing matches: the
 * caller lists the choices.
 */
export function findRequestByWords<R extends Pick<ReportRequest, 'key' | 'periods' | 'opensAt' | 'dueAt' | 'closesAt'>>(text: string, requests: readonly R[], now: Date): R | undefined {
  const words = readPeriodWords(text)
  if (!words) return undefined
  const exact = requests.find((r) => r.key.toLowerCase() === text.trim().toLowerCase())
  if (exact) return exact
  const matches =
    'oneOff' in words
      ? requests.filter((r) => r.periods.some((p) => isNamed(p) && (matchesName(p.label, words.oneOff) || p.key.slice(p.key.indexOf(':') + 1).toLowerCase() === words.oneOff.toLowerCase())))
      : requests.filter((r) => r.periods.some((p) => words.keyPattern.test(p.key)))
  if (matches.length <= 1) return matches[0]
  return requestThatMattersNow(matches, now, new Date(0))
}

/** One-off schedules and ad-hoc requests are found by the words of their label ("đột xuất bão lũ"), not by a period pattern. */
function isNamed(p: { key: string }): boolean {
  return p.key.startsWith('once:') || isAdhocKey(p.key)
}

/** Every word typed is a word of the label, in any order ("đột xuất mưa lũ" names "Báo cáo đột xuất: Tình hình … mưa lũ …"). */
function matchesName(label: string, wanted: string): boolean {
  const w = foldVietnamese(wanted).trim()
  if (w.length < 3) return false
  const words = new Set(foldVietnamese(label).split(/[^a-z0-9]+/).filter(Boolean))
  return foldVietnamese(label).includes(w) || w.split(/[^a-z0-9]+/).filter(Boolean).every((x) => words.has(x))
}

/**
 * The requests worth offering when a name matched nothing: the tracked ones
 * around now (the last few due and the next one), oldest first.
 */
export function requestChoices<R extends Pick<ReportRequest, 'dueAt'>>(requests: readonly R[], now: Date, max = 8): R[] {
  const sorted = [...requests].sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime())
  const past = sorted.filter((r) => r.dueAt <= now)
  const next = sorted.filter((r) => r.dueAt > now).slice(0, 2)
  return [...past.slice(-Math.max(0, max - next.length)), ...next]
}
