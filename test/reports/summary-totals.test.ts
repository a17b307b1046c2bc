import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { AnswerValue } from '../../src/domain/answer-rules.js'
import { digestFor } from '../../src/reports/digest.js'
import { pickRequest } from '../../src/reports/period-request.js'
import { readPeriodSummary } from '../../src/reports/period-summary.js'
import { syncPlanPeriods } from '../../src/scheduler/period-sync.js'
import type { DatabaseHandle } from '../../src/storage/connection.js'
import { importPlan } from '../../src/storage/plan-import.js'
import { miniPlan } from '../support/mini-plan.js'
import { reportWriter } from '../support/report-writer.js'
import { createTestDatabase, testDatabaseKind } from '../support/test-database.js'

/**
 * The mini plan with six indicators every unit but the external company
 * reports (VHXH, KT, THON-01, THON-02), for the annual request of 2025 (with
 * its fourth quarter, so each answer is stored in two submissions):
 *
 *   unit     CT10 dân số  CT11 % weighted by CT10  CT12 triệu đồng  CT13 wifi  CT14 % hộ nghèo  CT15 text
 *   VHXH     1200         50                       0,1              Có         2,5              "Sổ tay điện tử"
 *   KT        800         75                       0,2              Không      3,1              "Chợ 4.0"
 *   THON-01   —           90                       0,7              Có         4                —
 *   THON-02  2000         60                       1.234.567,35     Có         —                "Camera an ninh"
 *
 * By hand:
 *   CT10 sum 1200 + 800 + 2000 = 4000 (3 units; THON-01 missing)
 *   CT11 weighted (50·1200 + 75·800 + 60·2000) / (1200 + 800 + 2000) = 240000 / 4000 = 60
 *        (3 units: THON-01 has no weight; the plain mean would be 68,75)
 *   CT12 sum 0,1 + 0,2 + 0,7 + 1234567,35 = 1234568,35 exactly (4 units)
 *   CT13 3 of 4 say yes
 *   CT14 mean (2,5 + 3,1 + 4) / 3 = 3,2 (3 units; THON-02 missing)
 *   CT15 listed: VHXH, KT, THON-02
 */
function totalsPlan() {
  const ind = (code: string, name: string, extra: string) => `  - code: ${code}
    section: "III. Số liệu"
    name: "${name}"
${extra}    responsible: [VHXH, KT, thon-buon]
    monitor: [VHXH]
`
  return miniPlan((s) =>
    s.replace(
      'tasks:\n',
      ind('CT10', 'Dân số', '    type: integer\n    unit: "người"\n') +
        ind('CT11', 'Tỷ lệ hộ thanh toán không dùng tiền mặt', '    type: percent\n    aggregate: weighted\n    weight: CT10\n') +
        ind('CT12', 'Thu ngân sách', '    type: number\n    unit: "triệu đồng"\n') +
        ind('CT13', 'Có điểm wifi công cộng', '    type: yes_no\n') +
        ind('CT14', 'Tỷ lệ hộ nghèo', '    type: percent\n') +
        ind('CT15', 'Ứng dụng chuyển đổi số tiêu biểu', '    type: text\n') +
        'tasks:\n',
    ),
  )
}

const IMPORTED = new Date('2025-10-01T01:00:00Z')
const NOW = new Date('2025-12-10T02:00:00Z')

describe(`summary figures from SQL totals (${testDatabaseKind})`, () => {
  let t: DatabaseHandle
  beforeEach(async () => {
    t = await createTestDatabase()
  })
  afterEach(async () => t.close())

  it('aggregates sum, weighted, exact decimals, yes counts, a mean with a missing unit and a list as worked out by hand, either way it reads', async () => {
    const plan = totalsPlan()
    const { planId } = await importPlan(t.db, plan, { now: IMPORTED })
    await syncPlanPeriods(t.db, planId, plan, IMPORTED)
    const pick = await pickRequest(t.db, planId, plan, 'năm 2025', NOW)
    if (!pick.ok) throw new Error('no request')
    const request = pick.request
    expect(request.periods).toHaveLength(2)
    const writer = await reportWriter(t, planId)
    const ids = request.periods.map((p) => p.id)
    const at = new Date('2025-12-02T03:00:00Z')
    const rows: [string, [string, AnswerValue][]][] = [
      ['VHXH', [['CT10', { num: 1200 }], ['CT11', { num: 50 }], ['CT12', { num: 0.1 }], ['CT13', { bool: true }], ['CT14', { num: 2.5 }], ['CT15', { text: 'Sổ tay điện tử' }]]],
      ['KT', [['CT10', { num: 800 }], ['CT11', { num: 75 }], ['CT12', { num: 0.2 }], ['CT13', { bool: false }], ['CT14', { num: 3.1 }], ['CT15', { text: 'Chợ 4.0' }]]],
      ['THON-01', [['CT11', { num: 90 }], ['CT12', { num: 0.7 }], ['CT13', { bool: true }], ['CT14', { num: 4 }]]],
      ['THON-02', [['CT10', { num: 2000 }], ['CT11', { num: 60 }], ['CT12', { num: 1234567.35 }], ['CT13', { bool: true }], ['CT15', { text: 'Camera an ninh' }]]],
    ]
    for (const [unit, values] of rows) await writer.report(ids, unit, at, values, true)

    const expected = {
      CT10: { answered: 3, aggregate: { rule: 'sum', value: 4000, units: 3 } },
      CT11: { answered: 4, aggregate: { rule: 'weighted', value: 60, units: 3 } },
      CT12: { answered: 4, aggregate: { rule: 'sum', value: 1234568.35, units: 4 } },
      CT13: { answered: 4, aggregate: { rule: 'count_yes', yes: 3, units: 4 } },
      CT14: { answered: 3, aggregate: { rule: 'mean', value: 3.2, units: 3 } },
      CT15: { answered: 3, aggregate: { rule: 'list', units: 3 } },
    }
    const every = await readPeriodSummary(t.db, planId, plan, request)
    const breakdown = await readPeriodSummary(t.db, planId, plan, request, 'breakdown')
    for (const s of [every, breakdown]) {
      const fig = (code: string) => s.indicators.find((f) => f.indicator.code === code)!
      for (const [code, want] of Object.entries(expected)) expect({ code, answered: fig(code).answered, aggregate: fig(code).aggregate }).toEqual({ code, ...want })
      expect(fig('CT02').aggregate).toBeUndefined()
      expect(fig('CT02').answered).toBe(0)
      expect(fig('CT15').answers.map((a) => [a.unitName, a.value])).toEqual([
        ['Phòng Văn hóa – Xã hội', { text: 'Sổ tay điện tử' }],
        ['Phòng Kinh tế', { text: 'Chợ 4.0' }],
        ['Thôn 2', { text: 'Camera an ninh' }],
      ])
      // Three units behind the figure: each one's answer is at hand for the breakdown, in plan order.
      expect(fig('CT14').answers.map((a) => [a.unitName, a.value])).toEqual([
        ['Phòng Văn hóa – Xã hội', { num: 2.5 }],
        ['Phòng Kinh tế', { num: 3.1 }],
        ['Thôn 1', { num: 4 }],
      ])
      expect(fig('CT11').answers).toHaveLength(4)
    }
    // Read as totals, a figure with four units behind it carries no unit's answer; read every answer, it has them all.
    const answersOf = (s: typeof every, code: string) => s.indicators.find((f) => f.indicator.code === code)!.answers.length
    expect([answersOf(breakdown, 'CT12'), answersOf(breakdown, 'CT13')]).toEqual([0, 0])
    expect([answersOf(every, 'CT12'), answersOf(every, 'CT13')]).toEqual([4, 4])

    const view = await digestFor(t.db, planId, plan, 'năm 2025', NOW, 'summary')
    if (!view.ok) throw new Error('no view')
    const text = view.texts.join('\n')
    expect(text).toContain('Thu ngân sách: 1.234.568,35 triệu đồng (tổng của 4 đơn vị)')
    expect(text).toContain('Tỷ lệ hộ thanh toán không dùng tiền mặt: 60% (trung bình có trọng số của 3 đơn vị) (Phòng Văn hóa – Xã hội: 50%; Phòng Kinh tế: 75%; Thôn 1: 90%; Thôn 2: 60%)')
    expect(text).toContain('Có điểm wifi công cộng: 3/4 đơn vị có\n')
    expect(text).toContain('Tỷ lệ hộ nghèo: 3,2% (trung bình của 3 đơn vị) (Phòng Văn hóa – Xã hội: 2,5%; Phòng Kinh tế: 3,1%; Thôn 1: 4%)')
  })
})
