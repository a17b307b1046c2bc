import { existsSync, writeFileSync } from 'node:fs'
import type { Config } from '../../config.js'
import { describeProblem, planCounts, readPlanFile, type PlanProblem } from '../../domain/plan-file.js'
import { importPlan } from '../../storage/plan-import.js'
import type { DraftCheck } from '../../plan-draft/index.js'
import { CliError } from '../cli-error.js'
import { syncPlanPeriods } from '../../scheduler/period-sync.js'
import { openForCommand } from '../open-database.js'
import { loadPlanFile } from '../plan-source.js'
import type { CommandIo } from '../command-io.js'
import { op } from '../operator-messages.js'
import { describeImport } from '../import-summary.js'

const USAGE = 'cách dùng: dondoc plan check FILE | dondoc plan import FILE | dondoc plan draft FILE.docx|.xlsx|.csv [--out plan.yaml] [--force]'

/** `dondoc plan check FILE`, `dondoc plan import FILE` and `dondoc plan draft FILE`. */
export async function planCommand(args: string[], config: Config, io: CommandIo): Promise<number> {
  const [sub, file] = args
  if (sub === 'draft' && file) return planDraft(file, args.slice(2), io)
  if (!file || (sub !== 'check' && sub !== 'import')) throw new CliError(USAGE, 2)
  const { plan, sourceHash, warnings } = loadPlanFile(file)
  if (sub === 'check') {
    io.out(planCounts(plan))
    if (warnings.length) io.out(describeWarnings(warnings))
    return 0
  }
  if (warnings.length) io.progress(describeWarnings(warnings))
  io.progress(op.importing(file, planCounts(plan)))
  const handle = await openForCommand(config)
  try {
    const summary = await importPlan(handle.db, plan, { now: io.now(), sourceHash })
    await syncPlanPeriods(handle.db, summary.planId, plan, io.now())
    io.out(describeImport(summary))
    return 0
  } finally {
    await handle.close()
  }
}

/** Warnings: printed, never blocking. */
export function describeWarnings(warnings: readonly PlanProblem[]): string {
  return [`Cảnh báo (${warnings.length}, không chặn việc nạp kế hoạch):`, ...warnings.map((w) => `  ${describeProblem(w)}`)].join('\n')
}

/**
 * `dondoc plan draft FILE [--out plan.yaml] [--force]`: write a commented
 * plan draft from a Word/Excel/CSV appendix, list what to check, and run the
 * same validation as `plan check` on it. Without --out the YAML goes to
 * stdout and the report to stderr, so it can be piped; with --out the report
 * goes to stdout. An existing --out file is kept unless --force.
 * Exit code: 0 when the draft passes plan check, 1 when it needs fixes.
 */
async function planDraft(file: string, rest: string[], io: CommandIo): Promise<number> {
  let out: string | undefined
  let force = false
  for (let i = 0; i < rest.length; i++) {
    if (rest[i] === '--out' && rest[i + 1]) out = rest[++i]
    else if (rest[i] === '--force') force = true
    else throw new CliError(USAGE, 2)
  }
  if (out && existsSync(out) && !force) throw new CliError(`${out} đã có; thêm --force để ghi đè hoặc chọn tên tệp khác`, 2)
  let yaml: string
  let checks: DraftCheck[]
  // The readers of Word and Excel files (exceljs, a zip library) are loaded only to draft.
  const { draftPlan, readDraftSource, writeDraftYaml } = await import('../../plan-draft/index.js')
  try {
    const source = await readDraftSource(file)
    ;({ yaml, checks } = writeDraftYaml(draftPlan(source)))
  } catch (err) {
    throw new CliError((err as Error).message)
  }
  const report = out ? io.out : io.progress
  if (out) {
    writeFileSync(out, yaml)
    report(`Đã ghi bản nháp vào ${out}.`)
  } else io.out(yaml)
  report(describeDraftChecks(checks))
  const reading = readPlanFile(yaml)
  if (reading.ok) {
    report(`Kiểm tra như "plan check": đạt. ${describeCounts(reading.plan)}`)
    return 0
  }
  report(`Kiểm tra như "plan check": chưa đạt, cần sửa ${reading.problems.length} chỗ trong bản nháp:`)
  for (const p of reading.problems) report(`  ${describeProblem(p)}`)
  return 1
}

/** The KIỂM TRA list as the operator reads it after the draft. */
export function describeDraftChecks(checks: readonly DraftCheck[]): string {
  if (checks.length === 0) return 'Không có chỗ nào cần kiểm tra (KIỂM TRA).'
  return [`Cần kiểm tra ${checks.length} chỗ (đánh dấu "# KIỂM TRA:" trong tệp):`, ...checks.map((c, i) => `  ${i + 1}. ${c.where}: ${c.message}`)].join('\n')
}

function describeCounts(plan: { units: unknown[]; groups: unknown[]; indicators: unknown[]; tasks: unknown[]; schedules: unknown[] }): string {
  return `${plan.units.length} đơn vị, ${plan.groups.length} nhóm, ${plan.indicators.length} chỉ tiêu, ${plan.tasks.length} nhiệm vụ, ${plan.schedules.length} lịch báo cáo.`
}
