import { Writable } from 'node:stream'
import ExcelJS from 'exceljs'
import type { ExportData } from './export-data.js'
import { indicatorSheet } from './sheet-indicators.js'
import { narrativeSheet } from './sheet-narrative.js'
import { submissionSheet } from './sheet-submissions.js'
import { taskSheet } from './sheet-tasks.js'
import { unitSheet } from './sheet-units.js'

/**
 * The period's compiled report as an Excel workbook (five sheets,
 * Vietnamese), as bytes. Written with exceljs' streaming writer: each row is
 * serialised as it is committed instead of a province's 222,000-row
 * `Theo đơn vị` sheet living in memory as cell objects; strings are inline
 * (no shared-string table to build).
 */
export async function buildWorkbook(d: ExportData): Promise<Buffer> {
  const chunks: Buffer[] = []
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      chunks.push(chunk)
      done()
    },
  })
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: sink, useStyles: true, useSharedStrings: true })
  wb.creator = 'Đôn đốc'
  wb.created = d.now
  wb.title = `${d.plan.plan.title} — ${d.request.label}`
  indicatorSheet(wb, d)
  unitSheet(wb, d)
  taskSheet(wb, d)
  submissionSheet(wb, d)
  narrativeSheet(wb, d)
  await wb.commit()
  return Buffer.concat(chunks)
}
