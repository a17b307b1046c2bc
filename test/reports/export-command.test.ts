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
})
