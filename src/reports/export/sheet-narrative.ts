import type ExcelJS from 'exceljs'
import { neutraliseText } from '../../domain/safe-text.js'
import type { ExportData } from './export-data.js'
import { xt } from './export-text.js'
import { sheetRows } from './sheet-rows.js'
import { addSheet } from './sheet-style.js'

const WIDTHS = [6, 22, 32, 90]

/** Other people's text made safe line by line, keeping its line breaks inside the cell. */
function multiline(text: string): string {
  return text.split(/\r?\n/).map(neutraliseText).filter(Boolean).join('\n')
}

/** `Khó khăn – Đề xuất`: the three narrative sections, attributed by unit, in unit order. */
export function narrativeSheet(wb: ExcelJS.Workbook, d: ExportData): void {
  const rows = sheetRows(wb, addSheet(wb, xt.sheets.narrative, xt.sheetTitle(xt.narrativeTitle, d.request.label), xt.narrativeHeaders, WIDTHS))
  let n = 0
  for (const section of ['results', 'difficulties', 'proposals'] as const) {
    for (const e of d.summary.sections[section]) rows.row([++n, xt.sections[section], neutraliseText(e.unitName), multiline(e.body)])
  }
  rows.end()
}
