import { describe, expect, it } from 'vitest'
import { describeTarget, inferIndicatorType, meetsTarget, readTarget, targetForYear, type Target } from '../../src/domain/targets.js'

function read(text: string): Target {
  const r = readTarget(text)
  if (!r.ok) throw new Error(r.error)
  return r.target
}

describe('readTarget: every form in the seeds', () => {
  it.each([
    ['≥ 60%', { kind: 'compare', comparator: 'gte', value: 60, percent: true, unit: '%' }],
    ['100%', { kind: 'compare', comparator: 'eq', value: 100, percent: true }],
    ['≥ 1,0%', { kind: 'compare', comparator: 'gte', value: 1, percent: true }],
    ['≥ 1,0% GRDP', { kind: 'compare', comparator: 'gte', value: 1, percent: true, unit: '% GRDP' }],
    ['≥ 0.60', { kind: 'compare', comparator: 'gte', value: 0.6, percent: false }],
    ['1', { kind: 'compare', comparator: 'eq', value: 1 }],
    ['80-90%', { kind: 'range', min: 80, max: 90, percent: true }],
    ['15 - 20', { kind: 'range', min: 15, max: 20, percent: false }],
    ['01 đến 02', { kind: 'range', min: 1, max: 2 }],
    ['06', { kind: 'compare', comparator: 'eq', value: 6 }],
    ['≥ 01 dự án', { kind: 'compare', comparator: 'gte', value: 1, unit: 'dự án' }],
    ['3 Phường', { kind: 'compare', comparator: 'eq', value: 3, unit: 'Phường' }],
    ['≥ 10 lượt/năm', { kind: 'compare', comparator: 'gte', value: 10, unit: 'lượt/năm' }],
    ['≥ 100 người', { kind: 'compare', comparator: 'gte', value: 100, unit: 'người' }],
    ['dưới 5', { kind: 'compare', comparator: 'lt', value: 5 }],
    ['tối thiểu 25%', { kind: 'compare', comparator: 'gte', value: 25, percent: true }],
    ['Có', { kind: 'yes_no', value: true }],
    ['Ứng dụng', { kind: 'text' }],
    ['Duy trì/nâng cấp', { kind: 'text' }],
    ['Đạt mức khá trong cả nước', { kind: 'text' }],
    ['Đóng góp', { kind: 'text' }],
  ])('%s', (text, expected) => {
    const target = read(text)
    expect(target).toMatchObject(expected)
    expect(target.raw).toBe(text)
  })

  it.each(['≥ 1,5,0%', '≥ abc', '12,5,3', '≥'])('refuses %s where a number is clearly intended', (text) => {
    const r = readTarget(text)
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.error).toContain(text)
  })
})

describe('targets applied to values', () => {
  it('uses the nearest milestone at or after the period year', () => {
    const targets = { '2025': 'a', '2030': 'b', '2045': 'c' }
    expect(targetForYear(targets, 2024)).toEqual({ year: 2025, target: 'a' })
    expect(targetForYear(targets, 2025)).toEqual({ year: 2025, target: 'a' })
    expect(targetForYear(targets, 2026)).toEqual({ year: 2030, target: 'b' })
    expect(targetForYear(targets, 2031)).toEqual({ year: 2045, target: 'c' })
    expect(targetForYear(targets, 2046)).toBeUndefined()
  })

  it('judges values against comparators, ranges and yes/no', () => {
    expect(meetsTarget(read('≥ 60%'), 60)).toBe(true)
    expect(meetsTarget(read('≥ 60%'), 59.9)).toBe(false)
    expect(meetsTarget(read('dưới 5'), 5)).toBe(false)
    expect(meetsTarget(read('dưới 5'), 4)).toBe(true)
    expect(meetsTarget(read('80-90%'), 85)).toBe(true)
    expect(meetsTarget(read('80-90%'), 70)).toBe(false)
    expect(meetsTarget(read('100%'), 100)).toBe(true)
    expect(meetsTarget(read('Có'), true)).toBe(true)
    expect(meetsTarget(read('Có'), false)).toBe(false)
    expect(meetsTarget(read('Ứng dụng'), 3)).toBeNull()
  })

  it('infers indicator types from targets', () => {
    expect(inferIndicatorType([read('≥ 60%'), read('100%')])).toBe('percent')
    expect(inferIndicatorType([read('≥ 01 dự án'), read('06')])).toBe('integer')
    expect(inferIndicatorType([read('≥ 0.60')])).toBe('number')
    expect(inferIndicatorType([read('Có')])).toBe('yes_no')
    expect(inferIndicatorType([read('Ứng dụng')])).toBe('text')
  })

  it('describes targets in Vietnamese number style', () => {
    expect(describeTarget(read('≥ 1,0%'))).toBe('≥ 1%')
    expect(describeTarget(read('≥ 0.60'))).toBe('≥ 0,6')
    expect(describeTarget(read('80-90%'))).toBe('80-90%')
  })
})
