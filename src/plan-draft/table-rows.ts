import { foldVietnamese } from '../domain/text-fold.js'
import type { ColumnRole, TableLayout } from './header-roles.js'
import { isColumnNumberRow } from './header-roles.js'
import type { Cell, Table } from './table.js'

/** Where a row came from, in the operator's words: `bảng 2, dòng 7`. */
export type RowPlace = string

/** An indicator row as the table writes it; unit cells are still raw text. */
export interface RawIndicator {
  place: RowPlace
  section: string
  name: string
  targets: Record<string, string>
  measure?: string
  responsible: string
  monitor: string
  /** Guesses and oddities for `# KIỂM TRA:` comments. */
  checks: string[]
}

/** A task row as the table writes it. */
export interface RawTask {
  place: RowPlace
  section: string
  title: string
  lead: string
  support: string
  output: string
  due: string
  checks: string[]
}

/** Table-level findings (skipped totals, ignored columns), for the operator's list. */
export interface TableNotes {
  checks: string[]
}

const ROMAN = /^(?:[IVXLC]+|[A-Z])[.)]?$/
const TOTAL = /^(?:tong cong|tong so|tong|cong|total)\b\s*:?/

/** Roman numerals and capital letters number sections; arabic numbers number items. */
function isSectionNumber(stt: string): boolean {
  return ROMAN.test(stt.trim())
}

/** Leading bullets and a trailing full stop are layout, not part of the name. */
export function cleanItemName(text: string): string {
  return text
    .replace(/\s*\n\s*/g, ' ')
    .replace(/^\s*(?:[-–+•*]\s*)+/, '')
    .replace(/(?<!\.)[.;]\s*$/, '')
    .replace(/\s+/g, ' ')
    .trim()
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').replace(/\s+/g, ' ').trim()
}

function rowPlace(table: Table, index: number): RowPlace {
  return `${table.origin}, dòng ${index + 1}`
}

function columnsOf(roles: ColumnRole[], kind: ColumnRole['kind']): number[] {
  return roles.flatMap((r, i) => (r.kind === kind ? [i] : []))
}

interface RowView {
  stt: string
  name: string
  hasData: boolean
  wholeRowText: string | undefined
}

function viewRow(row: readonly Cell[], roles: ColumnRole[]): RowView {
  const at = (kind: ColumnRole['kind']) => columnsOf(roles, kind).map((i) => row[i]?.text ?? '').find((t) => t) ?? ''
  const name = at('name')
  const stt = at('stt')
  const dataCols = roles.flatMap((r, i) => (r.kind !== 'name' && r.kind !== 'stt' && r.kind !== 'ignore' ? [i] : []))
  const hasData = dataCols.some((i) => {
    const c = row[i]
    return c !== undefined && c.text !== '' && !(c.merged === 'left' && (c.text === name || c.text === stt))
  })
  const distinct = new Set(row.map((c) => c.text).filter(Boolean))
  return { stt, name, hasData, wholeRowText: distinct.size === 1 ? [...distinct][0] : undefined }
}

/** A row that only heads a group ("I. Phát triển hạ tầng" or "I | Phát triển hạ tầng"); its text, else undefined. */
function sectionText(view: RowView): string | undefined {
  if (view.hasData) return undefined
  if (view.wholeRowText) return oneLine(view.wholeRowText)
  if (!view.name) return view.stt ? oneLine(view.stt) : undefined
  if (view.stt && !isSectionNumber(view.stt)) return undefined
  if (!view.stt) return oneLine(view.name)
  const stt = view.stt.trim()
  return `${stt}${/[.)]$/.test(stt) ? '' : '.'} ${oneLine(view.name)}`
}

function isTotalRow(view: RowView): boolean {
  return TOTAL.test(foldVietnamese(view.name)) && foldVietnamese(view.name).length < 20 || TOTAL.test(foldVietnamese(view.stt))
}

/**
 * Walk the data rows of one understood table: section rows set the section,
 * total rows and repeated headers are skipped, every other row with a name is
 * an item. `onRow` receives the row with its section and place.
 */
function walkRows(table: Table, layout: TableLayout, notes: TableNotes, onRow: (row: Cell[], section: string, place: RowPlace) => void): void {
  let section = ''
  const headerKey = layout.headers.join('|')
  layout.roles.forEach((r, i) => {
    if (r.kind === 'ignore' && r.why === 'unknown') notes.checks.push(`${table.origin}: cột "${layout.headers[i]}" không rõ nội dung, đã bỏ qua`)
  })
  for (let i = layout.firstDataRow; i < table.rows.length; i++) {
    const row = table.rows[i] ?? []
    if (!row.some((c) => c.text)) continue
    if (isColumnNumberRow(row)) continue
    if (row.map((c) => c.text.replace(/\s+/g, ' ').trim()).join('|') === headerKey) continue
    const view = viewRow(row, layout.roles)
    if (isTotalRow(view)) {
      notes.checks.push(`${rowPlace(table, i)}: dòng tổng "${oneLine(view.name || view.stt)}" đã bỏ qua`)
      continue
    }
    const heading = sectionText(view)
    if (heading !== undefined) {
      section = heading
      continue
    }
    if (!view.name) {
      notes.checks.push(`${rowPlace(table, i)}: dòng không có tên chỉ tiêu/nhiệm vụ, đã bỏ qua`)
      continue
    }
    onRow(row, section, rowPlace(table, i))
  }
}

function joined(row: readonly Cell[], cols: number[]): string {
  const parts: string[] = []
  for (const i of cols) {
    const t = row[i]?.text ?? ''
    if (t && !parts.includes(t)) parts.push(t)
  }
  return parts.join('\n')
}

/** Indicator rows of a table laid out as an indicator appendix (Phụ lục I). */
export function readIndicatorRows(table: Table, layout: TableLayout, notes: TableNotes, fallbackYear: string): RawIndicator[] {
  const out: RawIndicator[] = []
  const targetCols = columnsOf(layout.roles, 'target')
  walkRows(table, layout, notes, (row, section, place) => {
    const checks: string[] = []
    const targets: Record<string, string> = {}
    let run: { text: string; years: string[] } | undefined
    const flush = () => {
      if (!run) return
      const last = run.years[run.years.length - 1] ?? fallbackYear
      if (run.years.length > 1) checks.push(`ô "${run.text}" gộp qua các năm ${run.years.join(', ')}; đã ghi là mục tiêu năm ${last}`)
      targets[last] = run.text
      run = undefined
    }
    for (const col of targetCols) {
      const role = layout.roles[col]
      const year = role?.kind === 'target' && role.year ? role.year : fallbackYear
      if (role?.kind === 'target' && !role.year) checks.push(`cột "${layout.headers[col]}" không ghi năm; đã coi là năm ${fallbackYear}`)
      const c = row[col]
      const text = oneLine(c?.text ?? '')
      if (c?.merged === 'left' && run && text === run.text) {
        run.years.push(year)
        continue
      }
      flush()
      if (text && text !== '-' && text !== '–') run = { text, years: [year] }
    }
    flush()
    const measure = oneLine(joined(row, columnsOf(layout.roles, 'measure')))
    out.push({
      place,
      section,
      name: cleanItemName(joined(row, columnsOf(layout.roles, 'name'))),
      targets,
      ...(measure ? { measure } : {}),
      responsible: joined(row, columnsOf(layout.roles, 'responsible')),
      monitor: joined(row, columnsOf(layout.roles, 'monitor')),
      checks,
    })
  })
  return out
}

/** Task rows of a table laid out as a task appendix (Phụ lục II). */
export function readTaskRows(table: Table, layout: TableLayout, notes: TableNotes): RawTask[] {
  const out: RawTask[] = []
  walkRows(table, layout, notes, (row, section, place) => {
    out.push({
      place,
      section,
      title: cleanItemName(joined(row, columnsOf(layout.roles, 'name'))),
      lead: joined(row, [...columnsOf(layout.roles, 'responsible'), ...columnsOf(layout.roles, 'monitor')]),
      support: joined(row, columnsOf(layout.roles, 'support')),
      output: oneLine(joined(row, columnsOf(layout.roles, 'output'))),
      due: oneLine(joined(row, columnsOf(layout.roles, 'due'))),
      checks: [],
    })
  })
  return out
}
