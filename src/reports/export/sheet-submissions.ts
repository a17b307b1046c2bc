import type ExcelJS from 'exceljs'
import { neutraliseText } from '../../domain/safe-text.js'
import type { ExportData } from './export-data.js'
import { xt } from './export-text.js'
import { sheetRows } from './sheet-rows.js'
import { addSheet, localExcelDate } from './sheet-style.js'

const WIDTHS = [6, 12, 40, 16, 18, 16, 24, 12]

/** `Tiến độ nộp`: every expected unit, when it submitted, on time or late, by whom; late and missing units highlighted. */
export function submissionSheet(wb: ExcelJS.Workbook, d: ExportData): void {
  const rows = sheetRows(wb, addSheet(wb, xt.sheets.submissions, xt.sheetTitle(xt.submissionsTitle, d.request.label), xt.submissionHeaders, WIDTHS))
  const by = new Map(d.submitters.map((s) => [s.unitCode, s]))
  const tz = d.plan.plan.timezone
  d.summary.units.forEach((u, i) => {
    const s = u.state
    const sub = by.get(u.unitCode)
    const submitted = s.kind === 'on_time' || s.kind === 'late'
    rows.row(
      [
        i + 1,
        u.unitCode,
        u.unitName,
        xt.unitState[s.kind],
        submitted ? localExcelDate(s.submittedAt, tz) : '',
        submitted ? xt.timeliness[s.kind] : '',
        sub?.submittedBy ? neutraliseText(sub.submittedBy) : '',
        sub?.channel ? xt.channel[sub.channel] : '',
      ],
      { marked: s.kind !== 'on_time' },
    )
  })
  rows.end()
}
