import { instantToLocal } from '../../domain/calendar/local-time.js'
import type ExcelJS from 'exceljs'

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
export type CellLook = { kind: 'text' | 'number' | 'date'; numFmt?: string; marked?: boolean }

/**
 * The style of a data cell with this look: Times New Roman 11, wrapped,
 * thin borders, numbers right-aligned with their display format, a marked
 * row tinted. `sheet-rows.ts` registers each distinct look once.
 */
export function lookStyle(look: CellLook): Partial<ExcelJS.Style> {
  return {
    font: { name: FONT, size: 11 },
    alignment: { vertical: 'top', wrapText: true, ...(look.kind === 'number' ? { horizontal: 'right' as const } : {}) },
    border: { top: THIN, bottom: THIN, left: THIN, right: THIN },
    ...(look.numFmt ? { numFmt: look.numFmt } : {}),
    ...(look.marked ? { fill: MARKED } : {}),
  }
}

const MARKED: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFE0E0' } }

/** A section heading's style: bold on a light grey band with borders. */
export function headingStyle(): Partial<ExcelJS.Style> {
  return {
    font: { name: FONT, bold: true, size: 11 },
    fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } },
    border: { top: THIN, bottom: THIN, left: THIN, right: THIN },
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
