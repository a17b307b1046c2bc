import { isNumericIndicator } from '../../domain/plan-model.js'
import type { IndicatorFigure } from '../../domain/reporting/period-summary.js'
import { formatVnNumber } from '../../domain/vn-number.js'
import { leaderMsg } from '../messages.js'
import { optionToSvg } from './echarts-svg.js'

const WIDTH = 700
const HEIGHT = 340
const COLOUR = { met: '#2e9d5b', short: '#e08a1e', unjudged: '#4a7fc1' } as const

/** The target value a chart draws as a line: the number a figure is compared with (a range's lower end); none for qualitative targets. */
function targetLine(f: IndicatorFigure): number | undefined {
  const m = f.milestone
  if (m.kind !== 'target' || !m.reading) return undefined
  if (m.reading.kind === 'compare') return m.reading.value
  if (m.reading.kind === 'range') return m.reading.min
  return undefined
}

/** Whether an indicator gets a chart: a numeric indicator with a commune-wide number this period. */
export function hasNumericFigure(f: IndicatorFigure): boolean {
  return isNumericIndicator(f.indicator.type) && f.aggregate !== undefined && 'value' in f.aggregate
}

/**
 * One indicator against its milestone as SVG: the commune-wide figure as a
 * bar, coloured by the summary's verdict (met green, short orange, not
 * judged blue), and the milestone's target as a dashed line. The figure and
 * the verdict come from the summary; nothing is recomputed here.
 */
export function indicatorSvg(f: IndicatorFigure, year: number): { title: string; svg: string; width: number; height: number } {
  const value = f.aggregate && 'value' in f.aggregate ? f.aggregate.value : 0
  const target = targetLine(f)
  const m = f.milestone
  const unit = f.indicator.unit ? ` ${f.indicator.unit}` : ''
  const title = `${f.indicator.code} ${f.indicator.name}`
  const subtitle = m.kind === 'target' ? leaderMsg.chartTarget(m.year, m.text) : leaderMsg.chartNoTarget
  const svg = optionToSvg(
    {
      title: { text: title, subtext: subtitle, left: 16, top: 10, textStyle: { fontSize: 15, width: WIDTH - 32, overflow: 'truncate' } },
      grid: { left: 16, right: 40, top: 80, bottom: 30 },
      xAxis: { type: 'category', data: [leaderMsg.chartFigure(year)] },
      yAxis: { type: 'value', max: niceCeiling(Math.max(value, target ?? 0) * 1.1), axisLabel: { formatter: (v: number) => formatVnNumber(v) } },
      series: [
        {
          type: 'bar',
          barWidth: 120,
          data: [{ value, itemStyle: { color: COLOUR[f.verdict.kind] } }],
          label: { show: true, position: 'top', fontSize: 14, formatter: () => `${formatVnNumber(value)}${unit}` },
          ...(target !== undefined
            ? { markLine: { symbol: 'none', lineStyle: { color: '#c0392b', type: 'dashed', width: 2 }, label: { formatter: () => formatVnNumber(target), fontSize: 13 }, data: [{ yAxis: target }] } }
            : {}),
        },
      ],
    },
    WIDTH,
    HEIGHT,
  )
  return { title, svg, width: WIDTH, height: HEIGHT }
}

/** The smallest 1, 2 or 5 × 10ⁿ at or above x: an axis end a person reads at a glance. */
export function niceCeiling(x: number): number {
  if (!(x > 0)) return 1
  const step = 10 ** Math.floor(Math.log10(x))
  return [1, 2, 5, 10].map((m) => m * step).find((v) => v >= x - 1e-9)!
}
