import { pickRequest, type PlanRequest } from '../../src/reports/period-request.js'
import { syncPlanPeriods } from '../../src/scheduler/period-sync.js'
import type { AnswerValue } from '../../src/domain/answer-rules.js'
import type { Plan } from '../../src/domain/plan-model.js'
import { ensureSubmission, markSubmitted, saveIndicatorAnswer, saveSection, saveTaskProgress } from '../../src/storage/answers.js'
import type { Db, TaskStatus } from '../../src/storage/database.js'
import { importPlan } from '../../src/storage/plan-import.js'
import { planIds } from '../../src/storage/report-queries.js'
import { miniPlan } from '../support/mini-plan.js'

/**
 * The mini plan with a rate for the two villages (CT04, a percentage: mean),
 * and the annual report of 2025 (with its fourth quarter), tallied by hand.
 * Deadline: before 05/12/2025 = 2025-12-04T17:00Z. Expected: VHXH, KT, THON-01, THON-02.
 *
 *   VHXH    "Chị Lan", Telegram, submits 01/12 10:00 (on time): CT01 for DN-VT 97,5 % ("Theo số liệu nhà mạng")
 *   THON-01 "Anh Ba", Zalo, submits 02/12 10:00 (on time): CT03 Có, CT04 70 % ("ước tính"), NV02 done "Đã ban hành kế hoạch"
 *   THON-02 "Chị Tư", Telegram, submits 06/12 10:00 (late): CT03 Không, CT04 90 %, NV02 delayed "Thiếu kinh phí";
 *           difficulties "Thiếu máy tính", proposals "Hỗ trợ thiết bị"
 *   KT      nothing.
 *   Năm 2024 (the previous annual request): THON-01 CT04 60, THON-02 CT04 50.
 *
 * By hand: CT04 mean(70, 90) = 80 ≥ 80 → Đạt (previous mean(60, 50) = 55);
 * CT03 1 "Có" of 2 (mixed: not judged); CT01 97,5 ≥ 60 → Đạt; CT02 no value
 * (KT missing) → Chưa có số liệu, 0/1. 3/4 submitted (75 %), 2 on time, 1 late.
 * NV02 (before 31/7/2025) is overdue at Thôn 2 only.
 */
export const IMPORTED = new Date('2025-10-01T01:00:00Z')
export const NOW = new Date('2025-12-10T02:00:00Z')

/** The mini plan with CT04. */
export function exportPlan(): Plan {
  return miniPlan((s) =>
    s.replace(
      'tasks:\n',
      `  - code: CT04
    section: "II. Nguồn lực"
    name: "Tỷ lệ hộ gia đình có cáp quang"
    type: percent
    targets:
      2025: "≥ 80%"
    responsible: [thon-buon]
    monitor: [VHXH]
tasks:
`,
    ),
  )
}

type Entry = { unit: string; name: string; channel: 'telegram' | 'zalo'; at: string; values: [string, AnswerValue, string?][]; about?: Record<string, string>; tasks?: [string, TaskStatus, string][]; sections?: ['results' | 'difficulties' | 'proposals', string][] }

/** Import the plan and write the answers above; returns the plan's id and the annual request of 2025. */
export async function seedExportData(db: Db): Promise<{ planId: number; plan: Plan; request: PlanRequest; requests: PlanRequest[] }> {
  const plan = exportPlan()
  const { planId } = await importPlan(db, plan, { now: IMPORTED })
  await syncPlanPeriods(db, planId, plan, IMPORTED)
  const ids = await planIds(db, planId)
  const request = async (words: string) => {
    const pick = await pickRequest(db, planId, plan, words, NOW)
    if (!pick.ok) throw new Error(`no request ${words}`)
    return pick
  }
  const contacts = new Map<string, number>()
  const report = async (r: PlanRequest, e: Entry) => {
    const unitId = ids.units.get(e.unit)!.id
    const at = new Date(e.at)
    const subs = await Promise.all(r.periods.map((p) => ensureSubmission(db, planId, unitId, p.id, at)))
    const key = `${e.unit}:${e.channel}`
    if (!contacts.has(key)) {
      const c = await db.insertInto('contacts').values({ plan_id: planId, unit_id: unitId, role: 'reporter', display_name: e.name, channel: e.channel, user_id: key, chat_id: key }).returning('id').executeTakeFirstOrThrow()
      contacts.set(key, c.id)
    }
    const by = { contactId: contacts.get(key)!, channel: e.channel, at }
    const submissionIds = subs.map((s) => s.id)
    for (const [code, value, note] of e.values) {
      const aboutUnitId = ids.units.get(e.about?.[code] ?? e.unit)!.id
      await saveIndicatorAnswer(db, { planId, submissionIds, indicatorId: ids.indicators.get(code)!, aboutUnitId }, { value, note: note ?? null }, by)
    }
    for (const [code, status, detail] of e.tasks ?? []) await saveTaskProgress(db, { planId, submissionIds, taskId: ids.tasks.get(code)! }, { status, detail }, by)
    for (const [section, body] of e.sections ?? []) await saveSection(db, { planId, submissionIds, section }, body, by)
    await markSubmitted(db, submissionIds, by)
  }
  const y2024 = (await request('năm 2024')).request
  await report(y2024, { unit: 'THON-01', name: 'Anh Ba', channel: 'zalo', at: '2024-12-02T03:00:00Z', values: [['CT04', { num: 60 }]] })
  await report(y2024, { unit: 'THON-02', name: 'Chị Tư', channel: 'telegram', at: '2024-12-02T03:00:00Z', values: [['CT04', { num: 50 }]] })
  const pick = await request('năm 2025')
  const y2025 = pick.request
  await report(y2025, { unit: 'VHXH', name: 'Chị Lan', channel: 'telegram', at: '2025-12-01T03:00:00Z', values: [['CT01', { num: 97.5 }, 'Theo số liệu nhà mạng']], about: { CT01: 'DN-VT' } })
  await report(y2025, {
    unit: 'THON-01',
    name: 'Anh Ba',
    channel: 'zalo',
    at: '2025-12-02T03:00:00Z',
    values: [
      ['CT03', { bool: true }],
      ['CT04', { num: 70 }, 'ước tính'],
    ],
    tasks: [['NV02', 'done', 'Đã ban hành kế hoạch']],
  })
  await report(y2025, {
    unit: 'THON-02',
    name: 'Chị Tư',
    channel: 'telegram',
    at: '2025-12-06T03:00:00Z',
    values: [
      ['CT03', { bool: false }],
      ['CT04', { num: 90 }],
    ],
    tasks: [['NV02', 'delayed', 'Thiếu kinh phí']],
    sections: [
      ['difficulties', 'Thiếu máy tính'],
      ['proposals', 'Hỗ trợ thiết bị'],
    ],
  })
  return { planId, plan, request: y2025, requests: pick.requests }
}
