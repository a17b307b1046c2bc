import { cell, cleanCellText, type DraftSource } from './table.js'

/**
 * CSV pasted out of Excel: one table. The separator is guessed from the first
 * line (Vietnamese Excel often saves with ";"), quotes follow RFC 4180, and a
 * UTF-8 byte-order mark is dropped.
 */
export function readCsv(text: string, file: string): DraftSource {
  const body = text.replace(/^\uFEFF/, '')
  const firstLine = body.split(/\r?\n/, 1)[0] ?? ''
  const sep = [';', '\t', ','].map((s) => ({ s, n: countOutsideQuotes(firstLine, s) })).sort((a, b) => b.n - a.n)[0]?.s ?? ','
  const rows = parseCsv(body, sep).map((r) => r.map((t) => cell(cleanCellText(t))))
  return { file, tables: [{ origin: 'bảng CSV', rows }], paragraphs: [] }
}

function countOutsideQuotes(line: string, sep: string): number {
  let n = 0
  let quoted = false
  for (const ch of line) {
    if (ch === '"') quoted = !quoted
    else if (ch === sep && !quoted) n++
  }
  return n
}

/** RFC 4180 fields: quoted fields may hold separators, line breaks and doubled quotes. */
export function parseCsv(text: string, sep: string): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let field = ''
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"'
        i++
      } else if (ch === '"') quoted = false
      else field += ch
    } else if (ch === '"' && field === '') quoted = true
    else if (ch === sep) {
      row.push(field)
      field = ''
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++
      row.push(field)
      rows.push(row)
      row = []
      field = ''
    } else field += ch
  }
  if (field !== '' || row.length > 0) {
    row.push(field)
    rows.push(row)
  }
  return rows
}
