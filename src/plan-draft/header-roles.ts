import { foldVietnamese } from '../domain/text-fold.js'
import type { Cell, Table } from './table.js'

/** What a column of a plan appendix holds, read from its header words. */
export type ColumnRole =
  | { kind: 'stt' }
  | { kind: 'name' }
  | { kind: 'target'; year: string | undefined }
  | { kind: 'measure' }
  | { kind: 'responsible' }
  | { kind: 'monitor' }
  | { kind: 'support' }
  | { kind: 'output' }
  | { kind: 'due' }
  | { kind: 'ignore'; why: 'blank' | 'note' | 'unknown' }

/** A table whose header was understood: which rows are header and what each column is. */
export interface TableLayout {
  kind: 'indicators' | 'tasks'
  /** Index of the first row after the header (and after a column-number row). */
  firstDataRow: number
  roles: ColumnRole[]
  /** Combined header text per column, for messages and repeated-header detection. */
  headers: string[]
}

const YEAR_ONLY = /^(?:(?:den|tinh den|muc tieu|chi tieu)\s*)?(?:het\s*)?(?:nam\s*)?(20\d\d)$/

/**
 * Classify one column by its combined header text (all header rows of that
 * column, folded). Order matters: "Thời gian hoàn thành" before the year test,
 * "Đơn vị tính" and "theo dõi" before the generic "đơn vị".
 */
export function classifyHeader(header: string): ColumnRole {
  const h = foldVietnamese(header)
  if (!h) return { kind: 'ignore', why: 'blank' }
  if (/ghi chu/.test(h)) return { kind: 'ignore', why: 'note' }
  if (/thoi gian|thoi han|tien do|han hoan thanh|moc hoan thanh/.test(h)) return { kind: 'due' }
  if (/^(stt|tt|so tt|so thu tu)\.?$/.test(h)) return { kind: 'stt' }
  const year = /(20\d\d)/.exec(h)
  if (year && !/don vi|phoi hop|san pham/.test(h)) return { kind: 'target', year: year[1] }
  if (/don vi tinh|\bdvt\b/.test(h)) return { kind: 'measure' }
  if (/phoi hop/.test(h)) return { kind: 'support' }
  if (/theo doi|danh gia|giam sat/.test(h)) return { kind: 'monitor' }
  if (/chu tri|chiu trach nhiem|thuc hien|don vi|co quan/.test(h)) return { kind: 'responsible' }
  if (/san pham|ket qua/.test(h)) return { kind: 'output' }
  if (/chi tieu|noi dung|nhiem vu|ten|hoat dong|giai phap|muc tieu/.test(h)) return { kind: 'name' }
  return { kind: 'ignore', why: 'unknown' }
}

const NAME_WORDS = /chi tieu|noi dung|nhiem vu|ten chi tieu|hoat dong/
const OTHER_WORDS = /don vi|chu tri|phoi hop|theo doi|muc tieu|thoi gian|san pham|ket qua|20\d\d|stt/

/** A row that starts a header: a name column word and at least one other header word. */
function isHeaderStart(row: readonly Cell[]): boolean {
  const folded = row.map((c) => foldVietnamese(c.text))
  return folded.some((t) => NAME_WORDS.test(t) && t.length < 60) && folded.some((t) => OTHER_WORDS.test(t) && t.length < 80)
}

/** The "(1) (2) (3)" row many appendices put under the header. */
export function isColumnNumberRow(row: readonly Cell[]): boolean {
  const filled = row.filter((c) => c.text && c.merged !== 'left')
  return filled.length >= 2 && filled.every((c) => /^\(?\d{1,2}\)?$|^\(?[a-z]\)?$/i.test(c.text.trim()))
}

/** A further header row: year headings under a merged "Mục tiêu", or only copies of the row above. */
function isHeaderContinuation(row: readonly Cell[]): boolean {
  const own = row.filter((c) => c.text && c.merged !== 'up')
  if (own.length === 0) return row.some((c) => c.text)
  return own.some((c) => YEAR_ONLY.test(foldVietnamese(c.text))) && own.every((c) => foldVietnamese(c.text).length < 40)
}

/**
 * Find the header of an appendix table by its words (within the first rows, so
 * a title row above it is fine), merge two-row headers column by column, and
 * say whether the table lists indicators or tasks; undefined when it is neither.
 */
export function readTableLayout(table: Table): TableLayout | undefined {
  const limit = Math.min(table.rows.length, 10)
  for (let start = 0; start < limit; start++) {
    const first = table.rows[start]
    if (!first || !isHeaderStart(first)) continue
    let end = start + 1
    while (end < table.rows.length && end - start < 3 && isHeaderContinuation(table.rows[end] ?? [])) end++
    const width = Math.max(...table.rows.map((r) => r.length))
    const headers: string[] = []
    for (let col = 0; col < width; col++) {
      const parts: string[] = []
      for (let r = start; r < end; r++) {
        const t = table.rows[r]?.[col]?.text.replace(/\s+/g, ' ').trim() ?? ''
        if (t && !parts.includes(t)) parts.push(t)
      }
      headers.push(parts.join(' / '))
    }
    let roles = headers.map(classifyHeader)
    roles = keepOneName(roles, headers)
    const hasName = roles.some((r) => r.kind === 'name')
    const hasTargets = roles.some((r) => r.kind === 'target')
    const hasTaskCols = roles.some((r) => r.kind === 'responsible' || r.kind === 'support' || r.kind === 'due' || r.kind === 'output')
    if (!hasName || (!hasTargets && !hasTaskCols)) continue
    let firstDataRow = end
    if (isColumnNumberRow(table.rows[firstDataRow] ?? [])) firstDataRow++
    return { kind: hasTargets ? 'indicators' : 'tasks', firstDataRow, roles, headers }
  }
  return undefined
}

/** Only the first name-like column names the row; a later "Mục tiêu" without a year is a target column. */
function keepOneName(roles: ColumnRole[], headers: string[]): ColumnRole[] {
  let seen = false
  return roles.map((r, i) => {
    if (r.kind !== 'name') return r
    if (!seen) {
      seen = true
      return r
    }
    return /muc tieu|chi tieu/.test(foldVietnamese(headers[i] ?? '')) ? { kind: 'target', year: undefined } : { kind: 'ignore', why: 'unknown' }
  })
}
