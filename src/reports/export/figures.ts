import { formatAnswer, type AnswerValue } from '../../domain/answer-rules.js'
import type { IndicatorDef, Plan } from '../../domain/plan-model.js'
import type { Aggregate } from '../../domain/reporting/aggregate.js'
import type { Milestone, Verdict } from '../../domain/reporting/milestone.js'
import type { IndicatorFigure } from '../../domain/reporting/period-summary.js'
import { neutraliseText } from '../../domain/safe-text.js'
import { ALL_UNITS } from '../../domain/unit-refs.js'
import { formatVnNumber } from '../../domain/vn-number.js'
import { xt } from './export-text.js'

/**
 * How the export shows the summary's figures: numbers stay numbers (with a
 * display format carrying the unit), words are the catalogue's. Both the
 * workbook and the Word draft read them here, so they agree.
 */

/** A cell's content: a number with its Excel display format, or text. */
export type CellFigure = { num: number; numFmt: string } | { text: string }

/** Excel display format for a number of this indicator: thousands grouped, decimals only when present, the unit after it. */
export function numberFormat(ind: Pick<IndicatorDef, 'type' | 'unit'>, value: number): string {
  const integer = Number.isInteger(value)
  let formats = formatsOf.get(ind)
  if (!formats) formatsOf.set(ind, (formats = {}))
  const key = integer ? 'integer' : 'decimal'
  return (formats[key] ??= formatFor(ind, integer))
}

/** The two formats of an indicator, made once: a province's sheet asks 3,000 times per indicator. */
const formatsOf = new WeakMap<Pick<IndicatorDef, 'type' | 'unit'>, { integer?: string; decimal?: string }>()

function formatFor(ind: Pick<IndicatorDef, 'type' | 'unit'>, integer: boolean): string {
  const base = integer ? '#,##0' : '#,##0.0#'
  const unit = ind.type === 'percent' ? (ind.unit?.startsWith('%') ? ind.unit : '%') : ind.unit
  return unit ? `${base}" ${unit.replace(/"/g, '')}"` : base
}

/** The commune's figure as a cell: the aggregate value, the count of "Có", or the answers listed. */
export function aggregateCell(ind: IndicatorDef, agg: Aggregate | undefined, answers: IndicatorFigure['answers']): CellFigure {
  if (!agg) return { text: xt.noData }
  switch (agg.rule) {
    case 'count_yes':
      return { num: agg.yes, numFmt: `0" đơn vị có ${xt.yesOf(agg.units)}"` }
    case 'list':
      return { text: answers.map((a) => `${neutraliseText(a.unitName)}: ${neutraliseText(formatAnswer(a.value, ind.type, ind.unit))}`).join('; ') }
    default:
      return { num: agg.value, numFmt: numberFormat(ind, agg.value) }
  }
}

/** A unit's own value as a cell. */
export function valueCell(ind: IndicatorDef, value: AnswerValue): CellFigure {
  if ('num' in value) return { num: value.num, numFmt: numberFormat(ind, value.num) }
  if ('bool' in value) return { text: value.bool ? 'Có' : 'Không' }
  return { text: neutraliseText(value.text) }
}

/** The figure as a sentence or a table cell of the Word draft reads it ("16 người/vạn dân", "2/3 đơn vị có"). */
export function figureText(ind: IndicatorDef, agg: Aggregate | undefined, answers: IndicatorFigure['answers']): string {
  if (!agg) return xt.noData
  if (agg.rule === 'count_yes') return `${agg.yes}/${agg.units} đơn vị có`
  if (agg.rule === 'list') return (aggregateCell(ind, agg, answers) as { text: string }).text
  return formatAnswer({ num: agg.value }, ind.type, ind.unit)
}

/** The milestone that applies, as the plan writes it. */
export function milestoneText(m: Milestone): string {
  if (m.kind === 'target') return xt.milestone(m.year, m.text)
  if (m.kind === 'past_all') return xt.pastAll(m.lastYear)
  return xt.noTarget
}

/** "Đạt", "Chưa đạt", "Chưa có số liệu" (or "Chưa đánh giá" for a figure no target can judge). */
export function verdictWord(f: Pick<IndicatorFigure, 'aggregate' | 'verdict'>): string {
  if (!f.aggregate) return xt.verdict.none
  return f.verdict.kind === 'met' ? xt.verdict.met : f.verdict.kind === 'short' ? xt.verdict.short : xt.verdict.unjudged
}

/** The distance to the target, or why there is no verdict. */
export function verdictNote(ind: IndicatorDef, f: Pick<IndicatorFigure, 'aggregate' | 'verdict' | 'milestone'>): string {
  const v: Verdict = f.verdict
  if (v.kind === 'short' && v.gap !== undefined) {
    const gap = v.percentPoints ? xt.percentPoints(formatVnNumber(v.gap)) : `${formatVnNumber(v.gap)}${ind.unit && ind.type !== 'percent' ? ' ' + ind.unit : ''}`
    return v.over ? xt.gapOver(gap) : xt.gapShort(gap)
  }
  if (f.aggregate && v.kind === 'unjudged' && f.milestone.kind === 'target') return xt.qualitative
  return ''
}

/** Unit references as people read them: unit names, group names, or "Tất cả đơn vị". */
export function refNames(plan: Pick<Plan, 'units' | 'groups'>, refs: readonly string[]): string {
  return refs
    .map((r) => (r === ALL_UNITS ? xt.allUnits : (plan.units.find((u) => u.code === r)?.name ?? plan.groups.find((g) => g.code === r)?.name ?? r)))
    .join('; ')
}
