import { describe, expect, it } from 'vitest'
import { findCalendarSentences } from '../../src/plan-draft/calendar-text.js'
import { classifyHeader, readTableLayout } from '../../src/plan-draft/header-roles.js'
import { parseCsv } from '../../src/plan-draft/read-csv.js'
import { cell } from '../../src/plan-draft/table.js'
import { UnitDirectory, isNearTypo, looksExternal, looksLikeGroup, splitUnitNames, unitCodeFor, unitKey } from '../../src/plan-draft/unit-names.js'

describe('unit names', () => {
  it('splits cells on lines, ";" and "," before a new unit, but keeps commas inside one name', () => {
    expect(splitUnitNames('Văn phòng Đảng ủy xã, Văn phòng HĐND và UBND xã')).toEqual(['Văn phòng Đảng ủy xã', 'Văn phòng HĐND và UBND xã'])
    expect(splitUnitNames('Các doanh nghiệp bưu chính, công nghệ thông tin trên địa bàn xã')).toEqual(['Các doanh nghiệp bưu chính, công nghệ thông tin trên địa bàn xã'])
    expect(splitUnitNames('12 trường học\n36 thôn, buôn')).toEqual(['12 trường học', '36 thôn, buôn'])
    expect(splitUnitNames('Phòng Văn hóa - Xã hội, Các phòng, ban, ngành, cơ quan, đơn vị')).toEqual(['Phòng Văn hóa - Xã hội', 'Các phòng, ban, ngành, cơ quan, đơn vị'])
    expect(splitUnitNames('Phòng Kinh tế và Phòng Văn hóa – Xã hội.')).toEqual(['Phòng Kinh tế', 'Phòng Văn hóa – Xã hội'])
  })

  it('abbreviations, dashes, case and diacritics give one key', () => {
    const full = unitKey('Phòng Văn hóa – Xã hội')
    for (const v of ['Phòng VH-XH', 'phong van hoa - xa hoi', 'PHÒNG VĂN HOÁ-XÃ HỘI', 'Phòng VHXH']) expect(unitKey(v)).toBe(full)
    expect(unitKey('VP HĐND-UBND')).toBe(unitKey('Văn phòng HĐND và UBND xã'))
    expect(unitKey('Văn phòng Hội đồng nhân dân và Ủy ban nhân dân')).toBe(unitKey('VP HĐND-UBND'))
  })

  it('near-typos join the unit, other offices and numbered villages do not', () => {
    const d = new UnitDirectory()
    const kt = d.add('Phòng Kinh tế')
    expect(d.add('Phòng Kinh tês')).toBe(kt)
    expect(d.add('Phòng Y tế')).not.toBe(kt)
    expect(isNearTypo('thon1', 'thon2')).toBe(false)
    expect(d.add('Trun tâm phục vụ hành chính công')).toBe(d.add('Trung tâm phục vụ hành chính công'))
  })

  it('tells groups and outside companies apart and makes short codes', () => {
    expect(looksLikeGroup('36 thôn, buôn')).toBe(true)
    expect(looksLikeGroup('Các cơ quan, đơn vị thuộc UBND xã')).toBe(true)
    expect(looksLikeGroup('Các doanh nghiệp bưu chính')).toBe(false)
    expect(looksExternal('Các doanh nghiệp bưu chính')).toBe(true)
    expect(unitCodeFor('Phòng Văn hóa – Xã hội')).toBe('VHXH')
    expect(unitCodeFor('Phòng Kinh tế')).toBe('KT')
  })
})

describe('reporting calendar in body text', () => {
  it('reads the Ea Wy sentence (seed 000) into canonical deadline phrases and the recipient', () => {
    const [s] = findCalendarSentences([
      '- Định kỳ hàng Quý (trước ngày 05 của tháng cuối Quý), 6 tháng (trước ngày 10/6) và năm (trước ngày 05/12) báo cáo UBND xã (thông qua Phòng Văn hóa – Xã hội) tình hình, kết quả.',
    ])
    expect(s?.schedules.map((x) => [x.period, x.due])).toEqual([
      ['quarter', 'trước ngày 05 của tháng cuối quý'],
      ['half', 'trước ngày 10/6'],
      ['year', 'trước ngày 05/12'],
    ])
    expect(s?.sendTo).toBe('Phòng Văn hóa – Xã hội')
  })

  it('reads monthly and ward-style sentences (seeds 004 and 002)', () => {
    const [y] = findCalendarSentences(['báo cáo kết quả thực hiện hàng tháng trước ngày 20 hàng tháng, báo cáo Quý trước ngày 10 tháng cuối Quý, báo cáo 6 tháng trước ngày 10/6, báo cáo năm trước ngày 30/11 hoặc đột xuất'])
    expect(y?.schedules.map((x) => x.period)).toEqual(['month', 'quarter', 'half', 'year'])
    const [t] = findCalendarSentences(['- Báo cáo định kỳ 6 tháng (trước ngày 05/6), hằng năm (trước ngày 20/11) kết quả thực hiện'])
    expect(t?.schedules.map((x) => [x.period, x.due])).toEqual([
      ['half', 'trước ngày 05/6'],
      ['year', 'trước ngày 20/11'],
    ])
  })
})

describe('headers', () => {
  it('classifies the header words offices use', () => {
    expect(classifyHeader('Mục tiêu đến năm 2030')).toEqual({ kind: 'target', year: '2030' })
    expect(classifyHeader('Mục tiêu theo từng giai đoạn / Đến hết năm 2025')).toEqual({ kind: 'target', year: '2025' })
    expect(classifyHeader('Năm 2025')).toEqual({ kind: 'target', year: '2025' })
    expect(classifyHeader('Đơn vị chủ trì').kind).toBe('responsible')
    expect(classifyHeader('Đơn vị thực hiện').kind).toBe('responsible')
    expect(classifyHeader('Đơn vị phối hợp').kind).toBe('support')
    expect(classifyHeader('Đơn vị theo dõi, đánh giá').kind).toBe('monitor')
    expect(classifyHeader('Sản phẩm').kind).toBe('output')
    expect(classifyHeader('Kết quả').kind).toBe('output')
    expect(classifyHeader('Thời gian hoàn thành').kind).toBe('due')
    expect(classifyHeader('Nội dung').kind).toBe('name')
    expect(classifyHeader('').kind).toBe('ignore')
  })

  it('skips a column-number row under the header', () => {
    const rows = [
      ['TT', 'Nội dung', 'Đơn vị chủ trì', 'Thời gian hoàn thành'],
      ['(1)', '(2)', '(3)', '(4)'],
      ['1', 'Việc A', 'Phòng Kinh tế', 'Thường xuyên'],
    ].map((r) => r.map((t) => cell(t)))
    expect(readTableLayout({ origin: 't', rows })).toMatchObject({ kind: 'tasks', firstDataRow: 2 })
  })
})

describe('csv', () => {
  it('keeps quoted separators, doubled quotes and line breaks', () => {
    expect(parseCsv('a;"b;c";"d ""e"""\r\n"x\ny";z\r\n', ';')).toEqual([
      ['a', 'b;c', 'd "e"'],
      ['x\ny', 'z'],
    ])
  })
})
