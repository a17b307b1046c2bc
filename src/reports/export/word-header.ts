import { Paragraph, Table, TableCell, TableRow, VerticalAlign, WidthType } from 'docx'
import { xw } from './export-text.js'
import { centred, NO_BORDERS, PAGE, placeholder, run, shortRule, SIZE } from './word-style.js'

const TEXT_WIDTH = PAGE.width - PAGE.left - PAGE.right
const LEFT = 3400
const RIGHT = TEXT_WIDTH - LEFT

/** How an issuer written in the plan ("UBND xã Ea Wy") reads in the document's header, date line and number. */
export interface Issuer {
  /** "ỦY BAN NHÂN DÂN XÃ EA WY" */
  body: string
  /** "Ea Wy": the place of the date line. */
  place: string
  /** "UBND": the issuer's abbreviation after "/BC-"; undefined when it cannot be told. */
  abbreviation: string | undefined
  /** "UBND xã Ea Wy" as the text of the report names it. */
  name: string
}

const LEVEL = /^(?:UBND|Ủy ban nhân dân|Uỷ ban nhân dân)\s+(?:xã|phường|thị trấn|đặc khu|huyện|quận|thị xã|thành phố|tỉnh)\s+/iu

/** Read the plan's issuer for the header. */
export function readIssuer(issuer: string): Issuer {
  const name = issuer.trim()
  const council = /^(?:UBND|Ủy ban nhân dân|Uỷ ban nhân dân)\b/iu.test(name)
  const expanded = name.replace(/^UBND\b/u, 'Ủy ban nhân dân')
  return { body: expanded.toLocaleUpperCase('vi'), place: name.replace(LEVEL, '') || name, abbreviation: council ? 'UBND' : undefined, name }
}

/**
 * The header of an administrative document (Decree 30/2020, Appendix I): a
 * borderless two-column table. Left: the issuing body, bold capitals, a
 * short line, "Số: […]/BC-UBND". Right: the national title, the motto with
 * a line as long as it, the place and date line in italics, day and month
 * left for the signer.
 */
export function headerTable(issuer: Issuer, year: number): Table {
  const [placeDay, month, yearWord] = xw.dateLine(issuer.place)
  const left = [
    centred([run(issuer.body, { bold: true, size: SIZE.header })]),
    shortRule(LEFT * 0.3),
    centred([run(xw.numberPrefix, { size: SIZE.header }), placeholder(), ...(issuer.abbreviation ? [run(xw.numberSuffix(issuer.abbreviation), { size: SIZE.header })] : [run('/BC-', { size: SIZE.header }), placeholder()])], { spacing: { before: 120 } }),
  ]
  const right = [
    centred([run(xw.nationalTitle, { bold: true, size: SIZE.nationalTitle })]),
    centred([run(xw.motto, { bold: true, size: SIZE.body })]),
    shortRule(RIGHT * 0.2),
    centred([run(placeDay, { italics: true, size: SIZE.body }), placeholder(xw.placeholder, { italics: true, size: SIZE.body }), run(month, { italics: true, size: SIZE.body }), placeholder(xw.placeholder, { italics: true, size: SIZE.body }), run(`${yearWord}${year}`, { italics: true, size: SIZE.body })], { spacing: { before: 120 } }),
  ]
  const cell = (children: Paragraph[], width: number) => new TableCell({ children, width: { size: width, type: WidthType.DXA }, verticalAlign: VerticalAlign.TOP, borders: NO_BORDERS })
  return new Table({ rows: [new TableRow({ children: [cell(left, LEFT), cell(right, RIGHT)] })], width: { size: TEXT_WIDTH, type: WidthType.DXA }, columnWidths: [LEFT, RIGHT], borders: NO_BORDERS })
}

/** "BÁO CÁO" and its summary line, centred and bold, with a short line beneath. */
export function titleBlock(summary: string): Paragraph[] {
  return [
    centred([run(xw.docType, { bold: true, size: SIZE.body })], { spacing: { before: 360 } }),
    centred([run(summary, { bold: true, size: SIZE.body })]),
    shortRule(TEXT_WIDTH * 0.38),
    new Paragraph({ spacing: { after: 120 }, children: [] }),
  ]
}

/** The usable width of the page, for body tables. */
export const BODY_WIDTH = TEXT_WIDTH
