import { Paragraph, Table, TableCell, TableRow, WidthType } from 'docx'
import { xw } from './export-text.js'
import type { Issuer } from './word-header.js'
import { BODY_WIDTH } from './word-header.js'
import { bodyParagraph, centred, NO_BORDERS, placeholder, run, SIZE } from './word-style.js'

const LEFT = 4300
const RIGHT = BODY_WIDTH - LEFT

/** The closing sentence ("Trên đây là báo cáo …./."). */
export function closingParagraph(issuer: Issuer, period: string): Paragraph {
  return bodyParagraph(xw.closing(issuer.name, period))
}

/**
 * "Nơi nhận" (bold italic 12 pt, recipients 11 pt, left for the clerk) and
 * the signature block (authority and position bold capitals, room for the
 * signature and seal, the name marked for the signer), side by side in a
 * borderless table.
 */
export function signatureTable(issuer: Issuer): Table {
  const [dash, semi, archive] = xw.recipients
  const left = [
    new Paragraph({ children: [run(xw.recipientsTitle, { bold: true, italics: true, size: SIZE.recipientsTitle })] }),
    new Paragraph({ children: [run(dash, { size: SIZE.recipients }), placeholder(xw.placeholder, { size: SIZE.recipients }), run(semi, { size: SIZE.recipients })] }),
    new Paragraph({ children: [run(archive, { size: SIZE.recipients }), placeholder(xw.placeholder, { size: SIZE.recipients }), run('.', { size: SIZE.recipients })] }),
  ]
  const authority = xw.signAuthority(issuer.abbreviation === 'UBND')
  const right = [
    centred([authority ? run(authority, { bold: true, size: SIZE.body }) : placeholder(xw.placeholder, { bold: true, size: SIZE.body })]),
    centred([placeholder(xw.signPosition, { bold: true, size: SIZE.body })]),
    ...[1, 2, 3, 4].map(() => new Paragraph({ children: [] })),
    centred([placeholder(xw.signName, { bold: true, size: SIZE.body })]),
  ]
  const cell = (children: Paragraph[], width: number) => new TableCell({ children, width: { size: width, type: WidthType.DXA }, borders: NO_BORDERS })
  return new Table({ rows: [new TableRow({ cantSplit: true, children: [cell(left, LEFT), cell(right, RIGHT)] })], width: { size: BODY_WIDTH, type: WidthType.DXA }, columnWidths: [LEFT, RIGHT], borders: NO_BORDERS })
}
