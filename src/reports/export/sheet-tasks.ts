import type ExcelJS from 'exceljs'
import { answeringUnits, resolveUnitRefs } from '../../domain/unit-refs.js'
import { neutraliseText } from '../../domain/safe-text.js'
import type { ExportData } from './export-data.js'
import { xt } from './export-text.js'
import { refNames } from './figures.js'
import { sheetRows } from './sheet-rows.js'
import { addSheet } from './sheet-style.js'

const WIDTHS = [6, 8, 44, 24, 24, 28, 14, 26, 16, 30, 30, 10]

/**
 * `Nhiệm vụ`: the plan's task appendix, one row per task and lead unit, with
 * what that unit reported in this request (output when done, the reason
 * otherwise). Tasks past their own deadline and not done are highlighted.
 */
export function taskSheet(wb: ExcelJS.Workbook, d: ExportData): void {
  const rows = sheetRows(wb, addSheet(wb, xt.sheets.tasks, xt.sheetTitle(xt.tasksTitle, d.request.label), xt.taskHeaders, WIDTHS))
  const entries = new Map(d.tasks.map((t) => [`${t.taskCode}\u0000${t.unitCode}`, t]))
  const overdue = new Map(d.summary.overdueTasks.map((o) => [o.task.code, new Set(o.openUnits)]))
  d.plan.tasks.forEach((task, i) => {
    const leads = answeringUnits(d.plan, resolveUnitRefs(d.plan, task.lead), [])
    const lead = refNames(d.plan, task.lead)
    const support = refNames(d.plan, task.support)
    for (const unit of leads.length ? leads : [undefined]) {
      const e = unit ? entries.get(`${task.code}\u0000${unit.code}`) : undefined
      const late = unit !== undefined && (overdue.get(task.code)?.has(unit.name) ?? false)
      const detail = e?.detail ? neutraliseText(e.detail) : ''
      rows.row(
        [
          i + 1,
          task.code,
          task.title,
          lead,
          support,
          task.output ?? '',
          task.due,
          unit?.name ?? '',
          e ? xt.taskStatus[e.status] + (e.submitted ? '' : xt.draftMark) : xt.notReported,
          e?.status === 'done' ? detail : '',
          e && e.status !== 'done' ? detail : '',
          late ? xt.overdue : '',
        ],
        { marked: late },
      )
    }
  })
  rows.end()
}
