import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { describeProblem, readPlanFile } from '../../src/domain/plan-file.js'

const mini = readFileSync(new URL('../fixtures/mini-plan.yaml', import.meta.url), 'utf8')

/** Replace text that must be there, so a fixture change cannot make a test vacuous. */
function edit(source: string, pairs: [string, string][]): string {
  return pairs.reduce((s, [from, to]) => {
    if (!s.includes(from)) throw new Error(`fixture lacks ${from}`)
    return s.replace(from, to)
  }, source)
}

describe('every mistake of a plan file in one run', () => {
  it('reports schema and semantic problems together, in Vietnamese, with lines and item codes', () => {
    // Each edit keeps the line count, so the lines below are the fixture's own (test/fixtures/mini-plan.yaml).
    const broken = edit(mini, [
      ['  code: mini', '  cod: mini'], // line 3
      ['    external: true', '    external: "có"'], // line 23
      ['2030: "100%"', '2030: "≥ 1,5,0%"'], // line 31
      ['responsible: [KT]', 'responsible: [KTX]'], // line 41
      ['code: CT03', 'code: CT02'], // line 43
      ['    title: "Tham mưu', '    titel: "Tham mưu'], // line 52, in NV01 starting line 51
      ['lead: [thon-buon]', 'lead: [thon-bon]'], // line 58
      ['period: quarter', 'period: quaterly'], // line 63
      ['due: "trước ngày 05/12"', 'due: "cuối năm"'], // line 68
    ])
    const r = readPlanFile(broken)
    expect(r.ok).toBe(false)
    if (r.ok) return
    expect(r.problems.map(describeProblem)).toEqual([
      'dòng 3, plan.cod: trường lạ "cod" (kiểm tra chính tả; các trường được dùng: code, title, issuer, timezone, tracking_from)',
      'dòng 3, plan.code: thiếu trường bắt buộc',
      'dòng 23, đơn vị DN-VT (units[4]).external: phải là true hoặc false',
      'dòng 31, chỉ tiêu CT01 (indicators[0]).targets.2030: không đọc được "≥ 1,5,0%"',
      'dòng 41, chỉ tiêu CT02 (indicators[1]).responsible[0]: không có đơn vị hay nhóm mã "KTX" (dùng mã đơn vị, mã nhóm hoặc "all")',
      'dòng 43, chỉ tiêu CT02 (indicators[2]).code: mã chỉ tiêu "CT02" bị trùng',
      'dòng 51, nhiệm vụ NV01 (tasks[0]).title: thiếu trường bắt buộc',
      'dòng 52, nhiệm vụ NV01 (tasks[0]).titel: trường lạ "titel" (kiểm tra chính tả; các trường được dùng: code, section, title, lead, support, output, due)',
      'dòng 58, nhiệm vụ NV02 (tasks[1]).lead[0]: không có đơn vị hay nhóm mã "thon-bon" (dùng mã đơn vị, mã nhóm hoặc "all")',
      'dòng 63, lịch báo cáo quy (schedules[0]).period: phải là một trong: month, quarter, half, nine_months, year, once, adhoc',
      expect.stringMatching(/^dòng 68, lịch báo cáo nam \(schedules\[1\]\)\.due: không đọc được thời hạn "cuối năm"; viết như /),
    ])
    for (const p of r.problems) expect(describeProblem(p)).not.toMatch(/Invalid|expected|received|Unrecognized/)
  })

  it('refuses a plan without a standing office, and one with two', () => {
    const none = readPlanFile(edit(mini, [['    standing: true\n', '']]))
    expect(none.ok).toBe(false)
    if (!none.ok) expect(none.problems.map(describeProblem)).toEqual([expect.stringMatching(/^dòng 10, units: kế hoạch cần đúng một cơ quan thường trực/)])
    const two = readPlanFile(edit(mini, [['    name: "Phòng Kinh tế"', '    name: "Phòng Kinh tế"\n    standing: true']]))
    expect(two.ok).toBe(false)
    if (!two.ok) expect(two.problems.map((p) => p.message)).toEqual(['chỉ một đơn vị được là cơ quan thường trực (standing: true); đang có VHXH, KT'])
  })

  it('gives YAML syntax errors with line, column and the offending line', () => {
    const r = readPlanFile(edit(mini, [['  title: "Kế hoạch thử nghiệm"', '  title: [chưa đóng ngoặc']]))
    expect(r.ok).toBe(false)
    if (r.ok) return
    const first = r.problems[0]!
    expect(first.line).toBeGreaterThanOrEqual(4)
    expect(describeProblem(first)).toMatch(/^dòng \d+, cột \d+: .+«.+»$/)
    expect(describeProblem(first)).not.toMatch(/[A-Z_]{6,}/)
  })

  it('accepts a list of units repeated with a YAML anchor, refuses an alias bomb', () => {
    const anchored = edit(mini, [
      ['    responsible: [thon-buon]', '    responsible: &villages [THON-01, THON-02]'],
      ['    lead: [thon-buon]', '    lead: *villages'],
    ])
    const r = readPlanFile(anchored)
    if (!r.ok) throw new Error(JSON.stringify(r.problems))
    expect(r.plan.tasks[1]!.lead).toEqual(['THON-01', 'THON-02'])

    const levels = ['a: &a ["x", "x", "x", "x", "x", "x", "x", "x", "x"]']
    for (let i = 1; i < 8; i++) levels.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9).fill('*' + String.fromCharCode(96 + i)).join(', ')}]`)
    const bomb = readPlanFile(levels.join('\n') + '\n')
    expect(bomb.ok).toBe(false)
    if (!bomb.ok) expect(bomb.problems.map((p) => p.message)).toEqual([expect.stringMatching(/quá nhiều tham chiếu \(\*alias\)/)])
  })
})

describe('warnings: allowed, probably not meant', () => {
  it('lists targets that stop early, units with nothing to report and schedules nobody reports on', () => {
    const source = edit(mini, [
      ['  - code: DN-VT', '  - code: TRAM\n    name: "Trạm y tế"\n  - code: DN-VT'], // a unit nothing asks for, line 21; CT03's targets move from line 47 to 49
      ['    due: "trước ngày 05/12"', '    due: "trước ngày 05/12"\n  - code: rieng\n    name: "Báo cáo riêng"\n    period: once\n    due: "Quý III/2025"\n    compile: true'],
    ])
    const r = readPlanFile(source)
    if (!r.ok) throw new Error(JSON.stringify(r.problems))
    expect(r.warnings.map(describeProblem)).toEqual([
      'dòng 21, đơn vị TRAM (units[4]): đơn vị này không phải báo cáo gì theo kế hoạch (không chỉ tiêu, nhiệm vụ hay lịch nào)',
      'dòng 49, chỉ tiêu CT03 (indicators[2]).targets: mục tiêu chỉ đến năm 2025; các kỳ báo cáo năm 2026–2030 sẽ không có mục tiêu để so',
      'dòng 71, lịch báo cáo rieng (schedules[2]): không đơn vị nào báo cáo theo lịch này',
    ])
  })
})
