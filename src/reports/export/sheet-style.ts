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

/** One plain data row: wrapped text, thin borders, numbers as numbers with their display format. */
export function addDataRow(ws: ExcelJS.Worksheet, cells: readonly (string | number | Date | CellFigure | null)[]): ExcelJS.Row {
  const row = ws.addRow(cells.map((c) => (c !== null && typeof c === 'object' && !(c instanceof Date) ? ('num' in c ? c.num : c.text) : c)))
  cells.forEach((c, i) => {
    const cell = row.getCell(i + 1)
    cell.font = { name: FONT, size: 11 }
    cell.alignment = { vertical: 'top', wrapText: true, ...(typeof c === 'number' || (c && typeof c === 'object' && 'num' in c) ? { horizontal: 'right' as const } : {}) }
    cell.border = { top: THIN, bottom: THIN, left: THIN, right: THIN }
    if (c && typeof c === 'object' && !(c instanceof Date) && 'num' in c) cell.numFmt = c.numFmt
    if (c instanceof Date) cell.numFmt = 'dd/mm/yyyy hh:mm'
  })
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
}

/** Mark a row as needing attention (an overdue task, a late unit). */
export function highlightRow(row: ExcelJS.Row, columns: number): void {
  for (let i = 1; i <= columns; i++) row.getCell(i).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFE0E0' } }
}

/**
 * A moment as Excel stores it: Excel has no time zones, so the plan's local
 * wall-clock time is written as if it were UTC (what exceljs writes out).
 */
export function localExcelDate(at: Date, timezone: string): Date {
  const { date, time } = instantToLocal(at, timezone)
  return new Date(`${date}T${time}:00Z`)
}
