import { stringify } from 'yaml'
import { readPlanFile } from '../../src/domain/plan-file.js'
import type { Plan } from '../../src/domain/plan-model.js'

/** Shape of a generated province-scale plan. */
export interface ScalePlanOptions {
  units: number
  /** Units per group (thôn, trường, xã…); the standing office is in its own group. */
  groupSize?: number
  indicators: number
  /** Share of indicators whose `responsible` is `all` (the rest name one group). */
  allShare: number
  tasks: number
  code?: string
}

const TARGETS = ['≥ 60%', '100%', '01 đến 02', 'Có', '≥ 05', 'Hoàn thành']

/**
 * A plan file as an operator would write one for a province: thousands of
 * units in groups, indicators on `all` or on a group, tasks led by a group or
 * by the standing office. Returned as YAML text, so it goes through the same
 * reading as `dondoc plan check`.
 */
export function scalePlanSource(o: ScalePlanOptions): string {
  const groupSize = o.groupSize ?? 100
  const pad = (n: number, w: number) => String(n).padStart(w, '0')
  const others = o.units - 1
  const groupCount = Math.max(1, Math.ceil(others / groupSize))
  const groups = [{ code: 'co-quan', name: 'Cơ quan thường trực' }]
  for (let g = 1; g <= groupCount; g++) groups.push({ code: `nhom-${pad(g, 4)}`, name: `Nhóm đơn vị ${g}` })
  const units: Record<string, unknown>[] = [{ code: 'VP', name: 'Văn phòng thường trực', standing: true, groups: ['co-quan'] }]
  for (let i = 1; i <= others; i++) {
    units.push({ code: `DV-${pad(i, 5)}`, name: `Đơn vị ${i}`, groups: [groups[1 + ((i - 1) % groupCount)]!.code] })
  }
  const allCount = Math.round(o.indicators * o.allShare)
  const indicators = Array.from({ length: o.indicators }, (_, i) => ({
    code: `CT${pad(i + 1, 3)}`,
    section: `Mục ${1 + Math.floor(i / 10)}`,
    name: `Chỉ tiêu ${i + 1}`,
    targets: { 2025: TARGETS[i % TARGETS.length]!, 2030: TARGETS[(i + 1) % TARGETS.length]! },
    responsible: i < allCount ? ['all'] : [groups[1 + (i % groupCount)]!.code],
    monitor: ['VP'],
  }))
  const tasks = Array.from({ length: o.tasks }, (_, i) => ({
    code: `NV${pad(i + 1, 3)}`,
    title: `Nhiệm vụ ${i + 1}`,
    lead: i % 3 === 0 ? ['VP'] : [groups[1 + (i % groupCount)]!.code],
    support: i % 5 === 0 ? [groups[1 + ((i + 1) % groupCount)]!.code] : [],
    due: i % 4 === 0 ? 'trước ngày 31/7/2025' : 'Thường xuyên',
  }))
  return stringify({
    plan: { code: o.code ?? `scale-${o.units}`, title: `Kế hoạch thử tải ${o.units} đơn vị`, issuer: 'UBND tỉnh', timezone: 'Asia/Ho_Chi_Minh' },
    groups,
    units,
    indicators,
    tasks,
    schedules: [
      { code: 'quy', name: 'Báo cáo quý', period: 'quarter', due: 'trước ngày 05 của tháng cuối Quý' },
      { code: 'nam', name: 'Báo cáo năm', period: 'year', due: 'trước ngày 05/12' },
      { code: 'khct', name: 'Kế hoạch chi tiết', period: 'once', due: 'trước ngày 31/7/2025' },
    ],
  })
}

/** Read a generated plan the way `dondoc plan check` does; throws with the first problems if it is rejected. */
export function readScalePlan(source: string): Plan {
  const r = readPlanFile(source)
  if (!r.ok) throw new Error(`generated plan rejected by plan check: ${JSON.stringify(r.problems.slice(0, 5))}`)
  return r.plan
}
