import { unzipSync, strFromU8 } from 'fflate'
import { cell, cleanCellText, type Cell, type DraftSource, type Table } from './table.js'

/**
 * Word documents: read `word/document.xml` straight from the zip (fflate, no
 * dependencies) instead of going through mammoth's HTML. The plan appendices
 * live or die by merged cells, and the raw `w:gridSpan` / `w:vMerge` markers
 * say exactly which slot is a copy of which cell; an HTML detour would need a
 * second parser to get the same back from colspan/rowspan.
 */
export function readDocx(bytes: Uint8Array, file: string): DraftSource {
  let files: Record<string, Uint8Array>
  try {
    files = unzipSync(bytes, { filter: (f) => f.name === 'word/document.xml' })
  } catch (err) {
    throw new Error(`${file}: not a readable .docx (zip) file: ${(err as Error).message}`)
  }
  const xml = files['word/document.xml']
  if (!xml) throw new Error(`${file}: not a Word document (word/document.xml is missing)`)
  return { file, ...parseDocumentXml(strFromU8(xml)) }
}

interface RawCell {
  text: string
  span: number
  vMerge: 'restart' | 'continue' | undefined
}

interface TableBuilder {
  rows: RawCell[][]
  row: RawCell[] | undefined
  cell: RawCell | undefined
  paragraph: string[] | undefined
}

/**
 * Walk the body XML tag by tag: paragraphs outside tables become body text,
 * tables become grids with merged cells spread over the slots they cover.
 * Nested tables are flattened into their own entries.
 */
export function parseDocumentXml(xml: string): { tables: Table[]; paragraphs: string[] } {
  const paragraphs: string[] = []
  const tables: Table[] = []
  const stack: TableBuilder[] = []
  let bodyParagraph: string[] | undefined
  let inText = false
  const tag = /<(\/?)([a-zA-Z0-9:]+)([^>]*?)(\/?)>|([^<]+)/g
  for (let m = tag.exec(xml); m; m = tag.exec(xml)) {
    const [, closing, name, attrs = '', selfClosing, textNode] = m
    const top = stack[stack.length - 1]
    if (textNode !== undefined) {
      if (!inText) continue
      const t = decodeXml(textNode)
      if (top?.paragraph) top.paragraph.push(t)
      else bodyParagraph?.push(t)
      continue
    }
    const open = !closing
    switch (name) {
      case 'w:tbl':
        if (open) stack.push({ rows: [], row: undefined, cell: undefined, paragraph: undefined })
        else {
          const done = stack.pop()
          if (done) tables.push({ origin: `bảng ${tables.length + 1}`, rows: spreadMerges(done.rows) })
        }
        break
      case 'w:tr':
        if (!top) break
        if (open) top.row = []
        else if (top.row) {
          top.rows.push(top.row)
          top.row = undefined
        }
        break
      case 'w:tc':
        if (!top) break
        if (open) top.cell = { text: '', span: 1, vMerge: undefined }
        else if (top.cell) {
          top.cell.text = cleanCellText(top.cell.text)
          top.row?.push(top.cell)
          top.cell = undefined
        }
        break
      case 'w:gridSpan':
        if (top?.cell) top.cell.span = Math.max(1, Number(attr(attrs, 'w:val') ?? '1') || 1)
        break
      case 'w:vMerge':
        if (top?.cell) top.cell.vMerge = attr(attrs, 'w:val') === 'restart' ? 'restart' : 'continue'
        break
      case 'w:p':
        if (selfClosing) {
          if (top?.cell) top.cell.text += '\n'
          break
        }
        if (top?.cell) {
          if (open) top.paragraph = []
          else {
            top.cell.text += (top.paragraph ?? []).join('') + '\n'
            top.paragraph = undefined
          }
        } else if (!top) {
          if (open) bodyParagraph = []
          else {
            const text = (bodyParagraph ?? []).join('').replace(/\s+/g, ' ').trim()
            if (text) paragraphs.push(text)
            bodyParagraph = undefined
          }
        }
        break
      case 'w:t':
        inText = open && !selfClosing
        break
      case 'w:tab':
      case 'w:br':
        if (top?.paragraph) top.paragraph.push(name === 'w:tab' ? ' ' : '\n')
        else bodyParagraph?.push(' ')
        break
    }
  }
  return { tables, paragraphs }
}

/** Lay raw rows onto the column grid: a span repeats its text to the right, a vertical continuation copies the cell above. */
function spreadMerges(rows: RawCell[][]): Cell[][] {
  const grid: Cell[][] = []
  for (const raw of rows) {
    const out: Cell[] = []
    for (const rc of raw) {
      const col = out.length
      const above = grid[grid.length - 1]?.[col]
      const first: Cell = rc.vMerge === 'continue' && above ? cell(above.text, 'up') : cell(rc.text)
      out.push(first)
      for (let i = 1; i < rc.span; i++) out.push(cell(first.text, first.merged ?? 'left'))
    }
    grid.push(out)
  }
  return grid
}

function attr(attrs: string, name: string): string | undefined {
  const m = new RegExp(`${name}="([^"]*)"`).exec(attrs)
  return m?.[1]
}

function decodeXml(text: string): string {
  return text.replace(/&(lt|gt|amp|quot|apos|#\d+|#x[0-9a-fA-F]+);/g, (_, e: string) => {
    if (e === 'lt') return '<'
    if (e === 'gt') return '>'
    if (e === 'amp') return '&'
    if (e === 'quot') return '"'
    if (e === 'apos') return "'"
    return String.fromCodePoint(e.startsWith('#x') ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10))
  })
}
