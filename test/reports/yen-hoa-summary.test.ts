import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { runLeaderCommand } from '../../src/reports/leader-commands.js'
import { syncPlanPeriods } from '../../src/scheduler/period-sync.js'
import { saveTaskProgress } from '../../src/storage/answers.js'
import type { DatabaseHandle } from '../../src/storage/connection.js'
import { importPlan } from '../../src/storage/plan-import.js'
import { pickRequest } from '../../src/reports/period-request.js'
import { samplePlan } from '../support/mini-plan.js'
import { reportWriter } from '../support/report-writer.js'
import { createTestDatabase, testDatabaseKind } from '../support/test-database.js'

/**
 * Yên Hòa's plan sets targets for 2025 only; its monthly report of January
 * 2026 (due before 20/01/2026, i.e. 2026-01-19T17:00Z) is past every
 * milestone. Two units report monthly: VHXH (all eleven indicators) and KT
 * (task NV04 only).
 *
 *   VHXH submits 19/01 08:00 (on time): CT01 70 %, CT02 Có, CT08 3
 *   KT   submits 21/01 (late): NV04 in progress
 *
 * By hand: 2/2 submitted (100 %), 1 on time, 1 late; no indicator is judged
 * (no 2026 milestone): never "chưa đạt", never "mục tiêu 2026"; CT08, an
 * index ("Chỉ số …"), is a mean of its one unit: 3.
 */
describe(`Yên Hòa January 2026 by hand (${testDatabaseKind})`, () => {
  let t: DatabaseHandle
  beforeEach(async () => {
    t = await createTestDatabase()
  })
  afterEach(async () => t.close())

  it('says the plan sets no target after 2025 instead of judging against one', async () => {
    const plan = samplePlan('yen-hoa')
    const imported = new Date('2025-12-20T01:00:00Z')
    const { planId } = await importPlan(t.db, plan, { now: imported })
    await syncPlanPeriods(t.db, planId, plan, new Date('2026-01-25T01:00:00Z'))
    const now = new Date('2026-01-25T02:00:00Z')
    const pick = await pickRequest(t.db, planId, plan, 'tháng 1', now)
    if (!pick.ok) throw new Error('no request')
    expect(pick.request.label).toBe('Tháng 1/2026')
    const ids = pick.request.periods.map((p) => p.id)
    const w = await reportWriter(t, planId)
    await w.report(ids, 'VHXH', new Date('2026-01-19T01:00:00Z'), [['CT01', { num: 70 }], ['CT02', { bool: true }], ['CT08', { num: 3 }]], true)
    const kt = await w.report(ids, 'KT', new Date('2026-01-21T03:00:00Z'), [], false)
    await saveTaskProgress(t.db, { planId, submissionIds: kt.submissionIds, taskId: w.ids.tasks.get('NV04')! }, { status: 'in_progress', detail: null }, kt.by)
    await w.report(ids, 'KT', new Date('2026-01-21T03:00:00Z'), [], true)

    const text = (await runLeaderCommand(t.db, planId, 'tonghop', 'tháng 1', now))!.join('\n')
    expect(text).toContain('📊 Báo cáo Tháng 1/2026 (hạn trước ngày 20/01/2026): 2/2 đơn vị đã nộp (100%), 1 đúng hạn, 1 nộp muộn.')
    expect(text).toContain('Nộp muộn: Phòng Kinh tế')
    expect(text).toContain('• CT01 Tỷ lệ phủ sóng 5G trên địa bàn: 70% (chỉ Phòng Văn hóa - Xã hội báo cáo) — kế hoạch không đặt mục tiêu sau năm 2025')
    expect(text).toMatch(/• CT02 [^\n]*: 1\/1 đơn vị có \(Phòng Văn hóa - Xã hội: Có\) — kế hoạch không đặt mục tiêu sau năm 2025/)
    expect(text).toMatch(/• CT08 [^\n]*: 3 \(chỉ Phòng Văn hóa - Xã hội báo cáo\) — kế hoạch không đặt mục tiêu sau năm 2025/)
    expect(text).not.toContain('Chỉ tiêu đã đạt mốc')
    expect(text).not.toContain('chưa đạt')
    expect(text).not.toContain('mục tiêu 2026')
    expect(text).not.toContain('Nhiệm vụ quá hạn') // every Yên Hòa task is "Thường xuyên"

    // An unknown period lists the choices, in words.
    const unknown = (await runLeaderCommand(t.db, planId, 'tonghop', 'quý 9', now))!.join('\n')
    expect(unknown).toContain('Không tìm thấy kỳ báo cáo "quý 9". Các kỳ có thể xem:')
    expect(unknown).toContain('Tháng 1/2026')
    expect(unknown).not.toMatch(/\d{4}-(Q|M|Y)/)
  })
})
