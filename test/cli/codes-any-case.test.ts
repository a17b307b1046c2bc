import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest'
import { runCli } from '../../src/cli/main.js'
import { choosePlan } from '../../src/cli/open-database.js'
import { loadPlanFile } from '../../src/cli/plan-source.js'
import { readPlanFile } from '../../src/domain/plan-file.js'
import type { DatabaseHandle } from '../../src/storage/connection.js'
import { importPlan } from '../../src/storage/plan-import.js'
import { findUnitByCode } from '../../src/storage/units.js'
import { createTestDatabase, testDatabaseKind } from '../support/test-database.js'

const fixture = path.join(import.meta.dirname, '..', 'fixtures', 'mini-plan.yaml')
const miniSource = readFileSync(fixture, 'utf8')
const now = new Date('2025-11-20T03:00:00Z')

describe(`plan and unit codes on ${testDatabaseKind}`, () => {
  let t: DatabaseHandle
  beforeEach(async () => {
    t = await createTestDatabase()
  })
  afterEach(async () => t.close())

  async function importMini(edit: (s: string) => string = (s) => s) {
    const r = readPlanFile(edit(miniSource))
    if (!r.ok) throw new Error(JSON.stringify(r.problems))
    return importPlan(t.db, r.plan, { now })
  }

  it('finds a plan and a unit whatever the case typed', async () => {
    const { planId } = await importMini()
    expect((await choosePlan(t, 'MINI')).code).toBe('mini')
    expect(await findUnitByCode(t.db, planId, 'thon-01')).toMatchObject({ code: 'THON-01', name: 'Thôn 1' })
    expect(await findUnitByCode(t.db, planId, 'Dn-Vt')).toMatchObject({ code: 'DN-VT' })
    expect(await findUnitByCode(t.db, planId, 'THON-9')).toBeUndefined()
  })

  it('asks which plan when there are several, listing them, in Vietnamese', async () => {
    await importMini()
    await importMini((s) => s.replace('code: mini', 'code: HUYEN-2').replace('title: "Kế hoạch thử nghiệm"', 'title: "Kế hoạch huyện"'))
    await expect(choosePlan(t, undefined)).rejects.toThrow(
      [
        'cơ sở dữ liệu có 2 kế hoạch; lệnh này cần biết dùng kế hoạch nào: thêm --plan MÃ (không phân biệt chữ hoa, chữ thường), ví dụ --plan mini. Các kế hoạch:',
        '  mini  Kế hoạch thử nghiệm',
        '  HUYEN-2  Kế hoạch huyện',
      ].join('\n'),
    )
    expect((await choosePlan(t, 'huyen-2')).code).toBe('HUYEN-2')
    await expect(choosePlan(t, 'tinh')).rejects.toThrow('không có kế hoạch "tinh"; các kế hoạch hiện có:\n  mini  Kế hoạch thử nghiệm\n  HUYEN-2  Kế hoạch huyện')
  })
})

describe('operator commands take codes in any case', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'dondoc-case-'))
  const env = { DATA_DIR: dataDir, LOG_LEVEL: 'silent' }
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }))
  const run = async (...args: string[]) => {
    const out: string[] = []
    const code = await runCli(args, env, { out: (t) => out.push(t), progress: () => undefined, now: () => new Date('2025-06-20T03:00:00Z') })
    return { code, text: out.join('\n') }
  }

  it('units, invite and calendar with --plan and unit codes typed in lower case', async () => {
    expect((await run('plan', 'import', fixture)).code).toBe(0)
    expect((await run('units', '--plan', 'MINI')).text).toContain('5 đơn vị, 0 đơn vị đã có người liên hệ')
    const invite = await run('invite', 'thon-01', '--plan', 'Mini')
    expect(invite.code).toBe(0)
    expect(invite.text).toContain('Mã mời cho Thôn 1 (THON-01)')
    const calendar = await run('calendar', '--plan', 'MINI', '--unit', 'thon-01', '--from', '2025-07-01', '--to', '2025-09-30', '--json')
    expect(calendar.code).toBe(0)
    const json = JSON.parse(calendar.text) as { unit?: string; periods: { schedule: string }[] }
    expect(json.periods.map((p) => p.schedule)).toEqual(['quy'])
    expect((await run('invite', 'thon-9')).code).toBe(1)
  }, 120_000)
})

describe('a plan file with problems, read by start or calendar', () => {
  it('lists every problem with its line and item, as plan check does', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'dondoc-bad-'))
    try {
      const file = path.join(dir, 'bad.yaml')
      writeFileSync(file, miniSource.replace('    name: "Số doanh nghiệp khởi nghiệp sáng tạo"\n', '    name: "Số doanh nghiệp khởi nghiệp sáng tạo"\n    type: dem\n'))
      expect(() => loadPlanFile(file)).toThrow(
        `${file}: cần sửa 1 chỗ:\n  dòng 37, chỉ tiêu CT02 (indicators[1]).type: phải là một trong: percent, number, integer, yes_no, text, choice`,
      )
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
