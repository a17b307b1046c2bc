import ExcelJS from 'exceljs'
import type { ExportData } from './export-data.js'
import { indicatorSheet } from './sheet-indicators.js'
import { narrativeSheet } from './sheet-narrative.js'
import { submissionSheet } from './sheet-submissions.js'
import { taskSheet } from './sheet-tasks.js'
import { unitSheet } from './sheet-units.js'

/** The period's compiled report as an Excel workbook (five sheets, Vietnamese), as bytes. */
export async function buildWorkbook(d: ExportData): Promise<Buffer> {
  const wb = new ExcelJS.Workbook()
  wb.creator = 'Đôn đốc'
  wb.created = d.now
  wb.title = `${d.plan.plan.title} — ${d.request.label}`
  indicatorSheet(wb, d)
  unitSheet(wb, d)
  taskSheet(wb, d)
  submissionSheet(wb, d)
  narrativeSheet(wb, d)
  return Buffer.from(await wb.xlsx.writeBuffer())
}
