import type { Plan } from '../../domain/plan-model.js'
import type { PeriodSummary } from '../../domain/reporting/period-summary.js'
import { completenessSvg } from './completeness-chart.js'
import { hasNumericFigure, indicatorSvg } from './indicator-chart.js'
import { svgToPng } from './svg-to-png.js'

/** A chart picture, ready to send or embed; `svg` is what the PNG was drawn from. */
export interface ChartImage {
  title: string
  png: Buffer
  width: number
  height: number
  svg: string
}

/**
 * The summary's charts as PNG pictures, drawn on the server: first the
 * completeness by unit group, then each numeric indicator with a figure
 * against its milestone, in plan order.
 */
export function renderSummaryCharts(plan: Plan, summary: PeriodSummary): ChartImage[] {
  return [completenessChart(plan, summary), ...summary.indicators.filter(hasNumericFigure).map((f) => toImage(indicatorSvg(f, summary.year)))]
}

/** Only the completeness chart: what chat messages attach. */
export function completenessChart(plan: Plan, summary: PeriodSummary): ChartImage {
  return toImage(completenessSvg(plan, summary))
}

function toImage(chart: { title: string; svg: string }): ChartImage {
  const { png, width, height } = svgToPng(chart.svg)
  return { title: chart.title, png, width, height, svg: chart.svg }
}
