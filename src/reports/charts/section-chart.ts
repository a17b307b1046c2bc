import { isNumericIndicator } from '../../domain/plan-model.js'
import type { IndicatorFigure } from '../../domain/reporting/period-summary.js'
import { formatVnNumber } from '../../domain/vn-number.js'
import { leaderMsg } from '../messages.js'
import { optionToSvg } from './echarts-svg.js'

const WIDTH = 900
const BAR_ROW = 40
/**
 * The axis ends at twice the target: a sum far over its target (a count of
 * 10,000 against a target of 1) would otherwise squash every other bar to
 * nothing. Longer bars stop at the edge; their label still gives the true share.
 */
const AXIS_END = 200
const COLOUR = { met: '#2e9d5b', short: '#e08a1e', unjudged: '#4a7fc1' } as const

/** The target value a chart measures against: the number a figure is compared with (a range's lower end); none for qualitative targets. */
function targetValue(f: IndicatorFigure): number | undefined {
  const m = f.milestone
  if (m.kind !== 'target' || !m.reading) return undefined
  if (m.reading.kind === 'compare') return m.reading.value
  if (m.reading.kind === 'range') return m.reading.min
  return undefined
}

/** One bar of a section chart: an indicator's figure as a share of its milestone target. */
export interface SectionBar {
  figure: IndicatorFigure
  value: number
  target: number
  /** `value` as a percentage of `target`, for drawing only (the verdict is the summary's). */
  percent: number
}

/**
 * The bars a section's chart draws: numeric indicators with a commune-wide
 * number this period and a non-zero numeric target, in plan order. The
 * others have no place on a "% of target" axis; the table lists them.
 */
export function sectionBars(figures: readonly IndicatorFigure[]): SectionBar[] {
  return figures.flatMap((f) => {
    if (!isNumericIndicator(f.indicator.type) || !f.aggregate || !('value' in f.aggregate)) return []
    const target = targetValue(f)
    if (target === undefined || target === 0) return []
    const value = f.aggregate.value
    return [{ figure: f, value, target, percent: (value / target) * 100 }]
  })
}

/**
 * A plan section's indicators against their milestones as one SVG: each
 * indicator a horizontal bar of its figure as a percentage of its target,
 * coloured by the summary's verdict (met green, short orange, not judged
 * blue), the target as a dashed line at 100 %, the figure and target
 * written at the bar's end (the axis stops at 200 %). One readable picture per section instead of one
 * per indicator. Nothing is judged here.
 */
export function sectionSvg(section: string, bars: readonly SectionBar[], year: number): { title: string; svg: string; width: number; height: number } {
  const title = leaderMsg.chartSectionTitle(section)
  const height = Math.max(260, 130 + BAR_ROW * bars.length)
  const svg = optionToSvg(
    {
      title: { text: title, subtext: leaderMsg.chartSectionSubtitle(year), left: 16, top: 10, textStyle: { fontSize: 16, width: WIDTH - 32, overflow: 'truncate' } },
      grid: { left: 320, right: 260, top: 80, bottom: 30 },
      xAxis: { type: 'value', min: 0, max: AXIS_END, axisLabel: { formatter: (v: number) => `${formatVnNumber(v)}%` } },
      yAxis: {
        type: 'category',
        inverse: true,
        data: bars.map((b) => `${b.figure.indicator.code} ${b.figure.indicator.name}`),
        axisLabel: { fontSize: 12, width: 300, overflow: 'truncate' },
      },
      series: [
        {
          type: 'bar',
          barWidth: 22,
          data: bars.map((b) => ({ value: Math.min(b.percent, AXIS_END), itemStyle: { color: COLOUR[b.figure.verdict.kind] } })),
          label: {
            show: true,
            position: 'right',
            fontSize: 12,
            lineHeight: 15,
            formatter: (p: { dataIndex: number }) => {
              const b = bars[p.dataIndex]!
              const unit = b.figure.indicator.unit ? ` ${b.figure.indicator.unit}` : ''
              return leaderMsg.chartSectionBar(formatVnNumber(b.value) + unit, formatVnNumber(b.target) + unit, formatVnNumber(Math.round(b.percent)))
            },
          },
          markLine: {
            symbol: 'none',
            lineStyle: { color: '#c0392b', type: 'dashed', width: 2 },
            label: { formatter: () => leaderMsg.chartSectionTarget, fontSize: 12, position: 'start' },
            data: [{ xAxis: 100 }],
          },
        },
      ],
    },
    WIDTH,
    height,
  )
  return { title, svg, width: WIDTH, height }
}
