import { Resvg } from '@resvg/resvg-js'
import { describe, expect, it } from 'vitest'
import { summarisePeriod, type PeriodSummary } from '../../src/domain/reporting/period-summary.js'
import type { ReportRequest } from '../../src/domain/reporting/requests.js'
import type { Plan } from '../../src/domain/plan-model.js'
import { completenessByGroup, completenessSvg, groupsToChart, type GroupCompleteness } from '../../src/reports/charts/completeness-chart.js'
import { renderSummaryCharts } from '../../src/reports/charts/index.js'
import { miniPlan } from '../support/mini-plan.js'

const DUE = new Date('2025-12-04T17:00:00Z')
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])

/** The mini plan with its village group renamed "Thôn/buôn 01 – Đạt" and an office group "Khối cơ quan" holding KT only. */
function plan(): Plan {
  return miniPlan((s) =>
    s
      .replace('name: "2 thôn, buôn"', 'name: "Thôn/buôn 01 – Đạt"\n  - code: co-quan\n    name: "Khối cơ quan"')
      .replace('  - code: KT\n    name: "Phòng Kinh tế"', '  - code: KT\n    name: "Phòng Kinh tế"\n    groups: [co-quan]'),
  )
}

function request(): ReportRequest {
  const period = { id: 1, scheduleCode: 'nam', periodKind: 'year', key: '2025-Y', label: 'Năm 2025', windowFrom: '2025-01-01', windowTo: '2025-12-31', opensAt: new Date('2025-11-20T00:00:00Z'), dueAt: DUE, locksAt: new Date('2026-01-31T00:00:00Z'), closesAt: new Date('2026-01-31T00:00:00Z') }
  return { key: '2025-Y', label: 'Năm 2025', periods: [period], opensAt: period.opensAt, dueAt: DUE, dueDate: '2025-12-05', locksAt: period.locksAt, closesAt: period.closesAt }
}

/** VHXH (no group) and KT submitted on time, Thôn 1 is drafting, Thôn 2 has not started; KT reported CT02 = 2 against "01 đến 02". */
function summary(p: Plan): PeriodSummary {
  const sent = (at: string) => [{ status: 'submitted' as const, answered: 3, submittedAt: new Date(at) }]
  return summarisePeriod({
    plan: p,
    request: request(),
    units: [
      { unitCode: 'VHXH', unitName: 'Phòng Văn hóa – Xã hội', awayUntil: null, periods: sent('2025-12-01T02:00:00Z') },
      { unitCode: 'KT', unitName: 'Phòng Kinh tế', awayUntil: null, periods: sent('2025-12-02T02:00:00Z') },
      { unitCode: 'THON-01', unitName: 'Thôn 1', awayUntil: null, periods: [{ status: 'draft', answered: 1, submittedAt: null }] },
      { unitCode: 'THON-02', unitName: 'Thôn 2', awayUntil: null, periods: [{ status: 'none', answered: 0, submittedAt: null }] },
    ],
    values: [{ indicatorCode: 'CT02', unitCode: 'KT', unitName: 'Phòng Kinh tế', value: { num: 2 }, note: null }],
    sections: [],
    taskCompletion: [],
  })
}

/** Distinct RGBA pixels of a PNG, decoded with resvg (a PNG wrapped in an SVG image). */
function distinctColours(png: Buffer, width: number, height: number): { colours: number; nonWhite: number } {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><image width="${width}" height="${height}" href="data:image/png;base64,${png.toString('base64')}"/></svg>`
  const pixels = new Resvg(svg).render().pixels
  const seen = new Set<number>()
  let nonWhite = 0
  for (let i = 0; i < pixels.length; i += 4) {
    const rgba = pixels.readUInt32BE(i)
    seen.add(rgba)
    if (rgba !== 0xffffffff) nonWhite++
  }
  return { colours: seen.size, nonWhite }
}

describe('summary charts drawn on the server', () => {
  it('counts completeness by group, units of no group under "Khác"', () => {
    const p = plan()
    const rows = completenessByGroup(p, summary(p)).map((r) => [r.name, r.completeness.submitted, r.completeness.expected])
    // Villages: Thôn 1 drafting, Thôn 2 not started → 0/2; offices: KT → 1/1; VHXH has no group → Khác 1/1.
    expect(rows).toEqual([
      ['Thôn/buôn 01 – Đạt', 0, 2],
      ['Khối cơ quan', 1, 1],
      ['Khác', 1, 1],
    ])
  })

  it('charts at most 30 groups: past that, the 30 with the lowest share submitted, lowest first', () => {
    // 100 groups; group i (1…100) expects 10 units and has (i × 7) mod 11 submitted, capped at 10. By hand: the share
    // is 0 for i = 11, 22, …, 99 (9 groups), 1/10 for i ≡ 8 (mod 11) (8, 19, …, 96: 9 groups), 2/10 for i ≡ 5 (5, 16, …,
    // 93: 9 groups), 3/10 for i ≡ 2 (2, 13, …, 90 and not 101: 9 groups) → 36 groups at 3/10 or less; the 30 shown are
    // the 27 at 0–2/10 and the first three at 3/10 in plan order (2, 13, 24).
    const row = (i: number): GroupCompleteness => {
      const submitted = Math.min(10, (i * 7) % 11)
      return { name: `Nhóm ${i}`, completeness: { expected: 10, submitted, onTime: submitted, late: 0, drafting: 0, notStarted: 10 - submitted, percent: submitted * 10 } }
    }
    const rows = Array.from({ length: 100 }, (_, k) => row(k + 1))
    const every = (from: number) => Array.from({ length: 9 }, (_, k) => `Nhóm ${from + 11 * k}`)
    expect(groupsToChart(rows).map((r) => r.name)).toEqual([...every(11), ...every(8), ...every(5), 'Nhóm 2', 'Nhóm 13', 'Nhóm 24'])
    expect(groupsToChart(rows.slice(0, 30))).toEqual(rows.slice(0, 30)) // 30 fit: all of them, in plan order
  })

  it('says on the chart when it shows only the groups with the lowest share', () => {
    // The mini plan with 39 more groups (Thôn 1 in g1–g20, Thôn 2 in g21–g39): with "2 thôn, buôn" and "Khác" (VHXH, KT),
    // 41 bars would be drawn; the chart shows 30 and says so.
    const groups = Array.from({ length: 39 }, (_, i) => `  - code: g${i + 1}\n    name: "Cụm ${i + 1}"`).join('\n')
    const codes = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => `g${from + i}`).join(', ')
    const p = miniPlan((s) =>
      s
        .replace('groups:\n', `groups:\n${groups}\n`)
        .replace('name: "Thôn 1"\n    groups: [thon-buon]', `name: "Thôn 1"\n    groups: [thon-buon, ${codes(1, 20)}]`)
        .replace('name: "Thôn 2"\n    groups: [thon-buon]', `name: "Thôn 2"\n    groups: [thon-buon, ${codes(21, 39)}]`),
    )
    expect(completenessByGroup(p, summary(p))).toHaveLength(41)
    const chart = completenessSvg(p, summary(p))
    expect(chart.svg).toContain('30 nhóm có tỷ lệ nộp thấp nhất trong 41 nhóm')
    expect(chart.height).toBe(150 + 46 * 30)
  })

  it('renders PNG pictures with Vietnamese text kept as text, and a non-blank completeness chart', async () => {
    const p = plan()
    const charts = await renderSummaryCharts(p, summary(p))
    // The completeness chart, then one chart for section II holding CT02 alone (the only numeric indicator with a
    // figure and a numeric target: CT01 has no answer, CT03 is yes/no); section I has nothing to draw.
    expect(charts.map((c) => c.title)).toEqual(['Tiến độ nộp báo cáo Năm 2025', 'II. Nguồn lực: kết quả so với mục tiêu'])
    for (const c of charts) {
      expect(c.png.subarray(0, 8)).toEqual(PNG_SIGNATURE)
      expect(c.width).toBeGreaterThanOrEqual(600)
      expect(c.height).toBeGreaterThanOrEqual(250)
      expect(c.png.readUInt32BE(16)).toBe(c.width) // IHDR width
      expect(c.png.readUInt32BE(20)).toBe(c.height)
      expect(c.png.length).toBeGreaterThan(5_000)
    }
    const [completeness, section] = charts
    for (const name of ['Thôn/buôn 01 – Đạt', 'Khối cơ quan', 'Khác', 'Đã nộp', 'Phải nộp', '0/2', '1/1']) expect(completeness!.svg).toContain(`>${name}<`)
    // CT02 = 2 against "01 đến 02" (the range's lower end, 1): 2 / 1 = 200 % of the target, the target line at 100 %.
    expect(section!.svg).toContain('>CT02 Số doanh nghiệp khởi nghiệp sáng tạo<')
    expect(section!.svg).toContain('>2 doanh nghiệp (200%)<')
    expect(section!.svg).toContain('>mục tiêu 1 doanh nghiệp<')
    expect(section!.svg).toContain('>Mục tiêu<')
    const pixels = distinctColours(completeness!.png, completeness!.width, completeness!.height)
    // Text in several shades (anti-aliased glyphs), grey and green bars: far from a blank white picture.
    expect(pixels.colours).toBeGreaterThan(20)
    expect(pixels.nonWhite).toBeGreaterThan(2_000)
  })
})
