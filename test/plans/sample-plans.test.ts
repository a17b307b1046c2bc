import { describe, expect, it } from 'vitest'
import { planCounts } from '../../src/domain/plan-file.js'
import { readTarget } from '../../src/domain/targets.js'
import { scheduleReporters } from '../../src/domain/unit-refs.js'
import { reportScope } from '../../src/domain/report-scope.js'
import { samplePlan } from '../support/mini-plan.js'

describe('plans/ea-wy.yaml against the Ea Wy document', () => {
  const plan = samplePlan('ea-wy')

  it('holds every unit, all 44 indicators, the tasks and the calendar', () => {
    expect(planCounts(plan)).toBe('units: 55, indicators: 44, tasks: 12, schedules: 7')
    expect(plan.indicators.map((i) => i.code)).toEqual(Array.from({ length: 44 }, (_, i) => `CT${String(i + 1).padStart(2, '0')}`))
    expect(plan.units.filter((u) => u.groups.includes('thon-buon'))).toHaveLength(36)
    expect(plan.units.filter((u) => u.groups.includes('truong-hoc'))).toHaveLength(12)
    expect(plan.units.filter((u) => u.standing).map((u) => u.code)).toEqual(['VHXH'])
    expect(plan.schedules.map((s) => [s.code, s.due])).toEqual([
      ['quy', 'trước ngày 05 của tháng cuối Quý'],
      ['6thang', 'trước ngày 10/6'],
      ['nam', 'trước ngày 05/12'],
      ['khct', 'trước ngày 31/7/2025'],
      ['th-quy', 'trước ngày 10 của tháng cuối Quý'],
      ['th-6thang', 'trước ngày 15/6'],
      ['th-nam', 'trước ngày 15/12'],
    ])
  })

  it('copies targets as the document writes them (sample rows)', () => {
    const byCode = new Map(plan.indicators.map((i) => [i.code, i]))
    expect(byCode.get('CT01')!.targets).toEqual({ 2025: '≥ 60%', 2030: '100%' })
    expect(byCode.get('CT02')!.targets).toEqual({ 2035: '≥ 50%', 2040: '≥ 80%', 2045: '100%' })
    expect(byCode.get('CT05')!).toMatchObject({ type: 'percent', targets: { 2025: '≥ 1,0%', 2030: '≥ 1,5%', 2035: '≥ 2%', 2040: '≥ 2,5%', 2045: '≥ 3%' }, responsible: ['KT'], monitor: ['KT'] })
    expect(byCode.get('CT06')!.targets['2025']).toBe('≥ 1,0% GRDP')
    expect(byCode.get('CT04')!).toMatchObject({ type: 'yes_no', targets: { 2025: 'Có' }, responsible: ['CAX'] })
    expect(byCode.get('CT10')!).toMatchObject({ type: 'number', targets: { 2025: '6', 2045: '54' } })
    expect(byCode.get('CT11')!.targets).toEqual({ 2040: '80-90%', 2045: '≥ 90%' })
    expect(byCode.get('CT29')!.targets).toEqual({ 2025: '≥ 0.60', 2030: '≥ 0.75', 2035: '≥ 0.85', 2040: '≥ 0.92', 2045: '1' })
    expect(byCode.get('CT35')!.targets).toEqual({ 2025: '≥ 70%', 2030: '≥ 85%', 2035: '≥ 95%', 2040: '100%', 2045: '100%' })
    expect(byCode.get('CT40')!).toMatchObject({ targets: { 2025: '≥ 90%' }, responsible: ['CAX'], monitor: ['CAX'] })
    expect(byCode.get('CT42')!).toMatchObject({ responsible: ['VPDU', 'VHXH'], monitor: ['VPDU', 'VHXH'] })
    expect(byCode.get('CT43')!.targets['2045']).toBe('≥ 25% GRDP')
    expect(byCode.get('CT44')!).toMatchObject({ type: 'text', targets: { 2045: 'Đóng góp' } })
    expect(readTarget(byCode.get('CT11')!.targets['2040']!)).toMatchObject({ ok: true, target: { kind: 'range', min: 80, max: 90, percent: true } })
  })

  it('asks each unit what the appendix assigns it', () => {
    expect(reportScope(plan, 'CAX', ['quy']).indicators.map((i) => i.code)).toEqual(['CT04', 'CT10', 'CT11', 'CT13', 'CT30', 'CT31', 'CT32', 'CT33', 'CT34', 'CT35', 'CT36', 'CT37', 'CT38', 'CT40', 'CT41', 'CT43', 'CT44'])
    expect(reportScope(plan, 'VHXH', ['quy']).indicators.filter((i) => i.aboutUnit === 'DN-BCVT').map((i) => i.code)).toEqual(['CT01', 'CT02', 'CT03'])
    expect(reportScope(plan, 'THON-07', ['quy']).indicators.map((i) => i.code)).toEqual(['CT09'])
    expect(reportScope(plan, 'THON-07', ['khct'])).toEqual({ indicators: [], tasks: ['NV12'] })
    expect(scheduleReporters(plan, 'th-quy').map((u) => u.code)).toEqual(['VHXH'])
    expect(scheduleReporters(plan, 'quy')).toHaveLength(6 + 36 + 12)
  })
})

describe('plans/yen-hoa.yaml against the Yên Hòa document', () => {
  const plan = samplePlan('yen-hoa')

  it('holds its targets, its monthly, quarterly, 6-month and annual calendar and its ad-hoc reports', () => {
    expect(planCounts(plan)).toBe('units: 2, indicators: 11, tasks: 4, schedules: 5')
    expect(plan.schedules.map((s) => [s.period, s.due])).toEqual([
      ['month', 'trước ngày 20 hàng tháng'],
      ['quarter', 'trước ngày 10 tháng cuối Quý'],
      ['half', 'trước ngày 10/6'],
      ['year', 'trước ngày 30/11'],
      ['adhoc', undefined], // "hoặc đột xuất": requests opened with `dondoc request open`
    ])
    const byCode = new Map(plan.indicators.map((i) => [i.code, i]))
    expect(byCode.get('CT01')!.targets).toEqual({ 2025: '≥ 50%' })
    expect(byCode.get('CT06')!.targets).toEqual({ 2025: '15% GRDP' })
    expect(byCode.get('CT08')!).toMatchObject({ type: 'integer', targets: { 2025: 'dưới 5' } })
    expect(byCode.get('CT10')!.targets).toEqual({ 2025: '40%' })
  })
})

describe('plans/tan-lap.yaml against the Tân Lập document', () => {
  const plan = samplePlan('tan-lap')

  it('holds the four units of section IV, the 51 tasks of section II, the 6-month and annual calendar and its ad-hoc reports', () => {
    expect(planCounts(plan)).toBe('units: 4, indicators: 0, tasks: 51, schedules: 3')
    expect(plan.units.filter((u) => u.standing).map((u) => u.code)).toEqual(['VHXH'])
    expect(plan.schedules.map((s) => [s.code, s.period, s.due])).toEqual([
      ['6thang', 'half', 'trước ngày 05/6'],
      ['nam', 'year', 'trước ngày 20/11'],
      ['dotxuat', 'adhoc', undefined], // "hoặc báo cáo đột xuất theo yêu cầu"
    ])
  })

  it('asks each unit the tasks the office gave it, and every unit reports on both schedules', () => {
    expect(reportScope(plan, 'CA', ['6thang'])).toEqual({ indicators: [], tasks: ['NV23'] })
    expect(reportScope(plan, 'TTPVHCC', ['nam'])).toEqual({ indicators: [], tasks: ['NV18', 'NV32'] })
    expect(reportScope(plan, 'KTHTDT', ['nam'])).toEqual({ indicators: [], tasks: ['NV15', 'NV16', 'NV37'] })
    expect(reportScope(plan, 'VHXH', ['nam']).tasks).toHaveLength(51 - 6)
    expect(scheduleReporters(plan, '6thang').map((u) => u.code)).toEqual(['TTPVHCC', 'VHXH', 'CA', 'KTHTDT'])
    expect(scheduleReporters(plan, 'nam').map((u) => u.code)).toEqual(['TTPVHCC', 'VHXH', 'CA', 'KTHTDT'])
  })
})
