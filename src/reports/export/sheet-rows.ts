import ExcelJS from 'exceljs'
import type { CellFigure } from './figures.js'
import { HEADER_ROW, headingStyle, lookStyle, type CellLook } from './sheet-style.js'

/** What a data cell holds: text, a number, a local date-time (see `localExcelDate`), a figure with its format, or nothing. */
export type SheetCell = string | number | Date | CellFigure | null

/** Writes a sheet's data rows, in order, after its title and header rows. */
export interface SheetRows {
  /** One data row; `marked` tints it (an overdue task, a late or missing unit). */
  row(cells: readonly SheetCell[], opts?: { marked?: boolean }): void
  /** A section heading ("II. Phát triển nguồn lực"): bold, shaded across `columns` cells. */
  heading(text: string, columns: number): void
  /** Flush what is buffered and close the sheet. */
  end(): void
}

/** The parts of exceljs' streaming writer this module leans on (not in its typings). */
interface StreamedSheet {
  stream: { write(text: string, encoding?: BufferEncoding): unknown }
}
interface StreamedWorkbook {
  styles: { addStyleModel(style: Partial<ExcelJS.Style>, type: ExcelJS.ValueType): number }
  sharedStrings: { add(text: string): number }
}

/**
 * Data rows rendered straight into a streamed sheet's XML. Why: exceljs
 * builds a Row, a Cell per column, their models and an XML stream for each
 * row it commits, about 15 µs a row; a province's `Theo đơn vị` sheet has
 * 222,000 rows (3,000 units × 74 indicators), which took over 3 s in exceljs
 * alone. Our data rows are plain (a value and one of a few shared looks), so
 * they are written here as SpreadsheetML (`<row><c r=".." s=".." t="s">`)
 * while exceljs keeps what it does well: the sheet's frame (title, frozen
 * header, column widths, print setup), the style table the rows' `s` ids
 * point into, and the shared-string table their text goes into. Dates are
 * Excel serial numbers of the local wall-clock time.
 *
 * `ws` is a sheet of `ExcelJS.stream.xlsx.WorkbookWriter` (made with
 * `useSharedStrings`) laid out by `addSheet`; its title and header rows are
 * committed here first.
 */
export function sheetRows(wb: ExcelJS.Workbook, ws: ExcelJS.Worksheet): SheetRows {
  const out = (ws as unknown as Partial<StreamedSheet>).stream
  const { styles, sharedStrings } = wb as unknown as Partial<StreamedWorkbook>
  if (typeof out?.write !== 'function' || typeof styles?.addStyleModel !== 'function' || typeof sharedStrings?.add !== 'function') {
    throw new Error(`sheetRows(${ws.name}): not a sheet of exceljs' streaming WorkbookWriter with shared strings (has exceljs changed?)`)
  }
  ws.getRow(HEADER_ROW).commit() // the title and header rows go out through exceljs, before ours
  const register = (look: CellLook) => styles.addStyleModel(lookStyle(look), TYPE[look.kind])
  const plain = [false, true].map((marked) => ({ text: register({ kind: 'text', marked }), number: register({ kind: 'number', marked }), date: register({ kind: 'date', numFmt: DATE_FMT, marked }) }))
  const formatted = [new Map<string, number>(), new Map<string, number>()]
  const numberStyle = (numFmt: string, marked: boolean) => {
    const ids = formatted[marked ? 1 : 0]!
    let id = ids.get(numFmt)
    if (id === undefined) ids.set(numFmt, (id = register({ kind: 'number', numFmt, marked })))
    return id
  }
  const text = (value: string, ref: string, s: number) => (value === '' ? `<c r="${ref}" s="${s}"/>` : `<c r="${ref}" s="${s}" t="s"><v>${sharedStrings.add(value)}</v></c>`)
  const cell = (c: SheetCell, ref: string, marked: boolean): string => {
    const s = plain[marked ? 1 : 0]!
    if (typeof c === 'string') return text(c, ref, s.text)
    if (typeof c === 'number' && Number.isFinite(c)) return `<c r="${ref}" s="${s.number}"><v>${c}</v></c>`
    if (c instanceof Date) return `<c r="${ref}" s="${s.date}"><v>${EXCEL_UNIX_DAYS + c.getTime() / MS_PER_DAY}</v></c>`
    if (c !== null && typeof c === 'object') {
      if ('text' in c) return text(c.text, ref, s.text)
      if (Number.isFinite(c.num)) return `<c r="${ref}" s="${numberStyle(c.numFmt, marked)}"><v>${c.num}</v></c>`
    }
    return text(c === null ? '' : String(c), ref, s.text)
  }
  let headingId: number | undefined
  let n = HEADER_ROW + 1
  let buffered = ''
  // Rows go out in pieces of about 16,000 characters: V8 turns a long string
  // built by `+=` into bytes many times slower once it passes ~64,000 (measured).
  // Row XML is ASCII (text lives in the shared strings), so it is encoded as latin1, the cheapest way.
  const push = (xml: string) => {
    buffered += xml
    if (buffered.length > 1 << 14) {
      out.write(buffered, 'latin1')
      buffered = ''
    }
  }
  return {
    row(cells, opts) {
      const marked = opts?.marked ?? false
      let xml = `<row r="${n}">`
      for (let i = 0; i < cells.length; i++) xml += cell(cells[i]!, `${column(i)}${n}`, marked)
      push(`${xml}</row>`)
      n++
    },
    heading(title, columns) {
      headingId ??= styles.addStyleModel(headingStyle(), ExcelJS.ValueType.String)
      let xml = `<row r="${n}">${text(title, `A${n}`, headingId)}`
      for (let i = 1; i < columns; i++) xml += `<c r="${column(i)}${n}" s="${headingId}"/>`
      push(`${xml}</row>`)
      n++
    },
    end() {
      if (buffered) out.write(buffered, 'latin1')
      buffered = ''
      ws.commit()
    },
  }
}

const TYPE: Record<CellLook['kind'], ExcelJS.ValueType> = {
  text: ExcelJS.ValueType.String,
  number: ExcelJS.ValueType.Number,
  date: ExcelJS.ValueType.Date,
}

const DATE_FMT = 'dd/mm/yyyy hh:mm'
const MS_PER_DAY = 86_400_000
/** Days from Excel's epoch (1899-12-30) to the Unix epoch. */
const EXCEL_UNIX_DAYS = 25_569

const LETTERS = Array.from({ length: 26 * 27 }, (_, i) => (i < 26 ? String.fromCharCode(65 + i) : String.fromCharCode(64 + Math.floor(i / 26)) + String.fromCharCode(65 + (i % 26))))

/** Column letters of a 0-based column index (A … ZZ). */
function column(i: number): string {
  return LETTERS[i]!
}
