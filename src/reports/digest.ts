import { isOutstanding } from '../domain/reporting/unit-state.js'
import { formatAnswer } from '../domain/answer-rules.js'
import { formatDeadline } from '../domain/calendar/local-time.js'
import type { IndicatorDef, Plan } from '../domain/plan-model.js'
import type { Aggregate } from '../domain/reporting/aggregate.js'
import type { Milestone, Verdict } from '../domain/reporting/milestone.js'
import { BREAKDOWN_UNITS, type IndicatorFigure, type PeriodSummary } from '../domain/reporting/period-summary.js'
import { groupStatements } from '../domain/reporting/statements.js'
import { neutraliseText } from '../domain/safe-text.js'
import { formatVnNumber } from '../domain/vn-number.js'
import type { Db } from '../storage/database.js'
import { joinUnitNames } from '../conversation/messages.js'
import { splitText } from '../conversation/split-text.js'
import { leaderMsg } from './messages.js'
import { pickRequest, requestOfPeriods, type PlanRequest } from './period-request.js'
import { readPeriodSummary } from './period-summary.js'

/** One request a digest is about, as the scheduler names it (by its periods). */
export interface DigestSubject {
  planId: number
  plan: Plan
  label: string
  dueAt: Date
  periods: { id: number; scheduleCode: string; key: string }[]
}

const MAX_NAMES = 12
/** Narrative entries per section, and characters per entry, before shortening. */
const MAX_NARRATIVE = 10
const MAX_NARRATIVE_CHARS = 300
const PART = 3500

/**
 * The leaders' progress digest before a deadline: who submitted, who is
 * entering data, who has not started, by name. The first line reads in five
 * seconds.
 */
export function progressText(plan: Plan, s: PeriodSummary): string[] {
  const c = s.completeness
  const deadline = formatDeadline(s.request.dueAt, plan.plan.timezone)
  const drafting = s.units.filter((u) => u.state.kind === 'drafting')
  const notStarted = s.units.filter((u) => u.state.kind === 'not_started')
  const lines = [
    leaderMsg.progressHead({ label: s.request.label, deadline, submitted: c.submitted, expected: c.expected, drafting: c.drafting, notStarted: c.notStarted }),
    ...(drafting.length ? [leaderMsg.draftingList(names(drafting))] : []),
    ...(notStarted.length ? [leaderMsg.notStartedList(names(notStarted))] : []),
  ]
  return splitText(lines.join('\n'), PART)
}

/**
 * The period summary after the deadline: completeness and on-time rate, the
 * missing units, each indicator with its commune-wide figure by the plan's
 * aggregation rule against the milestone that applies, overdue tasks, and
 * the three narrative sections attributed by unit.
 */
export function summaryText(plan: Plan, s: PeriodSummary, opts: { history?: boolean } = {}): string[] {
  const c = s.completeness
  const deadline = formatDeadline(s.request.dueAt, plan.plan.timezone)
  const missing = s.units.filter((u) => isOutstanding(u.state))
  const late = s.units.filter((u) => u.state.kind === 'late')
  const head = [
    leaderMsg.summaryHead({ label: s.request.label, deadline, submitted: c.submitted, expected: c.expected, pct: c.percent, onTime: c.onTime, late: c.late }),
    ...(opts.history ? [leaderMsg.historyNote] : []),
    ...(missing.length ? [leaderMsg.missingList(names(missing))] : []),
    ...(late.length ? [leaderMsg.lateList(names(late))] : []),
  ]
  const figures = s.indicators.filter((f) => f.aggregate)
  const body = [
    ...(s.judged ? [leaderMsg.metCount(s.met, s.judged)] : []),
    ...(figures.length ? figures.map((f) => indicatorLine(f)) : [leaderMsg.noFigures]),
    ...(s.overdueTasks.length
      ? [leaderMsg.overdueTasksTitle, ...s.overdueTasks.map((t) => leaderMsg.overdueTaskLine(t.task.code, t.task.title, t.task.due, names(t.openUnits.map((unitName) => ({ unitName })))))]
      : []),
    ...narrative('results', leaderMsg.resultsTitle, s),
    ...narrative('difficulties', leaderMsg.difficultiesTitle, s),
    ...narrative('proposals', leaderMsg.proposalsTitle, s),
  ]
  return [head.join('\n'), ...splitText(body.join('\n'), PART)]
}

function indicatorLine(f: IndicatorFigure): string {
  const ind = f.indicator
  const agg = f.aggregate!
  const figure = aggregateText(ind, agg, f)
  return leaderMsg.indicatorLine(ind.code, ind.name, figure, verdictText(ind, f.milestone, f.verdict))
}

function aggregateText(ind: IndicatorDef, agg: Aggregate, f: IndicatorFigure): string {
  const breakdown = () => f.answers.map((a) => leaderMsg.unitValue(a.unitName, safe(formatAnswer(a.value, ind.type, ind.unit)))).join('; ')
  switch (agg.rule) {
    case 'list':
      return breakdown()
    case 'count_yes':
      return leaderMsg.yesCount(agg.yes, agg.units) + (agg.units <= BREAKDOWN_UNITS ? ` (${breakdown()})` : '')
    default: {
      const value = formatAnswer({ num: agg.value }, ind.type, ind.unit)
      const figure = agg.units === 1 ? leaderMsg.singleUnitFigure(value, f.answers[0]!.unitName) : leaderMsg.aggregateFigure(value, leaderMsg.how[agg.rule], agg.units)
      return figure + (agg.units > 1 && agg.units <= BREAKDOWN_UNITS ? ` (${breakdown()})` : '')
    }
  }
}

function verdictText(ind: IndicatorDef, m: Milestone, v: Verdict): string {
  if (m.kind === 'past_all') return leaderMsg.pastAllMilestones(m.lastYear)
  if (m.kind !== 'target') return ''
  if (v.kind === 'met') return leaderMsg.verdictMet(m.year, m.text)
  if (v.kind === 'short') {
    const gap = v.gap === undefined ? undefined : v.percentPoints ? leaderMsg.percentPoints(formatVnNumber(v.gap)) : `${formatVnNumber(v.gap)}${ind.unit && ind.type !== 'percent' ? ' ' + ind.unit : ''}`
    return leaderMsg.verdictShort(m.year, m.text, gap, v.over)
  }
  return leaderMsg.targetOnly(m.year, m.text)
}

/** A narrative section: each statement once with the units that made it, the most shared first, shortened. */
function narrative(section: 'results' | 'difficulties' | 'proposals', title: string, s: PeriodSummary): string[] {
  const statements = groupStatements(s.sections[section])
  if (!statements.length) return []
  const shown = statements.slice(0, MAX_NARRATIVE).map((g) => leaderMsg.attributed(names(g.unitNames.map((unitName) => ({ unitName: safe(unitName) }))), shorten(safe(g.body))))
  return [title, ...shown, ...(statements.length > MAX_NARRATIVE ? [leaderMsg.moreOpinions(statements.length - MAX_NARRATIVE)] : [])]
}

function shorten(text: string): string {
  return text.length > MAX_NARRATIVE_CHARS ? text.slice(0, MAX_NARRATIVE_CHARS - 1).trimEnd() + '…' : text
}

const safe = neutraliseText

/** Unit names for a person to read: ";" between them (names contain commas), shortened with a count. */
export function names(units: readonly { unitName: string }[]): string {
  const shown = units.slice(0, MAX_NAMES).map((u) => u.unitName)
  return joinUnitNames(shown) + (units.length > MAX_NAMES ? leaderMsg.andMore(units.length - MAX_NAMES) : '')
}

/** The digest of either kind, as the scheduler asks for it (by the periods of its request). */
export async function writeDigest(db: Db, kind: 'progress' | 'summary', subject: DigestSubject): Promise<string[]> {
  const request = await requestOfPeriods(db, subject.planId, subject.plan, subject.periods.map((p) => p.id))
  if (!request) throw new Error(`digest ${kind} for plan ${subject.planId}: periods ${subject.periods.map((p) => p.key).join(', ')} not found`)
  const summary = await readPeriodSummary(db, subject.planId, subject.plan, request, 'breakdown')
  return kind === 'progress' ? progressText(subject.plan, summary) : summaryText(subject.plan, summary)
}


/** A digest a leader or an operator asked for, or the choices when the words named no period. */
export type DigestView =
  | { ok: true; request: PlanRequest; history: boolean; kind: 'progress' | 'summary'; texts: string[] }
  | { ok: false; reason: 'unknown' | 'none'; choices: PlanRequest[] }

/**
 * The digest for period words (`/tonghop quý 3`, `dondoc digest --period "6
 * tháng"`) or, without words, for the request that matters now. `auto`:
 * the summary once its deadline has passed, the progress digest before;
 * `summary`: the summary so far in any case (what /tonghop answers).
 */
export async function digestFor(db: Db, planId: number, plan: Plan, words: string | undefined, now: Date, want: 'auto' | 'summary' = 'auto'): Promise<DigestView> {
  const pick = await pickRequest(db, planId, plan, words, now)
  if (!pick.ok) return pick
  const summary = await readPeriodSummary(db, planId, plan, pick.request, 'breakdown')
  const kind = want === 'summary' || pick.request.dueAt <= now ? 'summary' : 'progress'
  const texts = kind === 'summary' ? summaryText(plan, summary, { history: pick.history }) : progressText(plan, summary)
  return { ok: true, request: pick.request, history: pick.history, kind, texts }
}
