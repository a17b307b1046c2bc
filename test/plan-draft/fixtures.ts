/**
 * Fixture documents built from the hand-made plans: Word and Excel appendices
 * laid out as the seeds' are, filled from the YAML, with optional mess. The
 * expected values of every test come from the same YAML, never from the
 * function under test.
 */
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { Document, Packer, Paragraph, Table, TableCell, TableRow } from 'docx'
import ExcelJS from 'exceljs'
import { readPlanFile } from '../../src/domain/plan-file.js'
import type { Plan } from '../../src/domain/plan-model.js'

export function loadPlan(name: string): Plan {
  const reading = readPlanFile(readFileSync(path.join(import.meta.dirname, '..', '..', 'plans', name), 'utf8'))
  if (!reading.ok) throw new Error(`${name} does not load: ${JSON.stringify(reading.problems)}`)
  return reading.plan
}

/** Unit or group name of a code in a plan. */
export function refName(plan: Pick<Plan, 'units' | 'groups'>, code: string): string {
  const u = plan.units.find((x) => x.code === code) ?? plan.groups.find((x) => x.code === code)
  if (!u) throw new Error(`no unit or group ${code}`)
  return u.name
}

export interface Mess {
  /** Header "Mục tiêu" merged over the year row, sections as one merged cell, a target merged across years. */
  merged?: boolean
  /** An empty column between the name and the targets. */
  blankColumn?: boolean
  /** One unit written with a typo: [indicator code, wrong spelling]. */
  typo?: [string, string]
  /** Abbreviated spelling for some mentions: [full name, abbreviation, indicator codes]. */
  abbreviation?: [string, string, string[]]
  /** A total row at the end of the indicator table. */
  totalRow?: boolean
}

export const MILESTONES = ['2025', '2030', '2035', '2040', '2045']

/** Section heading split as tables write it: "I. Phát triển hạ tầng" → ["I", "Phát triển hạ tầng"]. */
function splitSection(section: string): [string, string] {
  const m = /^([IVXLC]+)\.\s+(.*)$/.exec(section)
  return m ? [m[1] ?? '', m[2] ?? ''] : ['', section]
}

type Grid = { text: string; colSpan?: number; rowSpan?: number }[][]

/** The indicator appendix (Phụ lục I) as a grid of cells with spans. */
export function indicatorGrid(plan: Plan, mess: Mess = {}): Grid {
  const years = MILESTONES.filter((y) => plan.indicators.some((i) => i.targets[y] !== undefined))
  const blank = mess.blankColumn ? [{ text: '' }] : []
  const rows: Grid = []
  if (years.length > 1) {
    rows.push([
      { text: 'STT', rowSpan: 2 },
      { text: 'Chỉ tiêu', rowSpan: 2 },
      ...(mess.blankColumn ? [{ text: '', rowSpan: 2 }] : []),
      { text: 'Mục tiêu theo từng giai đoạn', colSpan: years.length },
      { text: 'Đơn vị chịu trách nhiệm thực hiện', rowSpan: 2 },
      { text: 'Đơn vị theo dõi, đánh giá', rowSpan: 2 },
    ])
    rows.push(years.map((y) => ({ text: `Đến hết năm ${y}` })))
  } else {
    rows.push([{ text: 'STT' }, { text: 'Nội dung chỉ tiêu' }, ...blank, { text: `Mục tiêu năm ${years[0]}` }, { text: 'Đơn vị thực hiện' }, { text: 'Đơn vị theo dõi' }])
  }
  const width = 2 + blank.length + years.length + 2
  const names = (codes: string[], indicator: string) =>
    codes
      .map((c) => {
        let name = refName(plan, c)
        if (mess.typo && mess.typo[0] === indicator && name === mess.abbreviation?.[0]) name = mess.typo[1]
        else if (mess.typo && mess.typo[0] === indicator && codes.length === 1) name = mess.typo[1]
        else if (mess.abbreviation && name === mess.abbreviation[0] && mess.abbreviation[2].includes(indicator)) name = mess.abbreviation[1]
        return name
      })
      .join('\n')
  let section: string | undefined
  let n = 0
  for (const ind of plan.indicators) {
    if (ind.section !== section) {
      section = ind.section
      if (mess.merged) rows.push([{ text: section, colSpan: width }])
      else {
        const [num, title] = splitSection(section)
        rows.push([{ text: num }, { text: title }, ...Array.from({ length: width - 2 }, () => ({ text: '' }))])
      }
    }
    n++
    const targetCells = years.map((y) => ({ text: ind.targets[y] ?? '' }))
    const filled = years.filter((y) => ind.targets[y] !== undefined)
    // A single target in the last year is written as one merged cell across all years (CT18 in the seed).
    const mergedAcross = mess.merged && filled.length === 1 && filled[0] === years[years.length - 1] && years.length > 1
    rows.push([
      { text: String(n) },
      { text: `- ${ind.name}` },
      ...blank,
      ...(mergedAcross ? [{ text: ind.targets[filled[0] ?? ''] ?? '', colSpan: years.length }] : targetCells),
      { text: names(ind.responsible, ind.code) },
      { text: names(ind.monitor, ind.code) },
    ])
  }
  if (mess.totalRow) rows.push([{ text: 'Tổng cộng', colSpan: 2 }, ...blank, { text: `${plan.indicators.length} chỉ tiêu`, colSpan: years.length }, { text: '' }, { text: '' }])
  return rows
}

/** The task appendix (Phụ lục II). */
export function taskGrid(plan: Plan): Grid {
  const rows: Grid = [[{ text: 'TT' }, { text: 'Nội dung nhiệm vụ' }, { text: 'Đơn vị chủ trì' }, { text: 'Đơn vị phối hợp' }, { text: 'Sản phẩm' }, { text: 'Thời gian hoàn thành' }]]
  let section: string | undefined
  plan.tasks.forEach((t, i) => {
    if (t.section && t.section !== section) {
      section = t.section
      rows.push([{ text: section, colSpan: 6 }])
    }
    rows.push([
      { text: String(i + 1) },
      { text: t.title },
      { text: t.lead.map((c) => refName(plan, c)).join('; ') },
      { text: t.support.map((c) => refName(plan, c)).join('\n') },
      { text: t.output ?? '' },
      { text: t.due },
    ])
  })
  return rows
}

function docxTable(grid: Grid): Table {
  return new Table({
    rows: grid.map(
      (row) =>
        new TableRow({
          children: row.map(
            (c) =>
              new TableCell({
                children: c.text.split('\n').map((line) => new Paragraph(line)),
                ...(c.colSpan ? { columnSpan: c.colSpan } : {}),
                ...(c.rowSpan ? { rowSpan: c.rowSpan } : {}),
              }),
          ),
        }),
    ),
  })
}

/** A Word plan: title paragraphs, body paragraphs (the reporting calendar), then the appendices. */
export async function buildDocx(opts: { heading: string[]; body: string[]; tables: Grid[] }): Promise<Buffer> {
  const children: (Paragraph | Table)[] = [...opts.heading.map((p) => new Paragraph(p)), ...opts.body.map((p) => new Paragraph(p))]
  for (const grid of opts.tables) {
    children.push(new Paragraph('Phụ lục'))
    children.push(docxTable(grid))
  }
  const doc = new Document({ sections: [{ children }] })
  return Packer.toBuffer(doc)
}

/** An Excel workbook: one sheet per grid (a title row above each), plus a notes sheet. */
export async function buildXlsx(opts: { sheets: { name: string; title: string; grid: Grid }[]; notes: string[] }): Promise<Buffer> {
  const wb = new ExcelJS.Workbook()
  for (const s of opts.sheets) {
    const ws = wb.addWorksheet(s.name)
    const width = Math.max(...s.grid.map((r) => r.reduce((n, c) => n + (c.colSpan ?? 1), 0)))
    ws.addRow([s.title])
    ws.mergeCells(1, 1, 1, width)
    const taken = new Set<string>()
    s.grid.forEach((row, r) => {
      const excelRow = r + 2
      let col = 1
      for (const c of row) {
        while (taken.has(`${excelRow}:${col}`)) col++
        ws.getCell(excelRow, col).value = c.text
        const rs = c.rowSpan ?? 1
        const cs = c.colSpan ?? 1
        if (rs > 1 || cs > 1) ws.mergeCells(excelRow, col, excelRow + rs - 1, col + cs - 1)
        for (let dr = 0; dr < rs; dr++) for (let dc = 0; dc < cs; dc++) taken.add(`${excelRow + dr}:${col + dc}`)
        col += cs
      }
    })
  }
  const notes = wb.addWorksheet('Ghi chú')
  for (const n of opts.notes) notes.addRow([n])
  return Buffer.from(await wb.xlsx.writeBuffer())
}

/** The grid as CSV text (spans written out as empty cells), with the given separator. */
export function gridToCsv(grid: Grid, sep: string): string {
  const esc = (t: string) => (/["\n;,]/.test(t) ? `"${t.replace(/"/g, '""')}"` : t)
  return grid.map((row) => row.flatMap((c) => [esc(c.text), ...Array.from({ length: (c.colSpan ?? 1) - 1 }, () => '')]).join(sep)).join('\r\n') + '\r\n'
}
