/**
 * The neutral shape every container reader (Word, Excel, CSV) produces, so the
 * table understanding never depends on where the rows came from.
 */

/** One cell as read. `merged` marks a copy of a merged cell's value into the grid slot it covers. */
export interface Cell {
  text: string
  /** `left`: covered by a cell spanning columns; `up`: covered by a cell spanning rows. */
  merged?: 'left' | 'up'
}

/** One table of a document or one worksheet; `origin` names it in messages ("bảng 2", "sheet Phụ lục I"). */
export interface Table {
  origin: string
  rows: Cell[][]
}

/** Everything a plan document holds that a draft is made from. */
export interface DraftSource {
  /** The file the source was read from, for messages. */
  file: string
  tables: Table[]
  /** Body text outside tables, one paragraph per entry (reporting calendar, title, issuer). */
  paragraphs: string[]
}

/** A plain cell; the readers and tests build grids with it. */
export function cell(text: string, merged?: Cell['merged']): Cell {
  return merged ? { text, merged } : { text }
}

/** Whitespace evened out the way a person reads a cell: line breaks inside a cell become spaces or stay as `\n` between paragraphs. */
export function cleanCellText(text: string): string {
  return text
    .replace(/\u00a0/g, ' ')
    .split('\n')
    .map((l) => l.replace(/[ \t]+/g, ' ').trim())
    .filter((l) => l.length > 0)
    .join('\n')
}
