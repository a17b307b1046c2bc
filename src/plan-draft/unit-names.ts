import { foldVietnamese } from '../domain/text-fold.js'

/**
 * Unit names as offices type them: split a cell into names, recognise the same
 * unit under different spellings (diacritics, case, dashes, "VH-XH" for "Văn
 * hóa – Xã hội", "VP HĐND-UBND"), and catch near-typos ("Phòng Kinh tês") so
 * they become one unit with a note for the operator.
 */

/** Words that begin a new unit name inside a comma-separated cell. */
const HEAD_WORDS = [
  'phong', 'van phong', 'cong an', 'trung tam', 'ban', 'uy ban', 'truong', 'dang uy', 'hoi', 'doan', 'thon', 'to dan pho',
  'so', 'chi cuc', 'tram', 'hop tac xa', 'cac', 'buu dien', 'ban chi huy', 'mat tran', 'bao hiem', 'kho bac', 'chi nhanh',
  'cong ty', 'doanh nghiep', 'vien', 'benh vien', 'ubnd', 'hdnd', 'mttq', 'ubmttq', 'dai', 'nha van hoa',
]
/** After a collective ("Các phòng, ban, ngành…") short words like "ban" continue the list. */
const STRONG_HEAD_WORDS = HEAD_WORDS.filter((w) => !['ban', 'so', 'hoi', 'doan', 'dai', 'tram', 'vien', 'thon', 'truong'].includes(w))
/** After "và" only these start a second unit ("Văn phòng HĐND và UBND" stays one). */
const AND_HEAD_WORDS = ['phong', 'van phong', 'cong an', 'trung tam', 'truong', 'cac', 'ban']

function startsWithAny(text: string, words: readonly string[]): boolean {
  const f = foldVietnamese(text)
  return words.some((w) => f === w || f.startsWith(w + ' '))
}

/** Whether a phrase begins the way a unit's name does ("Phòng …", "Công an …", "Ủy ban …"), not a collective ("các …") or a sentence ("Đề nghị …"). */
export function startsLikeUnitName(text: string): boolean {
  return startsWithAny(text, HEAD_WORDS.filter((w) => w !== 'cac'))
}

/** Split one table cell into the unit names it lists (lines, ";", and "," or "và" before a new unit word). */
export function splitUnitNames(cellText: string): string[] {
  const out: string[] = []
  for (const piece of cellText.split(/\n|;/)) {
    const commaParts = piece.split(',')
    let current = ''
    for (const part of commaParts) {
      const t = part.trim()
      if (!t) continue
      const collective = /^(cac|tat ca|nhung)\s/.test(foldVietnamese(current))
      if (current && startsWithAny(t, collective ? STRONG_HEAD_WORDS : HEAD_WORDS)) {
        out.push(...splitOnAnd(current))
        current = t
      } else current = current ? `${current}, ${t}` : t
    }
    if (current) out.push(...splitOnAnd(current))
  }
  return out.map(cleanUnitName).filter((n) => n.length > 0)
}

function splitOnAnd(text: string): string[] {
  const parts = text.split(/\s+(?:và|va)\s+/i)
  const out: string[] = []
  for (const p of parts) {
    const last = out[out.length - 1]
    if (last !== undefined && !startsWithAny(p, AND_HEAD_WORDS)) out[out.length - 1] = `${last} và ${p}`
    else out.push(p)
  }
  return out
}

/** Bullets, trailing punctuation and doubled spaces removed; dashes evened to " – ". */
export function cleanUnitName(name: string): string {
  return name
    .replace(/^\s*(?:[-–+•*]\s*)+/, '')
    .replace(/[.;,]+\s*$/, '')
    .replace(/\s+/g, ' ')
    .trim()
}

const CONTRACTIONS: [RegExp, string][] = [
  [/\buy ban nhan dan\b/g, 'ubnd'],
  [/\bhoi dong nhan dan\b/g, 'hdnd'],
  [/\bmat tran to quoc( viet nam)?\b/g, 'mttq'],
  [/\bvan phong\b/g, 'vp'],
  [/\bvan hoa\b/g, 'vh'],
  [/\bxa hoi\b/g, 'xh'],
  [/\btrung tam\b/g, 'tt'],
  [/\bkinh te\b/g, 'kt'],
  [/\bcong an\b/g, 'ca'],
]

/**
 * The comparison key of a unit name: folded, punctuation and "và" dropped,
 * common office words contracted to their abbreviations, a trailing "xã" or
 * "phường" dropped, spaces removed. Two spellings with one key are one unit.
 */
export function unitKey(name: string): string {
  let f = looseWords(name)
  for (const [re, short] of CONTRACTIONS) f = f.replace(re, short)
  f = f.replace(/\s+(xa|phuong|thi tran)$/, '')
  return f.replace(/\s+/g, '')
}

/** Folded words without punctuation or "và", uncontracted: the form typos are measured on. */
function looseWords(name: string): string {
  return foldVietnamese(name)
    .replace(/[–—‑-]/g, ' ')
    .replace(/[&.,;:()"“”']/g, ' ')
    .replace(/\bva\b/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
}

/** The typo-comparison key: like unitKey but without contractions, so "Kinh tês" is one letter from "Kinh tế". */
export function looseUnitKey(name: string): string {
  return looseWords(name).replace(/\s+(xa|phuong|thi tran)$/, '').replace(/\s+/g, '')
}

/** Levenshtein distance, small strings only. */
export function editDistance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, i) => i)
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0] ?? 0
    prev[0] = i
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j] ?? 0
      prev[j] = Math.min(up + 1, (prev[j - 1] ?? 0) + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1))
      diag = up
    }
  }
  return prev[b.length] ?? 0
}

/** Whether two keys differ only by a slip of the keyboard: digits must agree ("thôn 1" is not "thôn 2"). */
export function isNearTypo(a: string, b: string): boolean {
  if (a.replace(/\D/g, '') !== b.replace(/\D/g, '')) return false
  const limit = Math.min(a.length, b.length) > 12 ? 2 : 1
  return Math.abs(a.length - b.length) <= limit && editDistance(a, b) <= limit && Math.min(a.length, b.length) >= 5
}

/** One unit (or group) as the document names it, with every spelling seen. */
export interface NamedUnit {
  id: number
  /** The spelling used most often (ties: the longest, i.e. the full form). */
  name: string
  spellings: Map<string, number>
}

/**
 * Collects every unit mention of a document and clusters them: same key →
 * same unit; near-typo of a known key → same unit, flagged.
 */
export class UnitDirectory {
  private readonly units: NamedUnit[] = []
  private readonly byKey = new Map<string, NamedUnit>()
  private readonly byLooseKey = new Map<string, NamedUnit>()

  /** Record a mention; returns the unit it belongs to. */
  add(name: string): NamedUnit {
    const key = unitKey(name)
    let unit = this.byKey.get(key)
    if (!unit) {
      const loose = looseUnitKey(name)
      for (const [k, u] of this.byLooseKey) {
        if (isNearTypo(k, loose)) {
          unit = u
          break
        }
      }
    }
    if (!unit) {
      unit = { id: this.units.length, name, spellings: new Map() }
      this.units.push(unit)
    }
    this.byKey.set(key, unit)
    this.byLooseKey.set(looseUnitKey(name), unit)
    unit.spellings.set(name, (unit.spellings.get(name) ?? 0) + 1)
    unit.name = [...unit.spellings.entries()].sort((a, b) => b[1] - a[1] || b[0].length - a[0].length)[0]?.[0] ?? name
    return unit
  }

  /** The unit a mention was filed under, without recording it again. */
  find(name: string): NamedUnit | undefined {
    return this.byKey.get(unitKey(name))
  }

  all(): readonly NamedUnit[] {
    return this.units
  }
}

/** A spelling that is a near-typo of its unit's chosen name (not merely an abbreviation or different case). */
export function isTypoSpelling(spelling: string, unit: NamedUnit): boolean {
  return unitKey(spelling) !== unitKey(unit.name)
}

/** Collective names ("Các cơ quan, đơn vị…", "36 thôn, buôn") become groups, not units. */
export function looksLikeGroup(name: string): boolean {
  const f = foldVietnamese(name)
  return !looksExternal(name) && (/^(cac|tat ca|nhung)\s/.test(f) || /^\d+\s/.test(f))
}

/** Companies and outside bodies cannot use the bot; their monitor answers for them. */
export function looksExternal(name: string): boolean {
  return /doanh nghiep|cong ty|nha mang|viettel|vnpt|mobifone|ngan hang/.test(foldVietnamese(name))
}

const CODE_STOP = new Set(['va', 'cua', 'cac', 'tren', 'dia', 'ban', 'thuoc', 'xa', 'phuong', 'thi', 'tran', 'tinh', 'huyen', 'so', 'voi'])

/** A short code from a unit name: initials ("Phòng Văn hóa – Xã hội" → VHXH), acronyms kept whole. */
export function unitCodeFor(name: string): string {
  const words = name.replace(/[–—‑\-/,.;:()"“”&]/g, ' ').split(/\s+/).filter(Boolean)
  const parts: string[] = []
  words.forEach((w, i) => {
    const f = foldVietnamese(w).replace(/[^a-z0-9]/g, '')
    const next = foldVietnamese(words[i + 1] ?? '')
    const prev = foldVietnamese(words[i - 1] ?? '')
    // "thị" and "trấn" are stop words only as "thị trấn": "Đô thị" keeps its T.
    const placeWord = (f === 'thi' && next !== 'tran') || (f === 'tran' && prev !== 'thi')
    if (!f || (CODE_STOP.has(f) && !(f === 'xa' && next === 'hoi') && !placeWord)) return
    if (i === 0 && f === 'phong' && words.length > 1) return
    if (/^\d+$/.test(f)) parts.push(f)
    else if (w.length >= 2 && w === w.toUpperCase()) parts.push(f.toUpperCase())
    else parts.push(f[0]?.toUpperCase() ?? '')
  })
  const code = parts.join('').slice(0, 12)
  return code.length >= 2 ? code : foldVietnamese(name).replace(/[^a-z0-9]/g, '').slice(0, 6).toUpperCase() || 'DV'
}

/** A lower-case slug for a group ("36 thôn, buôn" → thon-buon, "Các cơ quan, đơn vị…" → co-quan). */
export function groupCodeFor(name: string): string {
  const words = foldVietnamese(name).replace(/[^a-z0-9 ]/g, ' ').split(/\s+/).filter((w) => w && !CODE_STOP.has(w) && !/^\d+$/.test(w))
  return words.slice(0, 2).join('-') || 'nhom'
}
