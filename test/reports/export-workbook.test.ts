import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import ExcelJS from 'exceljs'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { parseCsv } from '../../src/plan-draft/read-csv.js'
import { readExportData } from '../../src/reports/export/export-data.js'
import { buildWorkbook } from '../../src/reports/export/workbook.js'
import type { DatabaseHandle } from '../../src/storage/connection.js'
import { createTestDatabase, testDatabaseKind } from '../support/test-database.js'
import { NOW, seedExportData } from './export-fixture.js'

/** Rows of a sheet as arrays of cell values (index 0 = column A), from the header row on; an empty cell reads ''. */
function rowsOf(ws: ExcelJS.Worksheet): unknown[][] {
  const out: unknown[][] = []
  ws.eachRow((row) => out.push(Array.from({ length: ws.columnCount }, (_, i) => row.getCell(i + 1).value ?? '')))
  return out
}

/** LibreOffice Calc is installed (Debian's libreoffice-calc-nogui): the Writer-only package cannot open a workbook. */
function calcInstalled(): boolean {
  const which = spawnSync('sh', ['-c', 'command -v soffice'], { encoding: 'utf8' })
  if (which.status !== 0) return false
  return existsSync(path.join(path.dirname(realpathSync(which.stdout.trim())), 'libsclo.so'))
}

describe(`export workbook, read back by hand (${testDatabaseKind})`, () => {
  let t: DatabaseHandle
  beforeEach(async () => {
    t = await createTestDatabase()
  })
  afterEach(async () => t.close())

  it('lays out indicators, unit values, tasks, submissions and narratives with hand-computed figures', async () => {
    const { planId, plan, request, requests } = await seedExportData(t.db)
    expect(request.label).toBe('Năm 2025 (gồm Quý IV/2025)')
    const data = await readExportData(t.db, planId, plan, request, requests, NOW)
    expect(data.previous?.request.label).toBe('Năm 2024 (gồm Quý IV/2024)')
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load((await buildWorkbook(data)) as never)
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Chỉ tiêu', 'Theo đơn vị', 'Nhiệm vụ', 'Tiến độ nộp', 'Khó khăn – Đề xuất'])

    const ind = wb.getWorksheet('Chỉ tiêu')!
    expect(ind.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 })
    expect(ind.pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape', fitToWidth: 1 })
    const rows = rowsOf(ind)
    expect(rows[1]).toEqual(['STT', 'Mã', 'Chỉ tiêu', 'Đơn vị tính', 'Mục tiêu (mốc áp dụng)', 'Kết quả kỳ này', 'Cách tổng hợp', 'Kỳ trước', 'Đánh giá', 'Ghi chú', 'Đơn vị chủ trì', 'Đơn vị theo dõi', 'Đơn vị đã báo cáo / phải báo cáo'])
    expect(rows[2]![0]).toBe('I. Hạ tầng') // section heading row
    const byCode = (code: string) => rows.find((r) => r[1] === code)!
    // The rate is the mean of the two villages (never the sum 160), stored as a number with a % display format.
    expect(byCode('CT04').slice(3, 13)).toEqual(['%', '≥ 80% (đến năm 2025)', 80, 'Trung bình', 55, 'Đạt', '', '2 thôn, buôn', 'Phòng Văn hóa – Xã hội', '2/2'])
    const ct04Row = ind.getRow(rows.indexOf(byCode('CT04')) + 1)
    expect(ct04Row.getCell(6).numFmt).toBe('#,##0" %"')
    // Yes/no: the units that said yes are counted (1 of 2), mixed answers are not judged.
    expect(byCode('CT03').slice(5, 13)).toEqual([1, 'Đếm đơn vị trả lời "Có"', 'Chưa có số liệu', 'Chưa đánh giá', 'mục tiêu không so được bằng số', '2 thôn, buôn', 'Phòng Văn hóa – Xã hội', '2/2'])
    // The missing unit: KT never reported CT02.
    expect(byCode('CT02').slice(4, 13)).toEqual(['01 đến 02 (đến năm 2025)', 'Chưa có số liệu', 'Tổng', 'Chưa có số liệu', 'Chưa có số liệu', '', 'Phòng Kinh tế', 'Phòng Kinh tế', '0/1'])
    expect(byCode('CT01').slice(5, 9)).toEqual([97.5, 'Trung bình', 'Chưa có số liệu', 'Đạt'])

    const units = rowsOf(wb.getWorksheet('Theo đơn vị')!)
    const entry = (code: string, unit: string) => units.find((r) => r[1] === code && r[3] === unit)!
    expect(entry('CT04', 'Thôn 1').slice(4, 10)).toEqual([70, '%', 'ước tính', 'Anh Ba', new Date('2025-12-02T10:00:00Z'), 'Zalo'])
    expect(entry('CT01', 'Doanh nghiệp viễn thông').slice(4, 10)).toEqual([97.5, '%', 'Theo số liệu nhà mạng', 'Chị Lan', new Date('2025-12-01T10:00:00Z'), 'Telegram'])
    expect(entry('CT03', 'Thôn 2')[4]).toBe('Không')
    expect(entry('CT02', 'Phòng Kinh tế').slice(4, 10)).toEqual(['Chưa có số liệu', 'doanh nghiệp', '', '', '', ''])
    expect(units.length).toBe(2 + 1 + 1 + 2 + 2) // title, header, CT01×1, CT02×1, CT03×2, CT04×2

    const taskSheet = wb.getWorksheet('Nhiệm vụ')!
    const tasks = rowsOf(taskSheet)
    const task = (code: string, unit: string) => tasks.find((r) => r[1] === code && r[7] === unit)!
    expect(task('NV02', 'Thôn 2').slice(8, 12)).toEqual(['Chậm tiến độ', '', 'Thiếu kinh phí', 'Quá hạn'])
    expect(task('NV02', 'Thôn 1').slice(8, 12)).toEqual(['Hoàn thành', 'Đã ban hành kế hoạch', '', ''])
    expect(task('NV01', 'Phòng Kinh tế').slice(3, 12)).toEqual(['Phòng Kinh tế', 'Phòng Văn hóa – Xã hội', '', 'Thường xuyên', 'Phòng Kinh tế', 'Chưa báo cáo', '', '', ''])
    const overdueRow = taskSheet.getRow(tasks.indexOf(task('NV02', 'Thôn 2')) + 1)
    expect((overdueRow.getCell(3).fill as ExcelJS.FillPattern).fgColor?.argb).toBe('FFFFE0E0')

    const subs = rowsOf(wb.getWorksheet('Tiến độ nộp')!)
    const sub = (code: string) => subs.find((r) => r[1] === code)!
    expect(sub('THON-02').slice(3, 8)).toEqual(['Đã nộp', new Date('2025-12-06T10:00:00Z'), 'Nộp muộn', 'Chị Tư', 'Telegram'])
    expect(sub('VHXH').slice(3, 8)).toEqual(['Đã nộp', new Date('2025-12-01T10:00:00Z'), 'Đúng hạn', 'Chị Lan', 'Telegram'])
    expect(sub('KT').slice(2, 8)).toEqual(['Phòng Kinh tế', 'Chưa bắt đầu', '', '', '', ''])

    const narrative = rowsOf(wb.getWorksheet('Khó khăn – Đề xuất')!)
    expect(narrative.slice(2)).toEqual([
      [1, 'Khó khăn, vướng mắc', 'Thôn 2', 'Thiếu máy tính'],
      [2, 'Đề xuất, kiến nghị', 'Thôn 2', 'Hỗ trợ thiết bị'],
    ])
  }, 60_000)

  // The data rows are written as SpreadsheetML by our own code (sheet-rows.ts), so a strict reader other
  // than exceljs opens the file too: LibreOffice Calc, every sheet, values as the display formats show them.
  it('opens in LibreOffice Calc with every sheet, number and date shown in its format', async (ctx) => {
    if (!calcInstalled()) {
      console.warn('export-workbook: LibreOffice Calc is not installed; skipping the Calc read-back (apt-get install -y libreoffice-calc-nogui)')
      ctx.skip()
    }
    const { planId, plan, request, requests } = await seedExportData(t.db)
    const data = await readExportData(t.db, planId, plan, request, requests, NOW)
    const dir = mkdtempSync(path.join(tmpdir(), 'dondoc-calc-'))
    try {
      const xlsx = path.join(dir, 'bao-cao.xlsx')
      writeFileSync(xlsx, await buildWorkbook(data))
      // Filter options: comma, double quote, UTF-8, from line 1, cells as shown, every sheet to its own file.
      const filter = 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1'
      execFileSync('soffice', ['--headless', `-env:UserInstallation=file://${dir}/lo-profile`, '--convert-to', filter, '--outdir', dir, xlsx], { stdio: 'pipe', timeout: 120_000 })
      const sheet = (name: string) => parseCsv(readFileSync(path.join(dir, `bao-cao-${name}.csv`), 'utf8'), ',')

      const ind = sheet('Chỉ tiêu')
      expect(ind[0]![0]).toBe('Kết quả thực hiện các chỉ tiêu — Năm 2025 (gồm Quý IV/2025)')
      expect(ind[2]![0]).toBe('I. Hạ tầng')
      const ct04 = ind.find((r) => r[1] === 'CT04')!
      // Mean of 70 and 90, previous mean of 60 and 50, with the percent display format.
      expect([ct04[5], ct04[7], ct04[8], ct04[12]]).toEqual(['80 %', '55 %', 'Đạt', '2/2'])
      expect(ind.find((r) => r[1] === 'CT01')![5]).toMatch(/^97[.,]5 %$/)
      expect(ind.find((r) => r[1] === 'CT03')![5]).toBe('1 đơn vị có trên 2 đơn vị')

      const units = sheet('Theo đơn vị')
      // 02/12/2025 10:00 in Hà Nội time, day first.
      expect(units.find((r) => r[1] === 'CT04' && r[3] === 'Thôn 1')!.slice(4, 10)).toEqual(['70 %', '%', 'ước tính', 'Anh Ba', '02/12/2025 10:00', 'Zalo'])
      expect(units.find((r) => r[1] === 'CT02')!.slice(3, 6)).toEqual(['Phòng Kinh tế', 'Chưa có số liệu', 'doanh nghiệp'])

      expect(sheet('Nhiệm vụ').find((r) => r[1] === 'NV02' && r[7] === 'Thôn 2')!.slice(8, 12)).toEqual(['Chậm tiến độ', '', 'Thiếu kinh phí', 'Quá hạn'])
      expect(sheet('Tiến độ nộp').find((r) => r[1] === 'THON-02')!.slice(3, 8)).toEqual(['Đã nộp', '06/12/2025 10:00', 'Nộp muộn', 'Chị Tư', 'Telegram'])
      expect(sheet('Khó khăn – Đề xuất').slice(2)).toEqual([
        ['1', 'Khó khăn, vướng mắc', 'Thôn 2', 'Thiếu máy tính'],
        ['2', 'Đề xuất, kiến nghị', 'Thôn 2', 'Hỗ trợ thiết bị'],
      ])
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  }, 180_000)
})
