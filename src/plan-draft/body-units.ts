import { foldVietnamese } from '../domain/text-fold.js'
import { looksLikeGroup, splitUnitNames, startsLikeUnitName } from './unit-names.js'

/**
 * Units named in the body's "TỔ CHỨC THỰC HIỆN" part, where a plan says who
 * does what: "2. Phòng Văn hoá – Xã hội là cơ quan thường trực, chủ trì …",
 * "3. Công an phường phối hợp …", "2. Phòng Kinh tế xã:" (its duties
 * below). A plan whose tasks carry no unit (prose tasks) still has its units
 * there, and the one called "cơ quan thường trực" (or "cơ quan đầu mối") is
 * the standing office.
 */
export interface BodyUnits {
  /** Unit names in the order the part names them (collectives such as "Các phòng, ban" left out). */
  names: string[]
  /** The unit the part calls "cơ quan thường trực" or "cơ quan đầu mối", as written. */
  standing: string | undefined
  /** "IV. TỔ CHỨC THỰC HIỆN", as written. */
  heading: string
}

const ROMAN_HEADING = /^([IVXL]+)\.\s+(.+)$/
const NUMBERED = /^\d{1,2}\.\s+(.+)$/
/** Where the subject of a duty sentence ends: its first verb. */
const VERB = /\s+(?:là|phối hợp|chủ trì|căn cứ|có trách nhiệm|chịu trách nhiệm|tham mưu|thực hiện|triển khai|theo dõi|hướng dẫn|xây dựng|tổ chức|đôn đốc|giao)(?=[\s,.:;]|$)/iu

/** Who a duty is given to: the words before a colon or the first verb; a short line with neither is a name alone ("6. Ban nhân dân các thôn"). */
function subjectOf(duty: string): string {
  const colon = duty.indexOf(':')
  const verb = VERB.exec(duty)?.index ?? -1
  const ends = [colon, verb].filter((i) => i > 0)
  if (ends.length) return duty.slice(0, Math.min(...ends)).trim()
  return duty.length <= 60 ? duty : ''
}

/** The units of the organisation part; undefined when the body has no such part. */
export function readBodyUnits(paragraphs: readonly string[]): BodyUnits | undefined {
  const start = paragraphs.findIndex((p) => {
    const m = ROMAN_HEADING.exec(p.trim())
    return m !== null && /to chuc thuc hien/.test(foldVietnamese(m[2] ?? ''))
  })
  if (start < 0) return undefined
  const names: string[] = []
  let standing: string | undefined
  for (let i = start + 1; i < paragraphs.length; i++) {
    const p = (paragraphs[i] ?? '').trim()
    if (ROMAN_HEADING.test(p)) break
    const m = NUMBERED.exec(p)
    if (!m?.[1]) continue
    const found = splitUnitNames(subjectOf(m[1])).filter((n) => startsLikeUnitName(n) && !looksLikeGroup(n))
    for (const n of found) if (!names.includes(n)) names.push(n)
    if (!standing && found.length === 1 && /co quan (thuong truc|dau moi)/.test(foldVietnamese(m[1]))) standing = found[0]
  }
  return { names, standing, heading: (paragraphs[start] ?? '').trim() }
}
