import { AlignmentType, ImageRun, Paragraph, Table, TableCell, TableRow, VerticalAlign, WidthType } from 'docx'
import { formatDeadline } from '../../domain/calendar/local-time.js'
import { groupStatements } from '../../domain/reporting/statements.js'
import { neutraliseText } from '../../domain/safe-text.js'
import type { ExportBase } from './export-data.js'
import { xt, xw } from './export-text.js'
import { figureText, milestoneText, verdictWord } from './figures.js'
import { BODY_WIDTH } from './word-header.js'
import { bodyParagraph, centred, PAGE, run, sectionHeading, SIZE } from './word-style.js'

/** A chart drawn elsewhere (src/reports/charts/), embedded under section I or II. */
export interface DraftChart {
  title: string
  png: Buffer
  /** Pixels at 96 dpi. */
  width: number
  height: number
  /** Where it goes; charts of indicators by default. */
  section?: 'implementation' | 'indicators'
}

/** Names a sentence of the draft lists before pointing to the workbook; a province has thousands of units. */
const MAX_NAMES = 30
/** Statements shown per narrative section (each with its units), the most shared first. */
const MAX_STATEMENTS = 40
/** Twips kept under a chart for its caption and the paragraph spacing (about 2 cm). */
const CAPTION_ROOM = 1134

/** Unit names for a sentence: ";" between them (names contain commas), the first MAX_NAMES, then a count and the sheet with them all. */
function names(unitNames: readonly string[], sheet: string): string {
  const shown = unitNames.slice(0, MAX_NAMES).map(neutraliseText).join('; ')
  return unitNames.length > MAX_NAMES ? shown + xw.moreUnits(unitNames.length - MAX_NAMES, sheet) : shown
}
const unitNamesOf = (units: readonly { unitName: string }[]) => units.map((u) => u.unitName)

/** I. Tình hình triển khai: completeness, the on-time rate, late and missing units by name. */
export function implementationPart(d: ExportBase, charts: readonly DraftChart[]): (Paragraph | Table)[] {
  const s = d.summary
  const c = s.completeness
  const late = s.units.filter((u) => u.state.kind === 'late')
  const missing = s.units.filter((u) => u.state.kind === 'drafting' || u.state.kind === 'not_started')
  return [
    sectionHeading(xw.sections.implementation),
    bodyParagraph(xw.completeness(d.request.label, formatDeadline(d.request.dueAt, d.plan.plan.timezone), c.expected, c.submitted, c.percent, c.onTime, c.late)),
    bodyParagraph(xw.onTimeRate(c.expected ? Math.floor((c.onTime / c.expected) * 100) : 0)),
    ...(late.length ? [bodyParagraph(xw.lateUnits(names(unitNamesOf(late), xt.sheets.submissions)))] : []),
    bodyParagraph(missing.length ? xw.missingUnits(names(unitNamesOf(missing), xt.sheets.submissions)) : xw.allSubmitted),
    ...chartParagraphs(charts, 'implementation'),
  ]
}

/** II. Kết quả thực hiện các chỉ tiêu: how many met their milestone overall and per section, then the table. */
export function indicatorPart(d: ExportBase, charts: readonly DraftChart[]): (Paragraph | Table)[] {
  const s = d.summary
  const withData = s.indicators.filter((f) => f.aggregate).length
  const sections = [...new Set(s.indicators.map((f) => f.indicator.section))]
  const lines = sections.map((section, i) => {
    const figs = s.indicators.filter((f) => f.indicator.section === section)
    const judged = figs.filter((f) => f.aggregate && f.verdict.kind !== 'unjudged')
    return bodyParagraph(xw.sectionLine(i + 1, section || '—', figs.length, judged.filter((f) => f.verdict.kind === 'met').length, judged.length, figs.filter((f) => !f.aggregate).length))
  })
  return [
    sectionHeading(xw.sections.indicators),
    bodyParagraph(withData ? xw.indicatorsOverall(s.indicators.length, withData, s.judged, s.met) : xw.noIndicatorData),
    ...lines,
    indicatorTable(d),
    bodyParagraph([run(xw.tableUnit, { italics: true, size: SIZE.table })]),
    ...chartParagraphs(charts, 'indicators'),
  ]
}

const COLS = [800, 3800, 1750, 1700, 1304]

function indicatorTable(d: ExportBase): Table {
  const cell = (text: string, width: number, opts: { bold?: boolean; centre?: boolean; span?: number } = {}) =>
    new TableCell({
      width: { size: width, type: WidthType.DXA },
      verticalAlign: VerticalAlign.CENTER,
      ...(opts.span ? { columnSpan: opts.span } : {}),
      children: [new Paragraph({ alignment: opts.centre ? AlignmentType.CENTER : AlignmentType.LEFT, children: [run(text, { size: SIZE.table, bold: opts.bold ?? false })] })],
    })
  const rows = [new TableRow({ tableHeader: true, children: xw.tableHeaders.map((h, i) => cell(h, COLS[i]!, { bold: true, centre: true })) })]
  let section: string | undefined
  let n = 0
  for (const f of d.summary.indicators) {
    if (f.indicator.section && f.indicator.section !== section) {
      section = f.indicator.section
      rows.push(new TableRow({ children: [cell(section, BODY_WIDTH, { bold: true, span: COLS.length })] }))
    }
    const ind = f.indicator
    rows.push(
      new TableRow({
        cantSplit: true,
        children: [cell(String(++n), COLS[0]!, { centre: true }), cell(`${ind.code}. ${ind.name}`, COLS[1]!), cell(milestoneText(f.milestone), COLS[2]!), cell(figureText(ind, f.aggregate, f.answers), COLS[3]!), cell(verdictWord(f), COLS[4]!, { centre: true })],
      }),
    )
  }
  return new Table({ rows, width: { size: BODY_WIDTH, type: WidthType.DXA }, columnWidths: COLS })
}

/** III. Tiến độ nhiệm vụ: what lead units reported, and the overdue tasks with the units that have not finished. */
export function taskPart(d: ExportBase): Paragraph[] {
  const reported = d.tasks.filter((t) => t.submitted)
  const count = (k: string) => reported.filter((t) => t.status === k).length
  const overdue = d.summary.overdueTasks
  return [
    sectionHeading(xw.sections.tasks),
    bodyParagraph(reported.length ? xw.taskCounts(reported.length, count('done'), count('in_progress'), count('delayed'), count('not_started')) : xw.noTaskReports),
    ...(overdue.length
      ? [bodyParagraph(xw.overdueTitle), ...overdue.map((o) => bodyParagraph(xw.overdueLine(o.task.code, o.task.title, o.task.due, names(o.openUnits, xt.sheets.tasks))))]
      : [bodyParagraph(xw.noOverdue)]),
  ]
}

/**
 * IV and V: difficulties and proposals, each statement once with the units
 * that made it, the most shared first; past MAX_STATEMENTS, a count and the
 * workbook's sheet, which has every one.
 */
export function narrativePart(d: ExportBase, section: 'difficulties' | 'proposals'): Paragraph[] {
  const statements = groupStatements(d.summary.sections[section])
  if (!statements.length) return [sectionHeading(xw.sections[section]), bodyParagraph(section === 'difficulties' ? xw.noDifficulties : xw.noProposals)]
  return [
    sectionHeading(xw.sections[section]),
    ...statements.slice(0, MAX_STATEMENTS).map((g) => bodyParagraph(xw.attributed(names(g.unitNames, xt.sheets.narrative), neutraliseText(g.body)))),
    ...(statements.length > MAX_STATEMENTS ? [bodyParagraph(xw.moreStatements(statements.length - MAX_STATEMENTS, xt.sheets.narrative))] : []),
  ]
}

/**
 * Charts for one section, each scaled to the text width and captioned. A tall
 * chart (a province's hundred unit groups) is also scaled to leave room for
 * its caption on the same page.
 */
function chartParagraphs(charts: readonly DraftChart[], where: 'implementation' | 'indicators'): Paragraph[] {
  const maxWidth = Math.floor((BODY_WIDTH / 1440) * 96) // twips → pixels at 96 dpi
  const maxHeight = Math.floor(((PAGE.height - PAGE.top - PAGE.bottom - CAPTION_ROOM) / 1440) * 96)
  return charts.flatMap((c, i) => {
    if ((c.section ?? 'indicators') !== where) return []
    const scale = Math.min(1, maxWidth / c.width, maxHeight / c.height)
    return [
      centred([new ImageRun({ type: 'png', data: c.png, transformation: { width: Math.round(c.width * scale), height: Math.round(c.height * scale) }, altText: { name: c.title, description: c.title, title: c.title } })], { keepNext: true }),
      centred([run(xw.chartCaption(i + 1, c.title), { italics: true, size: SIZE.table })], { spacing: { after: 120 } }),
    ]
  })
}
