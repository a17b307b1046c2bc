import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { runLeaderCommand } from '../../src/reports/leader-commands.js'
import { digestFor } from '../../src/reports/digest.js'
import { pickRequest } from '../../src/reports/period-request.js'
import { readPeriodSummary } from '../../src/reports/period-summary.js'
import { syncPlanPeriods } from '../../src/scheduler/period-sync.js'
import { markSubmitted, saveSection, saveTaskProgress } from '../../src/storage/answers.js'
import type { DatabaseHandle } from '../../src/storage/connection.js'
import { importPlan } from '../../src/storage/plan-import.js'
import { planIds } from '../../src/storage/report-queries.js'
import { reportWriter } from '../support/report-writer.js'
import { reportScope } from '../../src/domain/report-scope.js'
import { samplePlan } from '../support/mini-plan.js'
import { createTestDatabase, testDatabaseKind } from '../support/test-database.js'

/**
 * The Ea Wy annual report of 2026 (with its fourth quarter), tallied by hand.
 * Deadline: before 05/12/2026, i.e. 2026-12-04T17:00Z. 54 units report
 * (55 minus the external telecoms, answered for by Phòng Văn hóa – Xã hội).
 *
 *   KT    submits 03/12 (on time): CT10 12 người/vạn dân, CT12 2, CT21 1, CT05 1,2 %; NV12 done
 *   VHXH  submits 06/12 (late):    CT10 20, CT12 1, CT01 (for the telecoms) 97,5 %
 *   CAX   drafts CT04 "Có" and never submits
 *
 * Hand results (report year 2026 → the 2030 milestones):
 *   CT10 rate: mean(12, 20) = 16, target 2030 "12" → met (never the sum 32)
 *   CT12 count: 2 + 1 = 3, target 2030 "≥ 2" → met
 *   CT21 count: 1, target 2030 "≥ 1" → met
 *   CT05 percent: 1,2 %, target 2030 "≥ 1,5%" → short by 0,3 percentage points
 *   CT01 percent: 97,5 %, target 2030 "100%" → short by 2,5 percentage points
 *   → 3 of 5 judged indicators met; 2/54 submitted = 3 % (floor of 3,7), 1 on time, 1 late.
 */
const IMPORTED = new Date('2026-11-01T01:00:00Z')
const DUE = new Date('2026-12-04T17:00:00Z')

describe(`Ea Wy annual summary by hand (${testDatabaseKind})`, () => {
  let t: DatabaseHandle
  beforeEach(async () => {
    t = await createTestDatabase()
  })
  afterEach(async () => t.close())

  it('counts the combined request once, aggregates by rule, judges the 2030 milestone and attributes all three narratives', async () => {
    const plan = samplePlan('ea-wy')
    const { planId } = await importPlan(t.db, plan, { now: IMPORTED })
    await syncPlanPeriods(t.db, planId, plan, IMPORTED)
    const ids = await planIds(t.db, planId)
    const pick = await pickRequest(t.db, planId, plan, 'năm 2026', new Date('2026-12-10T02:00:00Z'))
    if (!pick.ok) throw new Error('no request')
    const request = pick.request
    expect(request.label).toBe('Năm 2026 (gồm Quý IV/2026)')
    expect(request.dueAt.toISOString()).toBe(DUE.toISOString())
    // The detailed-plan task of a closed one-off report is still asked in the unit's recurring reports.
    expect(reportScope(plan, 'KT', ['quy', 'nam']).tasks).toContain('NV12')

    const writer = await reportWriter(t, planId)
    const periodIds = request.periods.map((p) => p.id)
    const report = (unit: string, at: Date, values: [string, { num: number } | { bool: boolean }][], submit: boolean, about?: Record<string, string>) =>
      writer.report(periodIds, unit, at, values.map(([code, v]) => [code, v, about?.[code]]), submit)
    const kt = await report('KT', new Date('2026-12-03T03:00:00Z'), [['CT10', { num: 12 }], ['CT12', { num: 2 }], ['CT21', { num: 1 }], ['CT05', { num: 1.2 }]], false)
    await saveTaskProgress(t.db, { planId, submissionIds: kt.submissionIds, taskId: ids.tasks.get('NV12')! }, { status: 'done', detail: null }, kt.by)
    await saveSection(t.db, { planId, submissionIds: kt.submissionIds, section: 'results' }, 'Hỗ trợ 2 doanh nghiệp', kt.by)
    await saveSection(t.db, { planId, submissionIds: kt.submissionIds, section: 'difficulties' }, 'Thiếu kinh phí', kt.by)
    // A bidirectional override in a unit's text must not reach the leader.
    await saveSection(t.db, { planId, submissionIds: kt.submissionIds, section: 'proposals' }, 'Bổ sung\u202Eđã duyệt\u202C kinh phí\nnăm 2027', kt.by)
    await markSubmitted(t.db, kt.submissionIds, kt.by)
    const vhxh = await report('VHXH', new Date('2026-12-06T03:00:00Z'), [['CT10', { num: 20 }], ['CT12', { num: 1 }], ['CT01', { num: 97.5 }]], true, { CT01: 'DN-BCVT' })
    // The same difficulty as KT's, with a full stop: stated once for both units, in the plan's unit order.
    await saveSection(t.db, { planId, submissionIds: vhxh.submissionIds, section: 'difficulties' }, 'Thiếu kinh phí.', vhxh.by)
    await report('CAX', new Date('2026-12-02T03:00:00Z'), [['CT04', { bool: true }]], false)

    const summary = await readPeriodSummary(t.db, planId, plan, request)
    expect(summary.completeness).toEqual({ expected: 54, submitted: 2, onTime: 1, late: 1, drafting: 1, notStarted: 51, percent: 3 })
    const fig = (code: string) => summary.indicators.find((f) => f.indicator.code === code)!
    expect(fig('CT10').aggregate).toEqual({ rule: 'mean', value: 16, units: 2 })
    expect(fig('CT12').aggregate).toEqual({ rule: 'sum', value: 3, units: 2 })
    expect(fig('CT05').verdict).toEqual({ kind: 'short', gap: 0.3, percentPoints: true, over: false })
    expect(fig('CT04').aggregate).toBeUndefined() // a draft is not a figure
    expect([summary.met, summary.judged]).toEqual([3, 5])

    const view = await digestFor(t.db, planId, plan, 'quý 4', new Date('2026-12-10T02:00:00Z'))
    if (!view.ok) throw new Error('no view')
    const text = view.texts.join('\n')
    expect(view.texts[0]).toContain('📊 Báo cáo Năm 2026 (gồm Quý IV/2026) (hạn trước ngày 05/12/2026): 2/54 đơn vị đã nộp (3%), 1 đúng hạn, 1 nộp muộn.')
    expect(view.texts[0]).toContain('Nộp muộn: Phòng Văn hóa – Xã hội')
    expect(text).toContain('Chỉ tiêu đã đạt mốc mục tiêu gần nhất: 3/5')
    expect(text).toContain('trên 01 vạn dân: 16 người/vạn dân (trung bình của 2 đơn vị) (Phòng Văn hóa – Xã hội: 20 người/vạn dân; Phòng Kinh tế: 12 người/vạn dân) ✅ đạt mục tiêu đến năm 2030 (12)')
    expect(text).toMatch(/• CT05 [^\n]*: 1,2% \(chỉ Phòng Kinh tế báo cáo\) — mục tiêu đến năm 2030: ≥ 1,5%, còn thiếu 0,3 điểm %/)
    expect(text).toMatch(/• CT01 [^\n]*: 97,5% \(chỉ Các doanh nghiệp bưu chính, công nghệ thông tin trên địa bàn xã báo cáo\) — mục tiêu đến năm 2030: 100%, còn thiếu 2,5 điểm %/)
    expect(text).not.toContain('mục tiêu 2026')
    expect(text).toContain('Kết quả nổi bật:\n• Phòng Kinh tế: Hỗ trợ 2 doanh nghiệp')
    expect(text).toContain('Khó khăn, vướng mắc:\n• Phòng Văn hóa – Xã hội; Phòng Kinh tế: Thiếu kinh phí.\nĐề xuất, kiến nghị:')
    expect(text).toContain('• Phòng Kinh tế: Bổ sungđã duyệt kinh phí năm 2027')
    expect(text).not.toMatch(/[\u202A-\u202E]/)
    // NV12 (before 31/7/2025) is overdue for every lead unit but KT, which reported it done.
    const nv12 = text.split('\n').find((l) => l.startsWith('• NV12'))!
    expect(nv12).toContain('chưa hoàn thành ở Phòng Văn hóa – Xã hội; Văn phòng HĐND và UBND xã;')
    expect(nv12).not.toContain('Phòng Kinh tế')

    // Every view names the same request for the same moment.
    for (const at of ['2026-11-25T02:00:00Z', '2026-12-06T02:00:00Z', '2027-01-20T02:00:00Z']) {
      const now = new Date(at)
      const p = await pickRequest(t.db, planId, plan, undefined, now)
      const d = await digestFor(t.db, planId, plan, undefined, now)
      const leader = (await runLeaderCommand(t.db, planId, 'tonghop', undefined, now))!.join('\n')
      if (!p.ok || !d.ok) throw new Error(`no request at ${at}`)
      expect(d.request.key).toBe(p.request.key)
      expect(leader).toContain(`Đang xem: ${p.request.label}.`)
    }
  })
})
