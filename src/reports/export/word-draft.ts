import { AlignmentType, Document, Header, Packer, Paragraph, PageNumber, TextRun } from 'docx'
import { instantToLocal } from '../../domain/calendar/local-time.js'
import type { ExportBase } from './export-data.js'
import { xw } from './export-text.js'
import { implementationPart, indicatorPart, narrativePart, taskPart, type DraftChart } from './word-body.js'
import { closingParagraph, signatureTable } from './word-closing.js'
import { headerTable, readIssuer, titleBlock } from './word-header.js'
import { bodyParagraph, FONT, PAGE, SIZE } from './word-style.js'

export type { DraftChart } from './word-body.js'

/** "năm 2026", "quý IV/2025": the request's largest period as the summary line reads it. */
function periodPhrase(d: ExportBase): string {
  const label = d.request.periods[0]?.label ?? d.request.label
  return label.charAt(0).toLocaleLowerCase('vi') + label.slice(1)
}

/** "Kế hoạch …" as it follows "Kết quả thực hiện": the plan's title with its first letter kept. */
function planTitle(d: ExportBase): string {
  return d.plan.plan.title.trim()
}

/**
 * The period's report as a Word draft an official edits rather than
 * rewrites: the Decree 30/2020 layout (header table, number, place and
 * date, "BÁO CÁO" and its summary, sections I–V, "Nơi nhận", signature
 * block), the facts generated from the summary, the parts only the signer
 * can fill marked "[…]" in yellow. Charts, when given, are embedded under
 * sections I and II.
 */
export async function buildWordDraft(d: ExportBase, charts: readonly DraftChart[] = []): Promise<Buffer> {
  const issuer = readIssuer(d.plan.plan.issuer)
  const period = periodPhrase(d)
  const year = Number(instantToLocal(d.now, d.plan.plan.timezone).date.slice(0, 4))
  const doc = new Document({
    creator: 'Đôn đốc',
    title: xw.summary(planTitle(d), period),
    styles: { default: { document: { run: { font: FONT, size: SIZE.body } } } },
    sections: [
      {
        properties: {
          titlePage: true,
          page: { size: { width: PAGE.width, height: PAGE.height }, margin: { top: PAGE.top, bottom: PAGE.bottom, left: PAGE.left, right: PAGE.right, header: 567, footer: 567 } },
        },
        headers: {
          default: new Header({ children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ children: [PageNumber.CURRENT], font: FONT, size: SIZE.body })] })] }),
          first: new Header({ children: [new Paragraph({ children: [] })] }),
        },
        children: [
          headerTable(issuer, year),
          ...titleBlock(xw.summary(planTitle(d), period)),
          bodyParagraph(xw.lead(planTitle(d), issuer.name, period)),
          ...implementationPart(d, charts),
          ...indicatorPart(d, charts),
          ...taskPart(d),
          ...narrativePart(d, 'difficulties'),
          ...narrativePart(d, 'proposals'),
          closingParagraph(issuer, period),
          new Paragraph({ children: [] }),
          signatureTable(issuer),
        ],
      },
    ],
  })
  return Packer.toBuffer(doc)
}
