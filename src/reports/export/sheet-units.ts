import type ExcelJS from 'exceljs'
import { resolveUnitRefs } from '../../domain/unit-refs.js'
import { neutraliseText } from '../../domain/safe-text.js'
import type { ExportData } from './export-data.js'
import { xt } from './export-text.js'
import { valueCell } from './figures.js'
import { addDataRow, addSheet, localExcelDate } from './sheet-style.js'

const WIDTHS = [6, 10, 40, 28, 16, 14, 28, 22, 18, 12]

/**
 * `Theo đơn vị`: one row per indicator × unit it is about, with the value,
 * the note, who entered it, when and on which app; a unit that gave no
 * value reads "Chưa có số liệu", so the gaps show.
 */
export function unitSheet(wb: ExcelJS.Workbook, d: ExportData): void {
  const ws = addSheet(wb, xt.sheets.units, xt.sheetTitle(xt.unitsTitle, d.request.label), xt.unitHeaders, WIDTHS)
  const entries = new Map(d.values.map((v) => [`${v.indicatorCode}\u0000${v.unitCode}`, v]))
  const tz = d.plan.plan.timezone
  // Many values share an instant (a unit's whole report is stored at once): convert each instant once.
  const local = new Map<number, Date>()
  const localAt = (at: Date) => {
    let v = local.get(at.getTime())
    if (!v) local.set(at.getTime(), (v = localExcelDate(at, tz)))
    return v
  }
  let n = 0
  for (const ind of d.plan.indicators) {
    for (const unit of resolveUnitRefs(d.plan, ind.responsible)) {
      const e = entries.get(`${ind.code}\u0000${unit.code}`)
      addDataRow(ws, [
        ++n,
        ind.code,
        ind.name,
        unit.name,
        e ? valueCell(ind, e.value) : xt.noData,
        ind.unit ?? (ind.type === 'percent' ? '%' : ''),
        e?.note ? neutraliseText(e.note) : '',
        e?.enteredBy ? neutraliseText(e.enteredBy) : '',
        e ? localAt(e.enteredAt) : '',
        e ? xt.channel[e.channel] : '',
      ]).commit()
    }
  }
  ws.commit()
}
