import type ExcelJS from 'exceljs'
import { resolveUnitRefs } from '../../domain/unit-refs.js'
import { neutraliseText } from '../../domain/safe-text.js'
import type { ValueEntry } from '../../storage/export-reads.js'
import type { ExportData } from './export-data.js'
import { xt } from './export-text.js'
import { valueCell } from './figures.js'
import { sheetRows } from './sheet-rows.js'
import { addSheet, localExcelDate } from './sheet-style.js'

const WIDTHS = [6, 10, 40, 28, 16, 14, 28, 22, 18, 12]

/**
 * `Theo đơn vị`: one row per indicator × unit it is about, with the value,
 * the note, who entered it, when and on which app; a unit that gave no
 * value reads "Chưa có số liệu", so the gaps show.
 */
export function unitSheet(wb: ExcelJS.Workbook, d: ExportData): void {
  const rows = sheetRows(wb, addSheet(wb, xt.sheets.units, xt.sheetTitle(xt.unitsTitle, d.request.label), xt.unitHeaders, WIDTHS))
  const entries = new Map<string, Map<string, ValueEntry>>()
  for (const v of d.values) {
    let byUnit = entries.get(v.indicatorCode)
    if (!byUnit) entries.set(v.indicatorCode, (byUnit = new Map()))
    byUnit.set(v.unitCode, v)
  }
  // The same few people enter thousands of values: make each name safe once.
  const names = new Map<string, string>()
  const safeName = (name: string) => {
    let v = names.get(name)
    if (v === undefined) names.set(name, (v = neutraliseText(name)))
    return v
  }
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
    const byUnit = entries.get(ind.code)
    const measure = ind.unit ?? (ind.type === 'percent' ? '%' : '')
    for (const unit of resolveUnitRefs(d.plan, ind.responsible)) {
      const e = byUnit?.get(unit.code)
      rows.row([
        ++n,
        ind.code,
        ind.name,
        unit.name,
        e ? valueCell(ind, e.value) : xt.noData,
        measure,
        e?.note ? neutraliseText(e.note) : '',
        e?.enteredBy ? safeName(e.enteredBy) : '',
        e ? localAt(e.enteredAt) : '',
        e ? xt.channel[e.channel] : '',
      ])
    }
  }
  rows.end()
}
