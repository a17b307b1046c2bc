import ExcelJS from 'exceljs'
import { cell, cleanCellText, type Cell, type DraftSource, type Table } from './table.js'

/**
 * Excel workbooks (exceljs): every worksheet becomes one table. Merged ranges
 * are spread like Word's, marking which slots are copies, and text outside
 * recognisable tables stays available to the calendar reader as paragraphs
 * (one-cell rows such as a title or a note under the table).
 */
export async function readXlsx(bytes: Uint8Array, file: string): Promise<DraftSource> {
  const workbook = new ExcelJS.Workbook()
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer)
  } catch (err) {
    throw new Error(`${file}: not a readable .xlsx workbook: ${(err as Error).message}`)
  }
  const tables: Table[] = []
  const paragraphs: string[] = []
  workbook.eachSheet((sheet) => {
    const rows: Cell[][] = []
    const width = sheet.columnCount
    for (let r = 1; r <= sheet.rowCount; r++) {
      const row = sheet.getRow(r)
      const out: Cell[] = []
      for (let c = 1; c <= width; c++) {
        const xc = row.getCell(c)
        const master = xc.isMerged ? xc.master : xc
        const text = cleanCellText(cellText(master))
        if (master === xc) out.push(cell(text))
        else out.push(cell(text, Number(master.row) === r ? 'left' : 'up'))
      }
      rows.push(out)
      const filled = out.filter((c) => c.text && !c.merged)
      if (filled.length === 1 && filled[0] && filled[0].text.length > 40) paragraphs.push(filled[0].text.replace(/\s+/g, ' '))
    }
    tables.push({ origin: `sheet "${sheet.name}"`, rows })
  })
  return { file, tables, paragraphs }
}

/** The text a person sees in the cell: rich text joined, formulas as their result, dates as dd/mm/yyyy. */
function cellText(c: ExcelJS.Cell): string {
  const v = c.value
  if (v === null || v === undefined) return ''
  if (v instanceof Date) return `${pad(v.getUTCDate())}/${pad(v.getUTCMonth() + 1)}/${v.getUTCFullYear()}`
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((p) => p.text).join('')
    if ('result' in v) return v.result === undefined || v.result === null ? '' : String(v.result instanceof Date ? v.result.toISOString().slice(0, 10) : v.result)
    if ('text' in v) return String(v.text)
  }
  return String(v)
}

function pad(n: number): string {
  return String(n).padStart(2, '0')
}
