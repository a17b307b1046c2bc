import type { Plan } from '../../domain/plan-model.js'
import type { PeriodSummary } from '../../domain/reporting/period-summary.js'
import { leaderMsg } from '../messages.js'
import { completenessSvg } from './completeness-chart.js'
import { sectionBars, sectionSvg } from './section-chart.js'
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
 * completeness by unit group, then one chart per plan section (in plan
 * order) with its numeric indicators against their milestones; a section
 * with nothing to measure against a target gets none.
 */
export async function renderSummaryCharts(plan: Plan, summary: PeriodSummary): Promise<ChartImage[]> {
  const sections = new Map<string, PeriodSummary['indicators'][number][]>()
  for (const f of summary.indicators) {
    const key = f.indicator.section ?? ''
    const list = sections.get(key)
    if (list) list.push(f)
    else sections.set(key, [f])
  }
  const charts = [...sections].flatMap(([section, figures]) => {
    const bars = sectionBars(figures)
    return bars.length ? [toImage(sectionSvg(section || leaderMsg.chartNoSection, bars, summary.year))] : []
  })
  return Promise.all([completenessChart(plan, summary), ...charts])
}

/** Only the completeness chart: what chat messages attach. */
export function completenessChart(plan: Plan, summary: PeriodSummary): Promise<ChartImage> {
  return toImage(completenessSvg(plan, summary))
}

async function toImage(chart: { title: string; svg: string }): Promise<ChartImage> {
  const { png, width, height } = await svgToPng(chart.svg)
  return { title: chart.title, png, width, height, svg: chart.svg }
}
