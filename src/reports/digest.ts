import { formatAnswer, answerMeetsTarget } from '../domain/answer-rules.js'
import { formatDeadline, instantToLocal } from '../domain/calendar/local-time.js'
import { isNumericIndicator, type Plan } from '../domain/plan-model.js'
import { readTarget, targetForYear } from '../domain/targets.js'
import { scheduleReporters } from '../domain/unit-refs.js'
import type { Db } from '../storage/database.js'
import { unitProgress } from '../storage/reminder-queries.js'
import { splitText } from '../conversation/split-text.js'
import { dueDateOf, readTaskDue } from '../domain/calendar/due-phrases.js'
import { indicatorFigures, leadTaskCompletion, submittedSections } from '../storage/report-reads.js'
import { leaderMsg } from './messages.js'

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
    leaderMsg.progressHead({ label: s.label, deadline, submitted: submitted.length, expected, drafting: drafting.length, notStarted: notStarted.length }),
    ...(drafting.length ? [leaderMsg.draftingList(names(drafting))] : []),
    ...(notStarted.length ? [leaderMsg.notStartedList(names(notStarted))] : []),
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
    leaderMsg.summaryHead({ label: s.label, deadline, submitted: submitted.length, expected, pct, onTime }),
    ...(missing.length ? [leaderMsg.missingList(names(missing))] : []),
  ]
  const year = Number(s.periods[0]?.key.slice(0, 4)) || new Date(s.dueAt).getUTCFullYear()
  const types = new Map(s.plan.indicators.map((i) => [i.code, i.type]))
  // Numeric indicators are totalled in the database; answers are listed one by one only where the digest shows them unit by unit.
  const values = await indicatorFigures(db, s.periods[0]!.id, (code, numbers) => !(numbers && isNumericIndicator(types.get(code) ?? 'text')))
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
      v.numbers && isNumericIndicator(ind.type)
        ? ind.type === 'percent'
          ? { value: { num: v.sum / v.numbers }, how: leaderMsg.howMean }
          : { value: { num: v.sum }, how: leaderMsg.howSum }
        : undefined
    const rows = v.rows ?? []
    const met = overall ? answerMeetsTarget(overall.value, reading) : v.count === 1 ? answerMeetsTarget(rows[0]!.value, reading) : null
    if (met !== null) {
      judged++
      if (!met) notMet++
    }
    const verdict = met === null ? '' : met ? leaderMsg.verdictMet : leaderMsg.verdictNotMet(applies!.target)
    const figure = overall
      ? leaderMsg.aggregateFigure(formatAnswer(overall.value, ind.type, ind.unit), overall.how, v.count)
      : rows.map((r) => leaderMsg.unitValue(r.unitName, formatAnswer(r.value, ind.type, ind.unit))).join('; ')
    indicatorLines.push(leaderMsg.indicatorLine(ind.code, ind.name, figure, verdict))
  }
  const sections = await submittedSections(db, s.periods[0]!.id)
  const attributed = (name: 'difficulties' | 'proposals') => sections.filter((x) => x.section === name).map((x) => leaderMsg.attributed(x.unitName, x.body))
  const difficulties = attributed('difficulties')
  const proposals = attributed('proposals')
  const overdueTasks = await overdueTaskLines(db, s)
  const body = [
    ...(judged ? [leaderMsg.notMetCount(year, notMet, judged)] : []),
    ...indicatorLines,
    ...(overdueTasks.length ? [leaderMsg.overdueTasksTitle, ...overdueTasks] : []),
    ...(difficulties.length ? [leaderMsg.difficultiesTitle, ...difficulties] : []),
    ...(proposals.length ? [leaderMsg.proposalsTitle, ...proposals] : []),
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
  return shown.join(', ') + (units.length > MAX_NAMES ? leaderMsg.andMore(units.length - MAX_NAMES) : '')
}



/**
 * Tasks whose own deadline passed before the period's and that no lead unit
 * reported done: "NV12 Xây dựng kế hoạch chi tiết (hạn 31/7/2025): Thôn 3 chưa báo cáo".
 */
async function overdueTaskLines(db: Db, s: DigestSubject): Promise<string[]> {
  const dueDay = instantToLocal(s.dueAt, s.plan.plan.timezone).date
  const late = s.plan.tasks.filter((t) => {
    const r = readTaskDue(t.due)
    const end = r.ok ? dueDateOf(r.value) : undefined
    return end !== undefined && end <= dueDay
  })
  if (!late.length) return []
  const rows = await leadTaskCompletion(db, s.planId, late.map((t) => t.code))
  const lines: string[] = []
  for (const t of late) {
    const open = [...new Set(rows.filter((r) => r.code === t.code && !r.done).map((r) => r.unitName))]
    if (!open.length) continue
    lines.push(leaderMsg.overdueTaskLine(t.code, t.title, t.due, names(open.map((unitName) => ({ unitName })))))
  }
  return lines
}

/** The digest of either kind, as the scheduler asks for it. */
export function writeDigest(db: Db, kind: 'progress' | 'summary', s: DigestSubject): Promise<string[]> {
  return kind === 'progress' ? progressDigest(db, s) : summaryDigest(db, s)
}
