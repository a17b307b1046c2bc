import type ExcelJS from 'exceljs'
import { resolveUnitRefs } from '../../domain/unit-refs.js'
import type { ExportData } from './export-data.js'
import { xt } from './export-text.js'
import { aggregateCell, milestoneText, refNames, verdictNote, verdictWord } from './figures.js'
import { sheetRows } from './sheet-rows.js'
import { addSheet } from './sheet-style.js'

const WIDTHS = [6, 8, 48, 12, 22, 18, 14, 18, 14, 22, 26, 22, 14]

/**
 * `Chỉ tiêu`: the plan's indicator appendix, one row per indicator under its
 * section heading, with the milestone that applies, the period's figure by
 * the plan's aggregation, the previous request's figure and the verdict.
 */
export function indicatorSheet(wb: ExcelJS.Workbook, d: ExportData): void {
  const rows = sheetRows(wb, addSheet(wb, xt.sheets.indicators, xt.sheetTitle(xt.indicatorsTitle, d.request.label), xt.indicatorHeaders, WIDTHS))
  const previous = new Map((d.previous?.summary.indicators ?? []).map((f) => [f.indicator.code, f]))
  let section: string | undefined
  let n = 0
  for (const f of d.summary.indicators) {
    const ind = f.indicator
    if (ind.section && ind.section !== section) {
      section = ind.section
      rows.heading(section, xt.indicatorHeaders.length)
    }
    const before = previous.get(ind.code)
    const expected = resolveUnitRefs(d.plan, ind.responsible).length
    rows.row([
      ++n,
      ind.code,
      ind.name,
      ind.unit ?? (ind.type === 'percent' ? '%' : ''),
      milestoneText(f.milestone),
      aggregateCell(ind, f.aggregate, f.answers),
      xt.how[f.rule],
      d.previous ? aggregateCell(ind, before?.aggregate, before?.answers ?? []) : xt.noData,
      verdictWord(f),
      verdictNote(ind, f),
      refNames(d.plan, ind.responsible),
      refNames(d.plan, ind.monitor),
      `${f.answered}/${expected}`,
    ])
  }
  rows.end()
}
