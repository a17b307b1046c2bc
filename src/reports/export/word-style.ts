import { AlignmentType, BorderStyle, Paragraph, TableBorders, TextRun, type IParagraphOptions, type IRunOptions } from 'docx'
import { xw } from './export-text.js'

/**
 * Decree 30/2020/NĐ-CP layout facts for the Word draft: A4 portrait, margins
 * top/bottom 20 mm, left 30 mm, right 15 mm; Times New Roman; body 14 pt,
 * justified, first line indented 1.27 cm, 6 pt between paragraphs.
 */
export const FONT = 'Times New Roman'
/** Half-points, as Word counts font sizes. */
export const SIZE = { body: 28, header: 26, nationalTitle: 24, table: 26, recipients: 22, recipientsTitle: 24 } as const
/** Twentieths of a point (twips): 1 mm = 56.7 twips. */
export const PAGE = { width: 11906, height: 16838, top: 1134, bottom: 1134, left: 1701, right: 851 } as const
const FIRST_LINE = 720 // 1.27 cm
const AFTER = 120 // 6 pt
const LINE = 276 // 1.15 lines

/** A run of text in the document's font. */
export function run(text: string, opts: Omit<IRunOptions, 'text'> = {}): TextRun {
  return new TextRun({ text, font: FONT, ...opts })
}

/** What the signer must fill in, marked so it cannot be missed: "[…]" highlighted in yellow. */
export function placeholder(text: string = xw.placeholder, opts: Omit<IRunOptions, 'text'> = {}): TextRun {
  return new TextRun({ text, font: FONT, highlight: 'yellow', ...opts })
}

/** A body paragraph: justified, first line indented. */
export function bodyParagraph(children: TextRun[] | string, opts: Partial<IParagraphOptions> = {}): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.JUSTIFIED,
    indent: { firstLine: FIRST_LINE },
    spacing: { after: AFTER, line: LINE },
    children: typeof children === 'string' ? [run(children, { size: SIZE.body })] : children,
    ...opts,
  })
}

/** A numbered section heading ("I. TÌNH HÌNH TRIỂN KHAI"): bold capitals. */
export function sectionHeading(text: string): Paragraph {
  return new Paragraph({ indent: { firstLine: FIRST_LINE }, spacing: { before: AFTER, after: AFTER, line: LINE }, keepNext: true, children: [run(text, { bold: true, size: SIZE.body })] })
}

/** A centred line (header blocks, titles). */
export function centred(children: NonNullable<IParagraphOptions['children']>, opts: Partial<IParagraphOptions> = {}): Paragraph {
  return new Paragraph({ alignment: AlignmentType.CENTER, children, ...opts })
}

/**
 * A short solid line under a centred line, as the decree draws beneath the
 * issuing body, the motto and the summary: a bottom border on an empty
 * paragraph, shortened by indents.
 */
export function shortRule(indent: number): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    indent: { left: indent, right: indent },
    spacing: { after: 0, line: 120 },
    border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: '000000', space: 1 } },
    children: [],
  })
}

/** Layout tables (header, signature) have no borders. */
export const NO_BORDERS = TableBorders.NONE
