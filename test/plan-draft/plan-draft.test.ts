import { writeFileSync, mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { readScheduleDue } from '../../src/domain/calendar/due-phrases.js'
import { readPlanFile } from '../../src/domain/plan-file.js'
import type { Plan } from '../../src/domain/plan-model.js'
import { draftPlan, readDraftSource, writeDraftYaml } from '../../src/plan-draft/index.js'
import { buildDocx, buildXlsx, gridToCsv, indicatorGrid, loadPlan, refName, taskGrid, type Mess } from './fixtures.js'

const dir = mkdtempSync(path.join(tmpdir(), 'dondoc-plan-draft-'))

const EA_WY_BODY = [
  ' - Chủ trì tổ chức triển khai thực hiện Kế hoạch; theo dõi, hướng dẫn, đôn đốc, tổng hợp tình hình, kết quả triển khai. Định kỳ hàng Quý (trước ngày 10 của tháng cuối Quý), 6 tháng (trước ngày 15/6) và năm (trước ngày 15/12) báo cáo UBND xã về tình hình, kết quả thực hiện Kế hoạch.',
  ' - Các cơ quan, đơn vị, các thôn, buôn xây dựng Kế hoạch chi tiết để tổ chức triển khai thực hiện. Hoàn thành và báo cáo về UBND xã (thông qua Phòng Văn hóa – Xã hội) trước ngày 31/7/2025.',
  ' - Định kỳ hàng Quý (trước ngày 05 của tháng cuối Quý), 6 tháng (trước ngày 10/6) và năm (trước ngày 05/12) báo cáo UBND xã (thông qua Phòng Văn hóa – Xã hội) tình hình, kết quả, những khó khăn, vướng mắc trong quá trình tổ chức triển khai thực hiện (nếu có).',
]
const YEN_HOA_NOTE =
  'Chế độ báo cáo: các phòng, đơn vị báo cáo kết quả thực hiện hàng tháng trước ngày 20 hàng tháng, báo cáo Quý trước ngày 10 tháng cuối Quý, báo cáo 6 tháng trước ngày 10/6, báo cáo năm trước ngày 30/11 hoặc đột xuất, gửi về Phòng Văn hóa - Xã hội để tổng hợp.'

const EA_WY_MESS: Mess = {
  merged: true,
  blankColumn: true,
  totalRow: true,
  typo: ['CT05', 'Phòng Kinh tês'],
  abbreviation: ['Phòng Văn hóa – Xã hội', 'Phòng VH-XH', ['CT14', 'CT15', 'CT16']],
}

async function draftFile(file: string) {
  const { yaml, checks } = writeDraftYaml(draftPlan(await readDraftSource(file)))
  const reading = readPlanFile(yaml)
  if (!reading.ok) throw new Error(`draft of ${file} fails plan check:\n${reading.problems.map((p) => `${p.path}: ${p.message}`).join('\n')}\n${yaml}`)
  return { yaml, checks, plan: reading.plan }
}

const names = (plan: Plan, codes: string[]) => codes.map((c) => refName(plan, c)).sort()

/** Every indicator agrees on name, section, milestone targets and unit names. */
function expectSameIndicators(actual: Plan, expected: Plan): void {
  expect(actual.indicators.map((i) => i.name)).toEqual(expected.indicators.map((i) => i.name))
  expected.indicators.forEach((want, i) => {
    const got = actual.indicators[i]
    if (!got) throw new Error(`missing ${want.code}`)
    expect({ code: want.code, section: got.section, targets: got.targets }).toEqual({ code: want.code, section: want.section, targets: want.targets })
    expect({ code: want.code, responsible: names(actual, got.responsible) }).toEqual({ code: want.code, responsible: names(expected, want.responsible) })
    expect({ code: want.code, monitor: names(actual, got.monitor) }).toEqual({ code: want.code, monitor: names(expected, want.monitor) })
  })
}

function expectSameTasks(actual: Plan, expected: Plan): void {
  const view = (plan: Plan) =>
    plan.tasks.map((t) => ({ section: t.section, title: t.title, lead: names(plan, t.lead), support: names(plan, t.support), output: t.output, due: t.due }))
  expect(view(actual)).toEqual(view(expected))
}

/** Schedules agree on period, deadline rule and whether they are the standing office's compilations. */
function expectSameSchedules(actual: Plan, expected: Plan): void {
  const view = (plan: Plan) =>
    plan.schedules
      .map((s) => JSON.stringify({ period: s.period, compile: s.compile, due: s.due === undefined ? null : readScheduleDue(s.due) }))
      .sort()
  expect(view(actual)).toEqual(view(expected))
}

function standingName(plan: Plan): string | undefined {
  return plan.units.find((u) => u.standing)?.name
}

describe('plan draft from a Word appendix (Ea Wy)', () => {
  const expected = loadPlan('ea-wy.yaml')
  const heading = ['ỦY BAN NHÂN DÂN XÃ EA WY', 'KẾ HOẠCH', expected.plan.title.replace(/^Kế hoạch /, '')]

  it('a clean appendix drafts the hand-made plan', async () => {
    const file = path.join(dir, 'ea-wy-clean.docx')
    writeFileSync(file, await buildDocx({ heading, body: EA_WY_BODY, tables: [indicatorGrid(expected), taskGrid(expected)] }))
    const { plan } = await draftFile(file)
    expect(plan.indicators).toHaveLength(44)
    expectSameIndicators(plan, expected)
    expectSameTasks(plan, expected)
    expectSameSchedules(plan, expected)
    expect(standingName(plan)).toBe(standingName(expected))
    expect(plan.plan.issuer).toBe(expected.plan.issuer)
    expect(plan.plan.title).toBe(expected.plan.title)
    const external = expected.units.filter((u) => u.external).map((u) => u.name)
    expect(plan.units.filter((u) => u.external).map((u) => u.name)).toEqual(external)
  })

  it('merged headers, a blank column, a total row, an abbreviation and a typo still agree, with the guesses marked', async () => {
    const file = path.join(dir, 'ea-wy-messy.docx')
    writeFileSync(file, await buildDocx({ heading, body: EA_WY_BODY, tables: [indicatorGrid(expected, EA_WY_MESS), taskGrid(expected)] }))
    const { plan, yaml, checks } = await draftFile(file)
    expectSameIndicators(plan, expected)
    expectSameTasks(plan, expected)
    // The typo and the abbreviation are one unit with the right name; only the typo is flagged.
    expect(plan.units.map((u) => u.name)).not.toContain('Phòng Kinh tês')
    expect(plan.units.map((u) => u.name)).not.toContain('Phòng VH-XH')
    expect(yaml).toContain('# KIỂM TRA: "Phòng Kinh tês" được hiểu là "Phòng Kinh tế"')
    expect(checks.some((c) => c.message.includes('Tổng cộng'))).toBe(true)
    expect(checks.some((c) => c.message.includes('"1 - 2" gộp qua các năm'))).toBe(true)
    expect(checks.some((c) => c.message.includes('Phòng VH-XH'))).toBe(false)
    expect(yaml.match(/^\s*# KIỂM TRA:/gm)?.length).toBe(checks.length)
  })

  it('an Excel workbook with a title row and merged header cells drafts the same indicators', async () => {
    const file = path.join(dir, 'ea-wy.xlsx')
    writeFileSync(
      file,
      await buildXlsx({
        sheets: [
          { name: 'Phụ lục I', title: 'DANH MỤC CÁC CHỈ TIÊU CỤ THỂ VỀ PHÁT TRIỂN KHOA HỌC CÔNG NGHỆ CỦA UBND XÃ EA WY', grid: indicatorGrid(expected, EA_WY_MESS) },
          { name: 'Phụ lục II', title: 'NHIỆM VỤ', grid: taskGrid(expected) },
        ],
        notes: EA_WY_BODY,
      }),
    )
    const { plan } = await draftFile(file)
    expectSameIndicators(plan, expected)
    expectSameTasks(plan, expected)
    expectSameSchedules(plan, expected)
  })
})

describe('plan draft of a single-year plan (Yên Hòa)', () => {
  const expected = loadPlan('yen-hoa.yaml')
  const mess: Mess = { blankColumn: true, typo: ['CT03', 'Phòng Văn hóa - Xã hộ'], abbreviation: ['Phòng Văn hóa - Xã hội', 'Phong Van hoa - Xa hoi', ['CT05']], totalRow: true }

  it('from Excel with a notes sheet holding the calendar', async () => {
    const file = path.join(dir, 'yen-hoa.xlsx')
    writeFileSync(
      file,
      await buildXlsx({
        sheets: [
          { name: 'Chỉ tiêu', title: 'MỤC TIÊU CỤ THỂ 6 THÁNG CUỐI NĂM 2025', grid: indicatorGrid(expected, mess) },
          { name: 'Nhiệm vụ', title: 'PHÂN CÔNG NHIỆM VỤ', grid: taskGrid(expected) },
        ],
        notes: [YEN_HOA_NOTE],
      }),
    )
    const { plan, checks } = await draftFile(file)
    expectSameIndicators(plan, expected)
    expectSameTasks(plan, expected)
    expectSameSchedules(plan, expected)
    expect(standingName(plan)).toBe(standingName(expected))
    expect(checks.some((c) => c.message.includes('"Phòng Văn hóa - Xã hộ" được hiểu là "Phòng Văn hóa - Xã hội"'))).toBe(true)
  })

  it('from Word with merged section rows', async () => {
    const file = path.join(dir, 'yen-hoa.docx')
    writeFileSync(file, await buildDocx({ heading: ['ỦY BAN NHÂN DÂN XÃ YÊN HÒA', expected.plan.title], body: [YEN_HOA_NOTE], tables: [indicatorGrid(expected, { merged: true }), taskGrid(expected)] }))
    const { plan } = await draftFile(file)
    expectSameIndicators(plan, expected)
    expectSameTasks(plan, expected)
    expectSameSchedules(plan, expected)
    expect(plan.plan.issuer).toBe(expected.plan.issuer)
  })

  it('from CSV saved with ";" and a UTF-8 byte-order mark; no calendar gives a marked placeholder schedule', async () => {
    const file = path.join(dir, 'yen-hoa.csv')
    writeFileSync(file, '\uFEFF' + gridToCsv(indicatorGrid(expected, mess), ';'))
    const { plan, checks } = await draftFile(file)
    expectSameIndicators(plan, expected)
    expect(plan.schedules).toHaveLength(1)
    expect(checks.some((c) => c.where.startsWith('lịch báo cáo') && c.message.includes('lịch mẫu'))).toBe(true)
    expect(readFileSync(file, 'utf8').startsWith('\uFEFF')).toBe(true)
  })
})

describe('plan draft errors', () => {
  it('a document without an appendix table says so, naming the file', async () => {
    const file = path.join(dir, 'empty.docx')
    writeFileSync(file, await buildDocx({ heading: ['KẾ HOẠCH'], body: ['Không có bảng.'], tables: [] }))
    await expect(async () => draftPlan(await readDraftSource(file))).rejects.toThrow(/empty\.docx: không tìm thấy bảng chỉ tiêu/)
  })

  it('an unknown file type is refused with the accepted ones', async () => {
    const file = path.join(dir, 'plan.pdf')
    writeFileSync(file, '%PDF')
    await expect(readDraftSource(file)).rejects.toThrow(/plan\.pdf.*\.docx, \.xlsx, \.csv/)
  })
})
