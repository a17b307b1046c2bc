import { readFileSync } from 'node:fs'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { describeImport } from '../../src/cli/import-summary.js'
import { readPlanFile } from '../../src/domain/plan-file.js'
import type { Plan } from '../../src/domain/plan-model.js'
import type { DatabaseHandle } from '../../src/storage/connection.js'
import { importPlan } from '../../src/storage/plan-import.js'
import { createTestDatabase, testDatabaseKind } from '../support/test-database.js'

const miniSource = readFileSync(new URL('../fixtures/mini-plan.yaml', import.meta.url), 'utf8')
function mini(edit: (s: string) => string = (s) => s): Plan {
  const r = readPlanFile(edit(miniSource))
  if (!r.ok) throw new Error(JSON.stringify(r.problems))
  return r.plan
}
const now = new Date('2025-11-20T03:00:00Z')

/** CT01 renamed, CT02's 2030 target raised, CT03 removed, CT04 added. */
const edited = (s: string) =>
  s
    .replace('name: "Tỷ lệ phủ sóng 5G"', 'name: "Tỷ lệ phủ sóng 5G toàn xã"')
    .replace('2030: "≥ 05"', '2030: "≥ 06"')
    .replace(/ {2}- code: CT03[\s\S]*?monitor: \[VHXH\]\n/, '')
    .replace(
      'tasks:\n',
      ['  - code: CT04', '    section: "I. Hạ tầng"', '    name: "Số điểm Wi-Fi công cộng"', '    targets:', '      2030: 80', '    responsible: [KT]', '    monitor: [KT]', 'tasks:', ''].join('\n'),
    )

describe(`plan import summary, computed against the stored plan, on ${testDatabaseKind}`, () => {
  let t: DatabaseHandle
  beforeEach(async () => {
    t = await createTestDatabase()
  })
  afterEach(async () => t.close())

  it('says what a new plan holds, then "không có thay đổi" for the same file again', async () => {
    expect(describeImport(await importPlan(t.db, mini(), { now, sourceHash: 'a' }))).toBe(
      ['kế hoạch mini: đã tạo', '  nhóm: 1', '  đơn vị: 5', '  chế độ báo cáo: 2', '  chỉ tiêu: 3', '  nhiệm vụ: 2'].join('\n'),
    )
    const again = await importPlan(t.db, mini(), { now, sourceHash: 'a' })
    expect(again.counts.units).toEqual({ added: 0, updated: 0, archived: 0 })
    expect(describeImport(again)).toBe('kế hoạch mini: không có thay đổi')
    // The same content written differently (another hash: a comment added) is still no change.
    expect(describeImport(await importPlan(t.db, mini((s) => `# sửa lần 2\n${s}`), { now, sourceHash: 'b' }))).toBe('kế hoạch mini: không có thay đổi')
  })

  it('lists what was added, changed field by field, and archived; putting things back says so', async () => {
    await importPlan(t.db, mini(), { now })
    const summary = await importPlan(t.db, mini(edited), { now })
    expect(summary.counts.indicators).toEqual({ added: 1, updated: 2, archived: 1 })
    expect(describeImport(summary)).toBe(
      [
        'kế hoạch mini: đã cập nhật',
        '  chỉ tiêu: thêm 1, sửa 2, lưu trữ 1',
        '    thêm CT04 "Số điểm Wi-Fi công cộng"',
        '    CT01 tên: "Tỷ lệ phủ sóng 5G" → "Tỷ lệ phủ sóng 5G toàn xã"',
        '    CT02 mục tiêu 2030: ≥ 05 → ≥ 06',
        '    lưu trữ CT03 "Thôn có tổ công nghệ số cộng đồng" (không còn trong tệp; số liệu đã thu vẫn giữ)',
      ].join('\n'),
    )
    expect(describeImport(await importPlan(t.db, mini(edited), { now }))).toBe('kế hoạch mini: không có thay đổi')

    expect(describeImport(await importPlan(t.db, mini(), { now }))).toBe(
      [
        'kế hoạch mini: đã cập nhật',
        '  chỉ tiêu: thêm 1, sửa 2, lưu trữ 1',
        '    thêm CT03 "Thôn có tổ công nghệ số cộng đồng" (lấy lại từ lưu trữ, giữ số liệu cũ)',
        '    CT01 tên: "Tỷ lệ phủ sóng 5G toàn xã" → "Tỷ lệ phủ sóng 5G"',
        '    CT02 mục tiêu 2030: ≥ 06 → ≥ 05',
        '    lưu trữ CT04 "Số điểm Wi-Fi công cộng" (không còn trong tệp; số liệu đã thu vẫn giữ)',
      ].join('\n'),
    )
  })

  it('names plan header and unit changes, a new target year, and a new order', async () => {
    await importPlan(t.db, mini(), { now })
    const changed = mini((s) =>
      s
        .replace('title: "Kế hoạch thử nghiệm"', 'title: "Kế hoạch thử nghiệm (sửa đổi)"')
        .replace('      2030: "100%"\n', '      2030: "100%"\n      2027: "≥ 80%"\n')
        .replace('    groups: [thon-buon]\n  - code: THON-02', '  - code: THON-02')
        .replace(/( {2}- code: NV01[\s\S]*?due: "Thường xuyên"\n)( {2}- code: NV02[\s\S]*?due: "trước ngày 31\/7\/2025"\n)/, '$2$1'),
    )
    expect(describeImport(await importPlan(t.db, changed, { now }))).toBe(
      [
        'kế hoạch mini: đã cập nhật',
        '  kế hoạch, tên: "Kế hoạch thử nghiệm" → "Kế hoạch thử nghiệm (sửa đổi)"',
        '  đơn vị: thêm 0, sửa 1, lưu trữ 0',
        '    THON-01 nhóm: thon-buon → (trống)',
        '  chỉ tiêu: thêm 0, sửa 1, lưu trữ 0',
        '    CT01 mục tiêu 2027: (không có) → ≥ 80%',
        '  nhiệm vụ: thêm 0, sửa 0, lưu trữ 0',
        '    đổi thứ tự',
      ].join('\n'),
    )
  })
})
