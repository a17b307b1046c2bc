import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { planCounts, readPlanFile } from '../../src/domain/plan-file.js'

const mini = readFileSync(new URL('../fixtures/mini-plan.yaml', import.meta.url), 'utf8')

describe('readPlanFile', () => {
  it('reads a valid plan with defaults filled in', () => {
    const r = readPlanFile(mini)
    if (!r.ok) throw new Error(JSON.stringify(r.problems))
    expect(planCounts(r.plan)).toBe('units: 5, indicators: 3, tasks: 2, schedules: 2')
    expect(r.plan.plan.timezone).toBe('Asia/Ho_Chi_Minh')
    expect(r.plan.indicators.map((i) => i.type)).toEqual(['percent', 'integer', 'yes_no'])
    expect(r.plan.indicators[0]!.unit).toBe('%')
    expect(r.plan.reminders.beforeWorkingDays).toEqual([7, 3, 1])
    expect(r.plan.units.find((u) => u.code === 'DN-VT')).toMatchObject({ external: true, monitor: 'VHXH' })
  })

  it('reports every problem with its path, not just the first', () => {
    const broken = mini
      .replace('2030: "100%"', '2030: "≥ 1,5,0%"')
      .replace('responsible: [KT]', 'responsible: [KTX]')
      .replace('due: "trước ngày 05/12"', 'due: "cuối năm"')
      .replace('groups: [thon-buon]', 'groups: [thon-bon]')
      .replace('code: CT03', 'code: CT02')
      .replace('due: "Thường xuyên"', 'due: "sớm nhất có thể"')
    const r = readPlanFile(broken)
    expect(r.ok).toBe(false)
    if (r.ok) return
    const byPath = Object.fromEntries(r.problems.map((p) => [p.path, p.message]))
    expect(byPath['indicators[0].targets.2030']).toBe('không đọc được "≥ 1,5,0%"')
    expect(byPath['indicators[1].responsible[0]']).toBe('không có đơn vị hay nhóm mã "KTX" (dùng mã đơn vị, mã nhóm hoặc "all")')
    expect(byPath['schedules[1].due']).toMatch(/cuối năm/)
    expect(byPath['units[2].groups[0]']).toBe('không có nhóm mã "thon-bon" trong phần groups')
    expect(byPath['indicators[2].code']).toBe('mã chỉ tiêu "CT02" bị trùng')
    expect(byPath['tasks[0].due']).toMatch(/sớm nhất có thể/)
    expect(r.problems).toHaveLength(6)
  })

  it('reports structural problems with their paths', () => {
    const r = readPlanFile(mini.replace('    period: quarter', '    period: quaterly').replace('  issuer: "UBND xã Thử"', '  issuer: "UBND xã Thử"\n  isuer: typo'))
    expect(r.ok).toBe(false)
    if (r.ok) return
    const paths = r.problems.map((p) => p.path)
    expect(paths).toContain('schedules[0].period')
    expect(paths.some((p) => p.startsWith('plan'))).toBe(true)
  })

  it('reports YAML syntax errors with a line number', () => {
    const r = readPlanFile('plan:\n  code: x\n  title: [unclosed\n')
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.problems[0]!.path).toMatch(/^dòng \d+, cột \d+/)
  })

  it('refuses a second standing office and a bad timezone', () => {
    const r = readPlanFile(mini.replace('    name: "Phòng Kinh tế"', '    name: "Phòng Kinh tế"\n    standing: true').replace('  issuer: "UBND xã Thử"', '  issuer: "UBND xã Thử"\n  timezone: Asia/Hanoii'))
    expect(r.ok).toBe(false)
    if (r.ok) return
    expect(r.problems.map((p) => p.path)).toEqual(expect.arrayContaining(['units', 'plan.timezone']))
  })
})
