import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import { memorySink } from '../../src/reports/export/memory-sink.js'
import { sheetRows } from '../../src/reports/export/sheet-rows.js'
import { addSheet } from '../../src/reports/export/sheet-style.js'

/** A workbook of one sheet written through sheetRows, as bytes. */
async function write(fill: (rows: ReturnType<typeof sheetRows>) => void): Promise<Buffer> {
  const sink = memorySink()
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: sink.stream, useStyles: true, useSharedStrings: true })
  const rows = sheetRows(wb, addSheet(wb, 'Thử', 'Tiêu đề', ['STT', 'Chữ', 'Số', 'Lúc'], [6, 30, 12, 18]))
  fill(rows)
  await wb.commit()
  return sink.bytes()
}

describe('sheet rows written as SpreadsheetML, read back by exceljs', () => {
  it('keeps text, numbers, formats, local times, empty cells, marks and headings', async () => {
    const bytes = await write((rows) => {
      rows.heading('I. Hạ tầng & <số>', 4)
      rows.row([1, 'Thôn 2 & "Buôn" <A>', { num: 1234.5, numFmt: '#,##0.0#" người"' }, new Date('2025-12-03T09:30:00Z')])
      rows.row([2, 'dòng 1\ndòng 2', { text: 'Chưa có số liệu' }, ''], { marked: true })
      rows.row([3, 'ký tự\u0001lạ', null, '=1+1'])
      rows.end()
    })
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(bytes as never)
    const ws = wb.getWorksheet('Thử')!
    expect(ws.getCell('A1').value).toBe('Tiêu đề')
    expect([1, 2, 3, 4].map((c) => ws.getRow(2).getCell(c).value)).toEqual(['STT', 'Chữ', 'Số', 'Lúc'])

    expect(ws.getCell('A3').value).toBe('I. Hạ tầng & <số>')
    expect(ws.getCell('A3').font?.bold).toBe(true)
    expect((ws.getCell('D3').fill as ExcelJS.FillPattern).fgColor?.argb).toBe('FFF2F2F2') // the band runs across

    expect(ws.getCell('A4').value).toBe(1)
    expect(ws.getCell('B4').value).toBe('Thôn 2 & "Buôn" <A>')
    expect(ws.getCell('C4').value).toBe(1234.5)
    expect(ws.getCell('C4').numFmt).toBe('#,##0.0#" người"')
    expect(ws.getCell('C4').alignment?.horizontal).toBe('right')
    // The local wall-clock time, stored as Excel does (no zone): 09:30 stays 09:30.
    expect(ws.getCell('D4').value).toEqual(new Date('2025-12-03T09:30:00Z'))
    expect(ws.getCell('D4').numFmt).toBe('dd/mm/yyyy hh:mm')
    expect(ws.getCell('B4').border?.left?.style).toBe('thin')

    expect(ws.getCell('B5').value).toBe('dòng 1\ndòng 2')
    expect(ws.getCell('C5').value).toBe('Chưa có số liệu')
    expect(ws.getCell('D5').value).toBeNull() // an empty cell, still bordered and tinted
    for (const col of ['A', 'B', 'C', 'D']) expect((ws.getCell(`${col}5`).fill as ExcelJS.FillPattern).fgColor?.argb).toBe('FFFFE0E0')
    expect(ws.getCell('D5').border?.bottom?.style).toBe('thin')
    expect((ws.getCell('A4').fill as ExcelJS.FillPattern | undefined)?.fgColor).toBeUndefined()

    expect(ws.getCell('B6').value).toBe('ký tựlạ') // a character XML cannot carry is dropped, not the file
    expect(ws.getCell('C6').value).toBeNull()
    expect(ws.getCell('D6').value).toBe('=1+1') // text, never a formula
    expect(ws.getCell('D6').type).toBe(ExcelJS.ValueType.String)
    expect(ws.rowCount).toBe(6)
  })

  it('refuses a workbook that is not exceljs’ streaming writer, naming the sheet', () => {
    const wb = new ExcelJS.Workbook()
    expect(() => sheetRows(wb, addSheet(wb, 'Thử', 'Tiêu đề', ['STT'], [6]))).toThrow(/sheetRows\(Thử\)/)
  })
})
