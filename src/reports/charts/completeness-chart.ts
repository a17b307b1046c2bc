import type { Plan } from '../../domain/plan-model.js'
import type { PeriodSummary } from '../../domain/reporting/period-summary.js'
import { completeness, type Completeness } from '../../domain/reporting/unit-state.js'
import { leaderMsg } from '../messages.js'
import { optionToSvg } from './echarts-svg.js'

/** One bar of the completeness chart: a group of units and how many of them submitted. */
export interface GroupCompleteness {
  name: string
  completeness: Completeness
}

/**
 * Completeness of a summary by the plan's unit groups, in plan order: each
 * group counts its expected units (a unit in two groups counts in both);
 * units in no group make the last bar, "Khác". Groups expecting no unit are
 * left out. The counting is the domain's `completeness` on each group's states.
 */
export function completenessByGroup(plan: Plan, summary: PeriodSummary): GroupCompleteness[] {
  const groupsOf = new Map(plan.units.map((u) => [u.code, u.groups]))
  const known = new Set(plan.groups.map((g) => g.code))
  const byGroup = new Map<string, PeriodSummary['units'][number]['state'][]>()
  const other: PeriodSummary['units'][number]['state'][] = []
  for (const u of summary.units) {
    const groups = (groupsOf.get(u.unitCode) ?? []).filter((g) => known.has(g))
    if (!groups.length) other.push(u.state)
    for (const g of groups) {
      const states = byGroup.get(g)
      if (states) states.push(u.state)
      else byGroup.set(g, [u.state])
    }
  }
  const rows = plan.groups.flatMap((g) => (byGroup.has(g.code) ? [{ name: g.name, completeness: completeness(byGroup.get(g.code)!) }] : []))
  return other.length ? [...rows, { name: leaderMsg.chartOtherGroup, completeness: completeness(other) }] : rows
}

const WIDTH = 900
const BAR_ROW = 46
/**
 * Bars a completeness chart shows: past this (a province's hundred unit
 * groups) the picture is too tall to read on a phone and Telegram refuses
 * photos whose sides add up to more than 10,000 pixels.
 */
export const MAX_GROUP_BARS = 30

/**
 * The groups a chart shows: all of them in plan order when they fit, else the
 * MAX_GROUP_BARS with the lowest share submitted (the ones to chase), lowest
 * first, ties in plan order.
 */
export function groupsToChart(rows: readonly GroupCompleteness[], max = MAX_GROUP_BARS): GroupCompleteness[] {
  if (rows.length <= max) return [...rows]
  const share = (r: GroupCompleteness) => (r.completeness.expected ? r.completeness.submitted / r.completeness.expected : 1)
  return [...rows].sort((a, b) => share(a) - share(b)).slice(0, max)
}

/**
 * The completeness chart as SVG: one horizontal bar per group (at most
 * MAX_GROUP_BARS, see `groupsToChart`), the expected
 * units in grey behind the submitted ones in green, "đã nộp/phải nộp" at the
 * end of each bar. Names stay text in the SVG.
 */
export function completenessSvg(plan: Plan, summary: PeriodSummary): { title: string; svg: string; width: number; height: number } {
  const all = completenessByGroup(plan, summary)
  const rows = groupsToChart(all)
  const c = summary.completeness
  const title = leaderMsg.chartCompletenessTitle(summary.request.label)
  const height = 150 + BAR_ROW * Math.max(rows.length, 1)
  const subtitle = leaderMsg.chartCompletenessSubtitle(c.submitted, c.expected, c.percent) + (rows.length < all.length ? leaderMsg.chartLowestGroups(rows.length, all.length) : '')
  const svg = optionToSvg(
    {
      title: { text: title, subtext: subtitle, left: 16, top: 10, textStyle: { fontSize: 18 } },
      legend: { bottom: 10, data: [leaderMsg.chartSubmitted, leaderMsg.chartExpected] },
      grid: { left: 16, right: 70, top: 80, bottom: 50 },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', inverse: true, data: rows.map((r) => r.name), axisLabel: { fontSize: 13, width: 260, overflow: 'truncate' } },
      series: [
        {
          name: leaderMsg.chartExpected,
          type: 'bar',
          data: rows.map((r) => r.completeness.expected),
          itemStyle: { color: '#d9d9d9' },
          barWidth: 22,
          z: 1,
          label: { show: true, position: 'right', fontSize: 13, formatter: (p: { dataIndex: number }) => `${rows[p.dataIndex]!.completeness.submitted}/${rows[p.dataIndex]!.completeness.expected}` },
        },
        {
          name: leaderMsg.chartSubmitted,
          type: 'bar',
          data: rows.map((r) => r.completeness.submitted),
          itemStyle: { color: '#2e9d5b' },
          barWidth: 22,
          barGap: '-100%',
          z: 2,
        },
      ],
    },
    WIDTH,
    height,
  )
  return { title, svg, width: WIDTH, height }
}
