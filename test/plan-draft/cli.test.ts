import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import type { CommandIo } from '../../src/cli/command-io.js'
import { runCli } from '../../src/cli/main.js'
import { readPlanFile } from '../../src/domain/plan-file.js'
import { buildDocx, indicatorGrid, loadPlan, taskGrid } from './fixtures.js'

function captureIo(): CommandIo & { outText: () => string; progressText: () => string } {
  const out: string[] = []
  const progress: string[] = []
  return {
    out: (t) => out.push(t),
    progress: (t) => progress.push(t),
    now: () => new Date('2025-08-01T03:00:00Z'),
    outText: () => out.join('\n'),
    progressText: () => progress.join('\n'),
  }
}

describe('dondoc plan draft', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'dondoc-plan-draft-cli-'))
  const expected = loadPlan('ea-wy.yaml')

  it('writes --out, lists the KIỂM TRA items and reports plan check OK; refuses to overwrite without --force', async () => {
    const docx = path.join(dir, 'ea-wy.docx')
    writeFileSync(docx, await buildDocx({ heading: ['ỦY BAN NHÂN DÂN XÃ EA WY', 'KẾ HOẠCH', 'triển khai'], body: [], tables: [indicatorGrid(expected, { typo: ['CT05', 'Phòng Kinh tês'] }), taskGrid(expected)] }))
    const out = path.join(dir, 'draft.yaml')
    const io = captureIo()
    expect(await runCli(['plan', 'draft', docx, '--out', out], {}, io)).toBe(0)
    expect(readPlanFile(readFileSync(out, 'utf8')).ok).toBe(true)
    expect(io.outText()).toContain(`Đã ghi bản nháp vào ${out}`)
    expect(io.outText()).toMatch(/Cần kiểm tra \d+ chỗ/)
    expect(io.outText()).toContain('"Phòng Kinh tês" được hiểu là "Phòng Kinh tế"')
    expect(io.outText()).toContain('lịch mẫu')
    expect(io.outText()).toContain('Kiểm tra như "plan check": đạt. ')
    expect(io.outText()).toContain('44 chỉ tiêu, 12 nhiệm vụ')
    expect(await runCli(['plan', 'draft', docx, '--out', out], {}, captureIo())).toBe(2)
    expect(await runCli(['plan', 'draft', docx, '--out', out, '--force'], {}, captureIo())).toBe(0)
  })

  it('without --out prints the YAML on stdout and the report apart; a draft that fails plan check says what to fix', async () => {
    const csv = path.join(dir, 'bad.csv')
    writeFileSync(csv, 'STT,Chỉ tiêu,Mục tiêu năm 2025,Đơn vị thực hiện\n1,Tỷ lệ A,≥ nhiều,Phòng Kinh tế\n')
    const io = captureIo()
    expect(await runCli(['plan', 'draft', csv], {}, io)).toBe(1)
    expect(io.outText()).toMatch(/^# Bản nháp kế hoạch/)
    expect(io.progressText()).toContain('mục tiêu năm 2025 "≥ nhiều" không đọc được')
    expect(io.progressText()).toMatch(/chưa đạt, cần sửa 1 chỗ[\s\S]*dòng \d+, chỉ tiêu CT01 \(indicators\[0\]\)\.targets\.2025/)
    expect(existsSync(path.join(dir, 'bad.csv.yaml'))).toBe(false)
  })
})
