/**
 * `plan draft` on the Tân Lập Word file (plans/sources/tan-lap.docx, rebuilt
 * from seed 002 by test/fixtures/tan-lap/build-docx.ts) and the plan the
 * office made of it (plans/tan-lap.yaml). Expected values are counted by hand
 * from the seed's text.
 */
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { readPlanFile } from '../../src/domain/plan-file.js'
import { draftPlan, readDraftSource, writeDraftYaml } from '../../src/plan-draft/index.js'
import { readDocx } from '../../src/plan-draft/read-docx.js'
import { buildTanLapDocx } from '../fixtures/tan-lap/build-docx.js'
import { samplePlan } from '../support/mini-plan.js'

const ROOT = path.join(import.meta.dirname, '..', '..')
const DOCX = path.join(ROOT, 'plans', 'sources', 'tan-lap.docx')

/** Items a) … under each numbered group of "II. NHIỆM VỤ VÀ GIẢI PHÁP" in seed 002. */
const ITEMS_PER_GROUP = [12, 6, 7, 6, 9, 6, 2, 3]

/** The review recorded in README ("Từ văn bản kế hoạch đến lời nhắc đầu tiên"): what the office changed. */
const REVIEWED: Record<string, { lead: string[]; support: string[]; due: string }> = {
  NV15: { lead: ['KTHTDT'], support: [], due: 'Thường xuyên' },
  NV16: { lead: ['KTHTDT'], support: [], due: 'Thường xuyên' },
  NV18: { lead: ['TTPVHCC'], support: ['CA'], due: 'Thường xuyên' },
  NV23: { lead: ['CA'], support: [], due: 'Thường xuyên' },
  NV32: { lead: ['TTPVHCC'], support: ['CA'], due: 'Thường xuyên' },
  NV37: { lead: ['KTHTDT'], support: [], due: '2030' },
}

describe('plan draft of the Tân Lập Word file (no appendix tables, tasks in prose)', async () => {
  const { yaml, checks } = writeDraftYaml(draftPlan(await readDraftSource(DOCX)))
  const reading = readPlanFile(yaml)
  if (!reading.ok) throw new Error(JSON.stringify(reading.problems))
  const draft = reading.plan

  it('reads the header block, the four units of section IV and the calendar of IV.1', () => {
    expect(draft.plan).toMatchObject({
      code: 'tan-lap',
      issuer: 'UBND phường Tân Lập',
      title: 'Kế hoạch Triển khai các nhiệm vụ phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số được UBND tỉnh giao tại Kế hoạch số 146/KH-UBND ngày 25/6/2025',
    })
    expect(draft.units.map((u) => [u.code, u.name, u.standing])).toEqual([
      ['TTPVHCC', 'Trung tâm phục vụ Hành chính công', false],
      ['VHXH', 'Phòng Văn hoá – Xã hội', true],
      ['CA', 'Công an phường', false],
      ['KTHTDT', 'Phòng Kinh tế, Hạ tầng và Đô thị', false],
    ])
    expect(draft.schedules.map((s) => [s.code, s.period, s.due, s.compile])).toEqual([
      ['6thang', 'half', 'trước ngày 05/6', false],
      ['nam', 'year', 'trước ngày 20/11', false],
      ['dotxuat', 'adhoc', undefined, false], // "hoặc báo cáo đột xuất theo yêu cầu": requests opened with `dondoc request open`
    ])
    expect(draft.indicators).toEqual([])
  })

  it('makes one task of each lettered item, in its numbered group, worded as the document words it', () => {
    expect(draft.tasks).toHaveLength(51)
    const sections = [...new Set(draft.tasks.map((t) => t.section))]
    expect(sections.map((s) => s?.slice(0, 2))).toEqual(['1.', '2.', '3.', '4.', '5.', '6.', '7.', '8.'])
    expect(sections.map((s) => draft.tasks.filter((t) => t.section === s).length)).toEqual(ITEMS_PER_GROUP)
    expect(draft.tasks[0]?.title).toBe(
      'Tổ chức triển khai tuyên truyền thường xuyên, sâu rộng về nội dung Nghị quyết số 57-NQ/TW và các văn bản có liên quan theo hướng: Đa dạng hóa các hình thức tuyên truyền thông qua báo chí, phát thanh, các nền tảng số, mạng xã hội và các phương tiện điện tử khác. Cụ thể hóa nội dung tuyên truyền cho từng nhóm đối tượng người dân, doanh nghiệp, cán bộ công chức; kế hoạch tuyên truyền phải có mục tiêu, có bộ tiêu chí đánh giá cụ thể',
    )
    expect(draft.tasks.find((t) => t.code === 'NV51')?.title).toBe(
      'Đẩy mạnh tuyên truyền, nâng cao nhận thức cộng đồng về vai trò, kết quả của việc phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số trong phát triển kinh tế - xã hội, nâng cao đời sống vật chất và tinh thần của Nhân dân',
    )
    expect(draft.tasks.every((t) => t.lead.join() === 'VHXH' && t.due === 'Thường xuyên')).toBe(true)
  })

  it('asks the operator about 8 things: code, standing office, three units without work, the prose tasks, the calendar, the ad hoc reports', () => {
    expect(checks.map((c) => c.where)).toEqual(['plan', 'đơn vị TTPVHCC', 'đơn vị VHXH', 'đơn vị CA', 'đơn vị KTHTDT', 'nhiệm vụ NV01 (mục II.1.a)', 'lịch báo cáo 6thang', 'lịch báo cáo dotxuat'])
  })

  it('plans/tan-lap.yaml is this draft with only the reviewed leads, supports and deadline changed', () => {
    const reviewed = samplePlan('tan-lap')
    expect(reviewed.plan).toEqual(draft.plan)
    expect(reviewed.units).toEqual(draft.units)
    expect(reviewed.schedules).toEqual(draft.schedules)
    expect(reviewed.tasks.map((t) => [t.code, t.section, t.title])).toEqual(draft.tasks.map((t) => [t.code, t.section, t.title]))
    for (const t of reviewed.tasks) {
      const want = REVIEWED[t.code] ?? { lead: ['VHXH'], support: [], due: 'Thường xuyên' }
      expect({ code: t.code, lead: t.lead, support: t.support, due: t.due }).toEqual({ code: t.code, ...want })
    }
  })

  it('the generator rebuilds the committed Word file from the seed, paragraph for paragraph', async () => {
    const rebuilt = readDocx(new Uint8Array(await buildTanLapDocx()), 'rebuilt.docx')
    const committed = readDocx(new Uint8Array(readFileSync(DOCX)), 'tan-lap.docx')
    expect(rebuilt.paragraphs).toEqual(committed.paragraphs)
    expect(rebuilt.tables.map((t) => t.rows)).toEqual(committed.tables.map((t) => t.rows))
    expect(committed.paragraphs).toContain('2. Mục tiêu cụ thể (Chi tiết tại Phụ lục I kèm theo)')
  })
})
