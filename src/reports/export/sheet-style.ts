import { instantToLocal } from '../../domain/calendar/local-time.js'
import type ExcelJS from 'exceljs'
import type { CellFigure } from './figures.js'

/** The row the column headers sit on (row 1 is the sheet's title). */
export const HEADER_ROW = 2

const FONT = 'Times New Roman'
const THIN = { style: 'thin' as const, color: { argb: 'FF999999' } }

/**
 * A sheet laid out the same way everywhere: a title row, a bold header row
 * frozen with it, column widths in characters, A4 landscape fitted to the
 * page width with the header repeated on every printed page.
 */
export function addSheet(wb: ExcelJS.Workbook, name: string, title: string, headers: readonly string[], widths: readonly number[]): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(name, {
    views: [{ state: 'frozen', ySplit: HEADER_ROW, xSplit: 0 }],
    pageSetup: {
      paperSize: 9, // A4
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      margins: { left: 0.5, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
      printTitlesRow: `${HEADER_ROW}:${HEADER_ROW}`,
    },
  })
  ws.columns = widths.map((width) => ({ width }))
  ws.mergeCells(1, 1, 1, headers.length)
  const t = ws.getCell(1, 1)
  t.value = title
  t.font = { name: FONT, bold: true, size: 14 }
  t.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true }
  ws.getRow(1).height = 36
  const header = ws.getRow(HEADER_ROW)
  header.values = [...headers]
  header.eachCell((c) => {
    c.font = { name: FONT, bold: true, size: 11 }
    c.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true }
    c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } }
    c.border = { top: THIN, bottom: THIN, left: THIN, right: THIN }
  })
  header.height = 45
  return ws
}

/** How a data cell looks: its kind (numbers right-aligned), its display format, whether the row is marked. */
type CellLook = { kind: 'text' | 'number' | 'date'; numFmt?: string; marked?: boolean }

const looks = new Map<string, Partial<ExcelJS.Style>>()

/**
 * One style object per distinct look, shared by every cell that has it:
 * exceljs recognises a style object it has seen (by identity) and skips
 * re-serialising it, which is what keeps a 222,000-row sheet fast. The
 * objects are never mutated; a marked row switches cells to another look.
 */
function lookStyle(look: CellLook): Partial<ExcelJS.Style> {
  const key = `${look.kind}\u0000${look.numFmt ?? ''}\u0000${look.marked ? 1 : 0}`
  let style = looks.get(key)
  if (!style) {
    style = {
      font: { name: FONT, size: 11 },
      alignment: { vertical: 'top', wrapText: true, ...(look.kind === 'number' ? { horizontal: 'right' as const } : {}) },
      border: { top: THIN, bottom: THIN, left: THIN, right: THIN },
      ...(look.numFmt ? { numFmt: look.numFmt } : {}),
      ...(look.marked ? { fill: MARKED } : {}),
    }
    looks.set(key, style)
  }
  return style
}

const MARKED: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFE0E0' } }
const lookOfStyle = new WeakMap<Partial<ExcelJS.Style>, CellLook>()

function lookOf(c: string | number | Date | CellFigure | null): CellLook {
  if (c instanceof Date) return { kind: 'date', numFmt: 'dd/mm/yyyy hh:mm' }
  if (typeof c === 'number') return { kind: 'number' }
  if (c !== null && typeof c === 'object' && 'num' in c) return { kind: 'number', numFmt: c.numFmt }
  return { kind: 'text' }
}

/**
 * One plain data row: wrapped text, thin borders, numbers as numbers with
 * their display format. The caller commits the row (`row.commit()`) once it
 * is final, so a streamed sheet can write it out.
 */
export function addDataRow(ws: ExcelJS.Worksheet, cells: readonly (string | number | Date | CellFigure | null)[]): ExcelJS.Row {
  const row = ws.addRow(cells.map((c) => (c !== null && typeof c === 'object' && !(c instanceof Date) ? ('num' in c ? c.num : c.text) : c)))
  for (let i = 0; i < cells.length; i++) {
    const look = lookOf(cells[i]!)
    const style = lookStyle(look)
    lookOfStyle.set(style, look)
    row.getCell(i + 1).style = style
  }
  return row
}

/** A section heading spanning the row ("II. Phát triển nguồn lực"). */
export function addHeadingRow(ws: ExcelJS.Worksheet, text: string, columns: number): void {
  const row = ws.addRow([text])
  ws.mergeCells(row.number, 1, row.number, columns)
  const c = row.getCell(1)
  c.font = { name: FONT, bold: true, size: 11 }
  c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } }
  c.border = { top: THIN, bottom: THIN, left: THIN, right: THIN }
  row.commit()
}

/** Mark a row as needing attention (an overdue task, a late unit). */
export function highlightRow(row: ExcelJS.Row, columns: number): void {
  for (let i = 1; i <= columns; i++) {
    const cell = row.getCell(i)
    const look = lookOfStyle.get(cell.style) ?? { kind: 'text' }
    const style = lookStyle({ ...look, marked: true })
    lookOfStyle.set(style, { ...look, marked: true })
    cell.style = style
  }
}

/**
 * A moment as Excel stores it: Excel has no time zones, so the plan's local
 * wall-clock time is written as if it were UTC (what exceljs writes out).
 */
export function localExcelDate(at: Date, timezone: string): Date {
  const { date, time } = instantToLocal(at, timezone)
  return new Date(`${date}T${time}:00Z`)
}
