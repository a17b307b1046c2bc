import ExcelJS from 'exceljs'
import type { ExportData } from './export-data.js'
import { memorySink } from './memory-sink.js'
import { indicatorSheet } from './sheet-indicators.js'
import { narrativeSheet } from './sheet-narrative.js'
import { submissionSheet } from './sheet-submissions.js'
import { taskSheet } from './sheet-tasks.js'
import { unitSheet } from './sheet-units.js'

/**
 * The period's compiled report as an Excel workbook (five sheets,
 * Vietnamese), as bytes. Written with exceljs' streaming writer, so a
 * province's 222,000-row `Theo đơn vị` sheet never lives in memory as cell
 * objects: each sheet's frame, the styles and the shared strings are
 * exceljs', the data rows are written by `sheet-rows.ts`.
 */
export async function buildWorkbook(d: ExportData): Promise<Buffer> {
  const sink = memorySink()
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: sink.stream, useStyles: true, useSharedStrings: true })
  wb.creator = 'Đôn đốc'
  wb.created = d.now
  wb.title = `${d.plan.plan.title} — ${d.request.label}`
  indicatorSheet(wb, d)
  unitSheet(wb, d)
  taskSheet(wb, d)
  submissionSheet(wb, d)
  narrativeSheet(wb, d)
  await wb.commit()
  return sink.bytes()
}
