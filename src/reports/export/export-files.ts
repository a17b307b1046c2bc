import { mkdir, writeFile } from 'node:fs/promises'
import path from 'node:path'
import type { Plan } from '../../domain/plan-model.js'
import type { Db } from '../../storage/database.js'
import { pickRequest, planRequests, type PlanRequest } from '../period-request.js'
import { readExportBase, readExportValues, type ExportBase } from './export-data.js'
import { buildWordDraft, type DraftChart } from './word-draft.js'
import { buildWorkbook } from './workbook.js'

/** The folder could not be made or written: the operator is told which and why, in one line. */
export class ExportWriteError extends Error {
  constructor(readonly dir: string, readonly reason: string, options?: ErrorOptions) {
    super(`cannot write export files to ${dir}: ${reason}`, options)
    this.name = 'ExportWriteError'
  }
}

/** What an export produced, or the periods to offer when the words named none. */
export type ExportResult =
  | { ok: true; request: PlanRequest; history: boolean; files: { xlsx: string; docx: string } }
  | { ok: false; reason: 'unknown' | 'none'; choices: PlanRequest[] }

/** `<plan>-<period key>`: the request's key as the CLI shows it (`ea-wy-2026-Y`). */
export function exportBaseName(planCode: string, request: PlanRequest): string {
  return `${planCode}-${request.key.split('+')[0]}`.replace(/[^\p{L}\p{N}._-]+/gu, '-')
}

/**
 * Export the period named by `words` (or the one that matters now) as
 * `<plan>-<period>.xlsx` and `.docx` in `outDir`, creating the folder.
 */
export async function exportPeriod(
  db: Db,
  planId: number,
  plan: Plan,
  opts: { words: string | undefined; now: Date; outDir: string; charts?: readonly DraftChart[] },
): Promise<ExportResult> {
  const pick = await pickRequest(db, planId, plan, opts.words, opts.now)
  if (!pick.ok) return pick
  const [xlsx, docx] = await buildBoth(db, planId, plan, pick.request, pick.requests, opts.now, opts.charts)
  const base = path.join(opts.outDir, exportBaseName(plan.plan.code, pick.request))
  const files = { xlsx: `${base}.xlsx`, docx: `${base}.docx` }
  await writeFiles(opts.outDir, [
    [files.xlsx, xlsx],
    [files.docx, docx],
  ])
  return { ok: true, request: pick.request, history: pick.history, files }
}

/**
 * The charts of the draft, drawn from the same summary: completeness by unit
 * group under section I, one chart per plan section (its numeric indicators
 * as % of their milestone targets) under section II. The chart code is
 * loaded only when an export is made.
 */
async function draftCharts(data: ExportBase): Promise<DraftChart[]> {
  const { renderSummaryCharts } = await import('../charts/index.js')
  const [completeness, ...sections] = await renderSummaryCharts(data.plan, data.summary)
  return [
    ...(completeness ? [{ title: completeness.title, png: completeness.png, width: completeness.width, height: completeness.height, section: 'implementation' as const }] : []),
    ...sections.map((c) => ({ title: c.title, png: c.png, width: c.width, height: c.height, section: 'indicators' as const })),
  ]
}

const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'

/**
 * The workbook and the Word draft of a request as in-memory files, for the
 * chat (`/xuatbaocao`, the summary digest's attachments): the same bytes
 * `dondoc export` writes.
 */
export async function exportFiles(db: Db, planId: number, plan: Plan, request: PlanRequest, now: Date): Promise<{ name: string; bytes: Buffer; mime: string }[]> {
  const [xlsx, docx] = await buildBoth(db, planId, plan, request, await planRequests(db, planId, plan), now)
  const base = exportBaseName(plan.plan.code, request)
  return [
    { name: `${base}.xlsx`, bytes: xlsx, mime: XLSX_MIME },
    { name: `${base}.docx`, bytes: docx, mime: DOCX_MIME },
  ]
}

/**
 * The workbook and the Word draft of a request, each started as soon as its
 * input is there: the values (the largest read, which only the workbook
 * needs) are asked for first and gathered by PostgreSQL while the charts are
 * drawn in resvg's threads, and whichever arrives first is laid out first.
 */
async function buildBoth(db: Db, planId: number, plan: Plan, request: PlanRequest, requests: readonly PlanRequest[], now: Date, charts?: readonly DraftChart[]): Promise<[Buffer, Buffer]> {
  const values = readExportValues(db, request)
  values.catch(() => undefined) // awaited below; this only keeps an early failure of the base read from leaving it unhandled
  const base = await readExportBase(db, planId, plan, request, requests, now)
  const drawn = charts ? Promise.resolve(charts) : draftCharts(base)
  return Promise.all([values.then((v) => buildWorkbook({ ...base, values: v })), drawn.then((c) => buildWordDraft(base, c))])
}

async function writeFiles(dir: string, files: [string, Buffer][]): Promise<void> {
  try {
    await mkdir(dir, { recursive: true })
    for (const [file, bytes] of files) await writeFile(file, bytes)
  } catch (err) {
    const e = err as NodeJS.ErrnoException
    throw new ExportWriteError(dir, e.code ?? e.message, { cause: err })
  }
}
