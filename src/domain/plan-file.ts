import type { Plan } from './plan-model.js'
import { checkPlanFields } from './plan-file/checks.js'
import { buildPlan } from './plan-file/build-plan.js'
import type { RawProblem } from './plan-file/fields.js'
import { readFileFields } from './plan-file/file-fields.js'
import { planWarnings } from './plan-file/warnings.js'
import { readYamlSource, type YamlSource } from './plan-file/yaml-source.js'

/** One thing wrong with a plan file, located the way an operator can find it. */
export interface PlanProblem {
  /** `indicators[12].targets.2030`; for YAML syntax errors `dòng 3, cột 10`. */
  path: string
  /** Vietnamese, for the office that wrote the file. */
  message: string
  /** 1-based line in the file, where known. */
  line?: number
  /** The item the problem is in, as the office names it: `chỉ tiêu CT04`. */
  item?: string
}

/** A plan that passed every check (with warnings to show), or every problem found. */
export type PlanReading = { ok: true; plan: Plan; warnings: PlanProblem[] } | { ok: false; problems: PlanProblem[] }

/** `['indicators', 12, 'targets', '2030']` → `indicators[12].targets.2030` */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = ''
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`
    else out += (out ? '.' : '') + String(part)
  }
  return out || '(tệp)'
}

/**
 * One problem as the office reads it:
 * `dòng 57, chỉ tiêu CT04 (indicators[3]).targets.2030: không đọc được "≥ 1,5,0%"`.
 */
export function describeProblem(p: PlanProblem): string {
  const at = p.line !== undefined && !p.path.startsWith('dòng') ? `dòng ${p.line}, ` : ''
  const where = p.item ? p.path.replace(/^([a-z]+\[\d+\])/, `${p.item} ($1)`) : p.path
  return `${at}${where}: ${p.message}`
}

/**
 * Read and check a plan file in one pass: YAML syntax, then every field of
 * every item and every rule between them, so an office fixes all its mistakes
 * at once instead of in rounds. Problems and warnings carry the line and the
 * item's code; nothing is written anywhere.
 */
export function readPlanFile(source: string): PlanReading {
  const yaml = readYamlSource(source)
  if (yaml.data === undefined) {
    return {
      ok: false,
      problems: yaml.syntax.map((s) => ({
        path: s.line !== undefined ? `dòng ${s.line}, cột ${s.column ?? 1}` : '(tệp)',
        message: s.message,
        ...(s.line !== undefined ? { line: s.line } : {}),
      })),
    }
  }
  const raw: RawProblem[] = []
  const fields = readFileFields(yaml.data, raw)
  checkPlanFields(fields, raw)
  const locate = (p: RawProblem) => locateProblem(p, yaml)
  if (raw.length > 0) return { ok: false, problems: sortByLine(raw.map(locate)) }
  const plan = buildPlan(fields)
  return { ok: true, plan, warnings: sortByLine(planWarnings(plan).map(locate)) }
}

const ITEM_WORDS: Record<string, string> = { groups: 'nhóm', units: 'đơn vị', indicators: 'chỉ tiêu', tasks: 'nhiệm vụ', schedules: 'lịch báo cáo' }

function locateProblem(p: RawProblem, yaml: YamlSource): PlanProblem {
  const line = yaml.lineOf(p.path)
  const item = itemName(p.path, yaml.data)
  return { path: formatPath(p.path), message: p.message, ...(line !== undefined ? { line } : {}), ...(item ? { item } : {}) }
}

function itemName(path: readonly PropertyKey[], data: unknown): string | undefined {
  const [section, index] = path
  const word = typeof section === 'string' ? ITEM_WORDS[section] : undefined
  if (!word || typeof index !== 'number') return undefined
  const list = (data as Record<string, unknown>)[section as string]
  const entry = Array.isArray(list) ? (list[index] as { code?: unknown } | undefined) : undefined
  const code = typeof entry?.code === 'string' || typeof entry?.code === 'number' ? String(entry.code).trim() : ''
  return code ? `${word} ${code}` : undefined
}

function sortByLine(problems: PlanProblem[]): PlanProblem[] {
  return problems
    .map((p, i) => ({ p, i }))
    .sort((a, b) => (a.p.line ?? 0) - (b.p.line ?? 0) || a.i - b.i)
    .map((x) => x.p)
}

/** The counts `dondoc plan check` prints. */
export function planCounts(plan: Plan): string {
  return `units: ${plan.units.length}, indicators: ${plan.indicators.length}, tasks: ${plan.tasks.length}, schedules: ${plan.schedules.length}`
}
