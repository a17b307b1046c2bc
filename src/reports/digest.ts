import { sql } from 'kysely'
import { formatAnswer, answerMeetsTarget, type AnswerValue } from '../domain/answer-rules.js'
import { formatDeadline } from '../domain/calendar/local-time.js'
import type { Plan } from '../domain/plan-model.js'
import { readTarget, targetForYear } from '../domain/targets.js'
import { formatVnNumber } from '../domain/vn-number.js'
import { scheduleReporters } from '../domain/unit-refs.js'
import type { Db } from '../storage/database.js'
import { unitProgress } from '../storage/reminder-queries.js'
import { splitText } from '../conversation/split-text.js'
import { readTaskDue, type TaskDue } from '../domain/calendar/due-phrases.js'
import { localDate } from '../domain/calendar/local-time.js'
import { formatInTimeZone } from 'date-fns-tz'

/** One period (or combined request) a digest is about. */
export interface DigestSubject {
  planId: number
  plan: Plan
  label: string
  dueAt: Date
  /** Period ids (with their schedule codes) the subject covers. */
  periods: { id: number; scheduleCode: string; key: string }[]
}

const MAX_NAMES = 12

/**
 * The leaders' progress digest before a deadline: who submitted, who is
 * entering data, who has not started, by name. The first line reads in five
 * seconds.
 */
export async function progressDigest(db: Db, s: DigestSubject): Promise<string[]> {
  const { expected, submitted, drafting, notStarted } = await tally(db, s)
  const deadline = formatDeadline(s.dueAt, s.plan.plan.timezone)
  const lines = [
    `📊 Tiến độ báo cáo ${s.label} (hạn ${deadline}): ${submitted.length}/${expected} đơn vị đã gửi, ${drafting.length} đang nhập, ${notStarted.length} chưa bắt đầu.`,
    ...(drafting.length ? [`Đang nhập: ${names(drafting)}`] : []),
    ...(notStarted.length ? [`Chưa bắt đầu: ${names(notStarted)}`] : []),
  ]
  return splitText(lines.join('\n'), 3500)
}

/**
 * The period summary after the deadline: completeness and on-time rate, the
 * missing units, each indicator against its target with the commune-wide
 * figure where it means something, and the difficulties and proposals units
 * wrote, attributed.
 */
export async function summaryDigest(db: Db, s: DigestSubject): Promise<string[]> {
  const { expected, submitted, drafting, notStarted, onTime } = await tally(db, s)
  const missing = [...drafting, ...notStarted]
  const pct = expected ? Math.round((submitted.length / expected) * 100) : 0
  const deadline = formatDeadline(s.dueAt, s.plan.plan.timezone)
  const head = [
    `📊 Báo cáo ${s.label} (hạn ${deadline}): ${submitted.length}/${expected} đơn vị đã nộp (${pct}%), ${onTime} đúng hạn.`,
    ...(missing.length ? [`Chưa nộp: ${names(missing)}`] : []),
  ]
  const year = Number(s.periods[0]?.key.slice(0, 4)) || new Date(s.dueAt).getUTCFullYear()
  const values = await submittedValues(db, s)
  const indicatorLines: string[] = []
  let notMet = 0
  let judged = 0
  for (const ind of s.plan.indicators) {
    const v = values.get(ind.code)
    const applies = targetForYear(ind.targets, year)
    const target = applies ? readTarget(applies.target) : undefined
    const reading = target?.ok ? target.target : undefined
    if (!v) continue
    const overall =
      v.numbers && isNumericType(ind.type)
        ? ind.type === 'percent'
          ? { value: { num: v.sum / v.numbers }, how: 'trung bình' }
          : { value: { num: v.sum }, how: 'tổng' }
        : undefined
    const rows = v.rows ?? []
    const met = overall ? answerMeetsTarget(overall.value, reading) : v.count === 1 ? answerMeetsTarget(rows[0]!.value, reading) : null
    if (met !== null) {
      judged++
      if (!met) notMet++
    }
    const verdict = met === null ? '' : met ? ' ✅' : ` ❌ (mục tiêu ${applies!.target})`
    const figure = overall ? `${formatAnswer(overall.value, ind.type, ind.unit)} (${overall.how} ${v.count} đơn vị)` : rows.map((r) => `${r.unitName}: ${formatAnswer(r.value, ind.type, ind.unit)}`).join('; ')
    indicatorLines.push(`• ${ind.code} ${ind.name}: ${figure}${verdict}`)
  }
  const sections = await submittedSections(db, s)
  const overdueTasks = await overdueTaskLines(db, s)
  const body = [
    ...(judged ? [`Chỉ tiêu chưa đạt mục tiêu ${year}: ${notMet}/${judged}.`] : []),
    ...indicatorLines,
    ...(overdueTasks.length ? ['Nhiệm vụ quá hạn:', ...overdueTasks] : []),
    ...(sections.difficulties.length ? ['Khó khăn, vướng mắc:', ...sections.difficulties.map((d) => `• ${d.unit}: ${d.text}`)] : []),
    ...(sections.proposals.length ? ['Đề xuất, kiến nghị:', ...sections.proposals.map((d) => `• ${d.unit}: ${d.text}`)] : []),
  ]
  return [head.join('\n'), ...(body.length ? splitText(body.join('\n'), 3500) : [])]
}

async function tally(db: Db, s: DigestSubject) {
  const expectedCodes = new Set(s.periods.flatMap((p) => scheduleReporters(s.plan, p.scheduleCode).map((u) => u.code)))
  const progress = (await unitProgress(db, s.planId, s.periods.map((p) => p.id))).filter((u) => expectedCodes.has(u.unitCode))
  const submitted = progress.filter((u) => Object.values(u.periods).every((p) => p.status === 'submitted' || p.status === 'covered'))
  // Sets, not Array.includes: a province has thousands of units on each side.
  const done = new Set(submitted)
  const drafting = progress.filter((u) => !done.has(u) && Object.values(u.periods).some((p) => p.answered > 0))
  const started = new Set(drafting)
  const notStarted = progress.filter((u) => !done.has(u) && !started.has(u))
  const onTime = submitted.filter((u) => Object.values(u.periods).every((p) => p.submittedAt && p.submittedAt < s.dueAt)).length
  return { expected: progress.length, submitted, drafting, notStarted, onTime }
}

function names(units: { unitName: string }[]): string {
  const shown = units.slice(0, MAX_NAMES).map((u) => u.unitName)
  return shown.join(', ') + (units.length > MAX_NAMES ? ` và ${formatVnNumber(units.length - MAX_NAMES)} đơn vị khác` : '')
}

function isNumericType(type: Plan['indicators'][number]['type']): boolean {
  return type === 'percent' || type === 'integer' || type === 'number'
}

/** Submitted answers of one indicator: counts and the numeric sum; each unit's answer only where the digest lists them. */
interface IndicatorFigures {
  count: number
  numbers: number
  sum: number
  rows?: { unitName: string; value: AnswerValue }[]
}

/**
 * Submitted answers per indicator code. Numeric indicators are summed in the
 * database (a province sends units × indicators rows, too many to ship to the
 * process); answers are fetched one by one only for indicators the digest
 * lists unit by unit (yes/no, text, choice, or no number given).
 */
async function submittedValues(db: Db, s: DigestSubject): Promise<Map<string, IndicatorFigures>> {
  const primary = s.periods[0]!.id
  const submitted = db
    .selectFrom('indicator_values as v')
    .innerJoin('submissions as sub', 'sub.id', 'v.submission_id')
    .innerJoin('indicators as i', 'i.id', 'v.indicator_id')
    .where('sub.period_id', '=', primary)
    .where('sub.status', '=', 'submitted')
    .where('v.skipped', '=', false)
  const totals = await submitted
    .select('i.code')
    .select([sql<number>`count(*)::int`.as('count'), sql<number>`count(v.value_num)::int`.as('numbers'), sql<number | null>`sum(v.value_num)`.as('sum')])
    .groupBy('i.code')
    .execute()
  const out = new Map<string, IndicatorFigures>(totals.map((t) => [t.code, { count: t.count, numbers: t.numbers, sum: Number(t.sum ?? 0) }]))
  const types = new Map(s.plan.indicators.map((i) => [i.code, i.type]))
  const listed = totals.filter((t) => !(t.numbers && isNumericType(types.get(t.code) ?? 'text'))).map((t) => t.code)
  if (!listed.length) return out
  const rows = await submitted
    .innerJoin('units as u', 'u.id', 'v.about_unit_id')
    .select(['i.code', 'u.name', 'v.value_num', 'v.value_bool', 'v.value_text'])
    .where('i.code', 'in', listed)
    .orderBy('u.position')
    .execute()
  for (const r of rows) {
    const figures = out.get(r.code)!
    figures.rows ??= []
    figures.rows.push({
      unitName: r.name,
      value: r.value_num !== null ? { num: r.value_num } : r.value_bool !== null ? { bool: r.value_bool } : { text: r.value_text ?? '' },
    })
  }
  return out
}

async function submittedSections(db: Db, s: DigestSubject) {
  const rows = await db
    .selectFrom('submission_sections as x')
    .innerJoin('submissions as sub', 'sub.id', 'x.submission_id')
    .innerJoin('units as u', 'u.id', 'sub.unit_id')
    .select(['x.section', 'x.body', 'u.name'])
    .where('sub.period_id', '=', s.periods[0]!.id)
    .where('sub.status', '=', 'submitted')
    .where('x.body', 'is not', null)
    .execute()
  const pick = (section: string) => rows.filter((r) => r.section === section).map((r) => ({ unit: r.name, text: r.body! }))
  return { difficulties: pick('difficulties'), proposals: pick('proposals') }
}

/** The end of a task's own deadline, or undefined for ongoing tasks. */
function taskDeadline(due: TaskDue): string | undefined {
  switch (due.kind) {
    case 'month':
      return localDate(due.year, due.month + 1, 1)
    case 'year':
      return localDate(due.year + 1, 1, 1)
    case 'date':
      return due.date
    default:
      return undefined
  }
}

/**
 * Tasks whose own deadline passed before the period's and that no lead unit
 * reported done: "NV12 Xây dựng kế hoạch chi tiết (hạn 31/7/2025): Thôn 3 chưa báo cáo".
 */
async function overdueTaskLines(db: Db, s: DigestSubject): Promise<string[]> {
  const dueDay = formatInTimeZone(s.dueAt, s.plan.plan.timezone, 'yyyy-MM-dd')
  const late = s.plan.tasks.filter((t) => {
    const r = readTaskDue(t.due)
    const end = r.ok ? taskDeadline(r.value) : undefined
    return end !== undefined && end <= dueDay
  })
  if (!late.length) return []
  const rows = await db
    .selectFrom('task_units as tu')
    .innerJoin('tasks as t', 't.id', 'tu.task_id')
    .innerJoin('units as u', 'u.id', 'tu.unit_id')
    .leftJoin(
      (eb) =>
        eb
          .selectFrom('task_progress as tp')
          .innerJoin('submissions as sub', 'sub.id', 'tp.submission_id')
          .select(['sub.unit_id', 'tp.task_id', 'tp.status'])
          .where('sub.status', '<>', 'draft')
          .where('tp.status', '=', 'done')
          .as('done'),
      (join) => join.onRef('done.unit_id', '=', 'tu.unit_id').onRef('done.task_id', '=', 'tu.task_id'),
    )
    .select(['t.code', 'u.name', 'done.status'])
    .where('tu.plan_id', '=', s.planId)
    .where('tu.role', '=', 'lead')
    .where('t.code', 'in', late.map((t) => t.code))
    .execute()
  const lines: string[] = []
  for (const t of late) {
    const open = [...new Set(rows.filter((r) => r.code === t.code && r.status === null).map((r) => r.name))]
    if (!open.length) continue
    const shown = open.slice(0, MAX_NAMES).join(', ') + (open.length > MAX_NAMES ? ` và ${open.length - MAX_NAMES} đơn vị khác` : '')
    lines.push(`• ${t.code} ${t.title} (hạn ${t.due}): chưa hoàn thành ở ${shown}`)
  }
  return lines
}
