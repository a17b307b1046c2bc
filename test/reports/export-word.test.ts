import { execFileSync, spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { deflateSync } from 'node:zlib'
import { strFromU8, unzipSync } from 'fflate'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { readExportData } from '../../src/reports/export/export-data.js'
import { buildWordDraft } from '../../src/reports/export/word-draft.js'
import type { DatabaseHandle } from '../../src/storage/connection.js'
import { createTestDatabase, testDatabaseKind } from '../support/test-database.js'
import { NOW, seedExportData } from './export-fixture.js'

/** The text of each paragraph of a Word document's XML (runs joined). */
function paragraphs(xml: string): string[] {
  return [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((m) => [...m[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((t) => t[1]).join(''))
}

/** A small valid PNG (w × h, grey), made here so the test needs no image file. */
function png(w: number, h: number): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
    return c >>> 0
  })
  const crc = (b: Buffer) => {
    let c = 0xffffffff
    for (const x of b) c = crcTable[(c ^ x) & 0xff]! ^ (c >>> 8)
    return (c ^ 0xffffffff) >>> 0
  }
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4)
    len.writeUInt32BE(data.length)
    const td = Buffer.concat([Buffer.from(type), data])
    const c = Buffer.alloc(4)
    c.writeUInt32BE(crc(td))
    return Buffer.concat([len, td, c])
  }
  const ihdr = Buffer.alloc(13)
  ihdr.writeUInt32BE(w, 0)
  ihdr.writeUInt32BE(h, 4)
  ihdr.set([8, 0, 0, 0, 0], 8) // 8-bit greyscale
  const raw = Buffer.concat(Array.from({ length: h }, () => Buffer.concat([Buffer.from([0]), Buffer.alloc(w, 0x80)])))
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))])
}

describe(`export Word draft (${testDatabaseKind})`, () => {
  let t: DatabaseHandle
  let dir: string
  beforeEach(async () => {
    t = await createTestDatabase()
    dir = mkdtempSync(path.join(tmpdir(), 'dondoc-word-'))
  })
  afterEach(async () => {
    await t.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('follows the Decree 30 layout, states the facts by section and embeds a chart', async () => {
    const { planId, plan, request, requests } = await seedExportData(t.db)
    const data = await readExportData(t.db, planId, plan, request, requests, NOW)
    const bytes = await buildWordDraft(data, [{ title: 'Tỷ lệ đơn vị nộp báo cáo', png: png(40, 20), width: 400, height: 200, section: 'implementation' }])
    const files = unzipSync(new Uint8Array(bytes))
    const xml = strFromU8(files['word/document.xml']!)
    const text = paragraphs(xml)

    // Page: A4 portrait, margins top/bottom 20 mm, left 30 mm, right 15 mm; Times New Roman 14 pt by default.
    expect(xml).toMatch(/<w:pgSz w:w="11906" w:h="16838"/)
    expect(xml).toMatch(/<w:pgMar w:top="1134" w:right="851" w:bottom="1134" w:left="1701"/)
    expect(xml).toContain('<w:titlePg/>')
    const styles = strFromU8(files['word/styles.xml']!)
    expect(styles).toContain('w:ascii="Times New Roman"')
    expect(styles).toMatch(/<w:sz w:val="28"\/>/)

    // Header table, number, place and date, document type and summary.
    expect(text.slice(0, 8)).toEqual([
      'ỦY BAN NHÂN DÂN XÃ THỬ',
      '',
      'Số: […]/BC-UBND',
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      '',
      'Thử, ngày […] tháng […] năm 2025',
      'BÁO CÁO',
    ])
    expect(text[8]).toBe('Kết quả thực hiện Kế hoạch thử nghiệm năm 2025')
    expect(xml).toContain('<w:highlight w:val="yellow"/>')

    // I.
    const at = (heading: string) => text.indexOf(heading)
    expect(at('I. TÌNH HÌNH TRIỂN KHAI')).toBeGreaterThan(8)
    expect(text).toContain(
      'Kỳ báo cáo Năm 2025 (gồm Quý IV/2025) (hạn trước ngày 05/12/2025) có 4 đơn vị phải báo cáo; đến thời điểm tổng hợp, 3/4 đơn vị đã nộp báo cáo (đạt 75%), trong đó 2 đơn vị nộp đúng hạn, 1 đơn vị nộp muộn.',
    )
    expect(text).toContain('Tỷ lệ đơn vị nộp báo cáo đúng hạn đạt 50% số đơn vị phải báo cáo.')
    expect(text).toContain('Các đơn vị nộp muộn: Thôn 2.')
    expect(text).toContain('Các đơn vị chưa nộp báo cáo: Phòng Kinh tế.')
    expect(text).toContain('Biểu đồ 1. Tỷ lệ đơn vị nộp báo cáo')
    expect(Object.keys(files).some((f) => f.startsWith('word/media/') && f.endsWith('.png'))).toBe(true)
    expect(xml).toContain('<w:drawing>')
    expect(at('Biểu đồ 1. Tỷ lệ đơn vị nộp báo cáo')).toBeLessThan(at('II. KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU'))

    // II. A sentence per section, then the table rows.
    expect(text).toContain('Kế hoạch có 4 chỉ tiêu; kỳ này có 3 chỉ tiêu có số liệu, trong đó 2 chỉ tiêu so được với mốc mục tiêu và 2 chỉ tiêu đạt mốc mục tiêu.')
    expect(text).toContain('1. I. Hạ tầng: 1 chỉ tiêu, 1/1 chỉ tiêu so được đạt mốc mục tiêu.')
    expect(text).toContain('2. II. Nguồn lực: 3 chỉ tiêu, 1/1 chỉ tiêu so được đạt mốc mục tiêu, 1 chỉ tiêu chưa có số liệu.')
    const rows = [...xml.matchAll(/<w:tr[ >][\s\S]*?<\/w:tr>/g)].map((m) => paragraphs(m[0]))
    expect(rows).toContainEqual(['STT', 'Chỉ tiêu', 'Mục tiêu', 'Kết quả', 'Đánh giá'])
    expect(rows).toContainEqual(['4', 'CT04. Tỷ lệ hộ gia đình có cáp quang', '≥ 80% (đến năm 2025)', '80%', 'Đạt'])
    expect(rows).toContainEqual(['2', 'CT02. Số doanh nghiệp khởi nghiệp sáng tạo', '01 đến 02 (đến năm 2025)', 'Chưa có số liệu', 'Chưa có số liệu'])
    expect(rows).toContainEqual(['3', 'CT03. Thôn có tổ công nghệ số cộng đồng', 'Có (đến năm 2025)', '1/2 đơn vị có', 'Chưa đánh giá'])
    expect(rows).toContainEqual(['II. Nguồn lực'])

    // III–V, then the closing.
    expect(text).toContain('Trong kỳ, các đơn vị chủ trì báo cáo tiến độ 2 lượt nhiệm vụ: 1 hoàn thành, 0 đang thực hiện, 1 chậm tiến độ, 0 chưa triển khai.')
    expect(text).toContain('- NV02 Xây dựng kế hoạch chi tiết (thời hạn: trước ngày 31/7/2025): chưa hoàn thành ở Thôn 2.')
    expect(at('IV. KHÓ KHĂN, VƯỚNG MẮC')).toBeGreaterThan(at('III. TIẾN ĐỘ THỰC HIỆN NHIỆM VỤ'))
    expect(text[at('IV. KHÓ KHĂN, VƯỚNG MẮC') + 1]).toBe('- Thôn 2: Thiếu máy tính')
    expect(text[at('V. ĐỀ XUẤT, KIẾN NGHỊ') + 1]).toBe('- Thôn 2: Hỗ trợ thiết bị')
    expect(text).toContain('Trên đây là báo cáo kết quả thực hiện năm 2025 của UBND xã Thử./.')
    expect(text.slice(-6)).toEqual(['Nơi nhận:', '- […];', '- Lưu: VT, […].', 'TM. ỦY BAN NHÂN DÂN', '[CHỦ TỊCH]', '[Họ và tên]'])

    // Page numbers in the header, none on the first page.
    const header = Object.entries(files).filter(([f]) => /^word\/header\d+\.xml$/.test(f)).map(([, b]) => strFromU8(b))
    expect(header.some((h) => h.includes('PAGE'))).toBe(true)

    // LibreOffice renders it: A4 pages with the header and the sections.
    const soffice = spawnSync('soffice', ['--version'], { encoding: 'utf8' })
    if (soffice.error) {
      console.warn('export-word: soffice (LibreOffice) is not installed; skipping the PDF conversion check (apt-get install -y libreoffice-writer-nogui poppler-utils)')
      return
    }
    const docx = path.join(dir, 'draft.docx')
    writeFileSync(docx, bytes)
    execFileSync('soffice', ['--headless', `-env:UserInstallation=file://${dir}/lo-profile`, '--convert-to', 'pdf', '--outdir', dir, docx], { stdio: 'pipe', timeout: 120_000 })
    const pdf = path.join(dir, 'draft.pdf')
    expect(readFileSync(pdf).subarray(0, 4).toString()).toBe('%PDF')
    const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' })
    const pages = Number(/Pages:\s+(\d+)/.exec(info)![1])
    expect(pages).toBeGreaterThanOrEqual(2)
    expect(pages).toBeLessThanOrEqual(4)
    expect(info).toMatch(/Page size:\s+595\.\d+ x 841\.\d+ pts \(A4\)/)
    const pdfText = execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ')
    for (const s of ['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc', 'BÁO CÁO', 'I. TÌNH HÌNH TRIỂN KHAI', 'II. KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU', 'V. ĐỀ XUẤT, KIẾN NGHỊ', 'Nơi nhận:', 'CT04. Tỷ lệ hộ gia đình', 'STT']) {
      expect(pdfText).toContain(s)
    }
  }, 180_000)

  // A province: thousands of units. The draft names the first 30 and points to the workbook's sheet for the
  // rest, writes counts as Vietnamese documents do, and states each difficulty once with the units that made it.
  it('stays a document at province size: long lists shortened, counts grouped by thousands, same statements once', async () => {
    const { planId, plan, request, requests } = await seedExportData(t.db)
    const data = await readExportData(t.db, planId, plan, request, requests, NOW)
    const notStarted = Array.from({ length: 1234 }, (_, i) => ({ unitCode: `U${i + 1}`, unitName: `Xã ${i + 1}`, awayUntil: null, state: { kind: 'not_started' as const } }))
    const province = {
      ...data,
      summary: {
        ...data.summary,
        units: notStarted,
        completeness: { expected: 1234, submitted: 0, onTime: 0, late: 0, drafting: 0, notStarted: 1234, percent: 0 },
        sections: {
          results: [],
          // Xã 1 and Xã 3 say the same ("thiếu kinh phí." with other case, spacing and a full stop); Xã 2 says it too without
          // diacritics, which is another text. Then 45 different proposals, one unit each.
          difficulties: [
            { unitName: 'Xã 1', body: 'Thiếu kinh phí' },
            { unitName: 'Xã 2', body: 'Thieu kinh phi' },
            { unitName: 'Xã 3', body: '  thiếu  kinh phí. ' },
          ],
          proposals: Array.from({ length: 45 }, (_, i) => ({ unitName: `Xã ${i + 1}`, body: `Đề nghị số ${i + 1}` })),
        },
      },
    }
    // A hundred unit groups make a tall chart: 600 × 3000 px. By hand: the text is 9,354 twips wide (623 px at 96 dpi) and
    // 16,838 − 2 × 1,134 − 1,134 (room for the caption) = 13,436 twips high (895 px); scale 895/3000, so 179 × 895 px,
    // 1,704,975 × 8,524,875 EMU (9,525 EMU a pixel).
    const xml = strFromU8(unzipSync(new Uint8Array(await buildWordDraft(province, [{ title: 'Tiến độ nộp', png: png(6, 30), width: 600, height: 3000, section: 'implementation' }])))['word/document.xml']!)
    expect(xml).toContain('<wp:extent cx="1704975" cy="8524875"/>')
    const text = paragraphs(xml)
    const first30 = Array.from({ length: 30 }, (_, i) => `Xã ${i + 1}`).join('; ')
    expect(text).toContain(`Các đơn vị chưa nộp báo cáo: ${first30} và 1.204 đơn vị khác (danh sách đầy đủ tại sheet “Tiến độ nộp” của tệp Excel kèm theo).`)
    expect(text.find((p) => p.startsWith('Kỳ báo cáo'))).toContain('có 1.234 đơn vị phải báo cáo; đến thời điểm tổng hợp, 0/1.234 đơn vị đã nộp báo cáo (đạt 0%)')
    const section = (from: string, to: string) => text.slice(text.indexOf(from) + 1, text.indexOf(to))
    expect(section('IV. KHÓ KHĂN, VƯỚNG MẮC', 'V. ĐỀ XUẤT, KIẾN NGHỊ')).toEqual(['- Xã 1; Xã 3: Thiếu kinh phí', '- Xã 2: Thieu kinh phi'])
    const proposals = section('V. ĐỀ XUẤT, KIẾN NGHỊ', 'Trên đây là báo cáo kết quả thực hiện năm 2025 của UBND xã Thử./.')
    expect(proposals).toHaveLength(40 + 1)
    expect(proposals[0]).toBe('- Xã 1: Đề nghị số 1')
    expect(proposals[39]).toBe('- Xã 40: Đề nghị số 40')
    expect(proposals[40]).toBe('Ngoài ra còn 5 ý kiến khác của các đơn vị (xem đầy đủ tại sheet “Khó khăn – Đề xuất” của tệp Excel kèm theo).')
  })
})
