import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import ExcelJS from 'exceljs'
import { afterAll, describe, expect, it, vi } from 'vitest'
import { runCli } from '../../src/cli/main.js'

describe('dondoc export', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'dondoc-export-'))
  const env = { DATA_DIR: dataDir, LOG_LEVEL: 'silent' }
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }))
  const run = async (...args: string[]) => {
    const out: string[] = []
    const err: string[] = []
    const spy = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => (err.push(String(chunk)), true))
    try {
      const code = await runCli(args, env, { out: (t) => out.push(t), progress: () => undefined, now: () => new Date('2025-12-06T02:00:00Z') })
      return { code, out, err: err.join('') }
    } finally {
      spy.mockRestore()
    }
  }

  it('writes both files into a folder it creates, and refuses bad periods and unwritable folders in one line', async () => {
    expect((await run('plan', 'import', 'test/fixtures/mini-plan.yaml')).code).toBe(0)
    const out = path.join(dataDir, 'new', 'reports')
    const r = await run('export', '--period', 'quý 4/2025', '--out', out)
    expect(r.code).toBe(0)
    const xlsx = path.join(out, 'mini-2025-Y.xlsx')
    const docx = path.join(out, 'mini-2025-Y.docx')
    expect(r.out.slice(1)).toEqual([xlsx, docx])
    expect(existsSync(xlsx) && existsSync(docx)).toBe(true)
    // No submissions: every figure reads "Chưa có số liệu".
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.readFile(xlsx)
    const ws = wb.getWorksheet('Chỉ tiêu')!
    const verdicts: unknown[] = []
    ws.eachRow((row) => /^CT\d+$/.test(String(row.getCell(2).value)) && verdicts.push(row.getCell(9).value))
    expect(verdicts).toEqual(['Chưa có số liệu', 'Chưa có số liệu', 'Chưa có số liệu'])

    const bad = await run('export', '--period', 'quý 7', '--out', out)
    expect(bad.code).toBe(1)
    expect(bad.err.trim().split('\n')).toHaveLength(1)
    expect(bad.err).toContain('kế hoạch mini không có kỳ "quý 7"; các kỳ có thể chọn: ')
    expect(bad.err).toContain('Quý I/2026 (--period 2026-Q1)')

    const file = path.join(dataDir, 'a-file')
    writeFileSync(file, 'x')
    const unwritable = await run('export', '--out', path.join(file, 'sub'))
    expect(unwritable.code).toBe(1)
    expect(unwritable.err).toBe(`dondoc: không ghi được tệp xuất vào thư mục ${path.join(file, 'sub')}: một phần của đường dẫn là tệp, không phải thư mục\n`)
  }, 120_000)

  it('says what comes next when nothing is tracked yet, and refuses unknown options in Vietnamese', async () => {
    // Tân Lập imported on 07/12/2026: its reports of 2025 and 2026 were due before (history), and the next one,
    // the first half of 2027 (due before 05/06/2027), is beyond the 90 days of stored periods.
    const dir = mkdtempSync(path.join(tmpdir(), 'dondoc-export-next-'))
    const at = { ...env, DATA_DIR: dir }
    const now = new Date('2026-12-07T02:00:00Z')
    const runAt = async (...args: string[]) => {
      const err: string[] = []
      const spy = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => (err.push(String(chunk)), true))
      try {
        return { code: await runCli(args, at, { out: () => undefined, progress: () => undefined, now: () => now }), err: err.join('') }
      } finally {
        spy.mockRestore()
      }
    }
    try {
      expect((await runAt('plan', 'import', 'plans/tan-lap.yaml')).code).toBe(0)
      const none = await runAt('export', '--out', path.join(dir, 'out'))
      expect(none.code).toBe(1)
      expect(none.err).toBe(
        'dondoc: kế hoạch tan-lap chưa có kỳ báo cáo nào đang theo dõi; kỳ tới: 6 tháng đầu năm 2027, hạn trước ngày 05/06/2027, mở nhận từ 24/05/2027; ' +
          'kỳ đã hết hạn trước khi bắt đầu theo dõi vẫn xem được: Năm 2025 (--period 2025-Y); 6 tháng đầu năm 2026 (--period 2026-H1); Năm 2026 (--period 2026-Y)\n',
      )
      expect((await runAt('export', '--period', '2026-Y', '--out', path.join(dir, 'out'))).code).toBe(0)
      expect(existsSync(path.join(dir, 'out', 'tan-lap-2026-Y.docx'))).toBe(true)

      expect(await runAt('export', '--bogus')).toEqual({ code: 2, err: 'dondoc: lệnh export không có tùy chọn --bogus; xem `dondoc help`\n' })
      expect(await runAt('status', '--period')).toEqual({ code: 2, err: 'dondoc: tùy chọn --period của lệnh status cần một giá trị ngay sau nó\n' })
      expect(await runAt('export', 'quý 4')).toEqual({ code: 2, err: 'dondoc: lệnh export không nhận "quý 4" (tùy chọn viết bắt đầu bằng --); xem `dondoc help`\n' })
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  }, 120_000)
})
