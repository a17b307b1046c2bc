import type { AnswerValue } from '../answer-rules.js'
import { dueDateOf, readTaskDue } from '../calendar/due-phrases.js'
import type { IndicatorDef, LocalDate, Plan, TaskDef } from '../plan-model.js'
import { aggregateRuleOf, aggregateTotals, totalsOf, type Aggregate, type AggregateRule, type AnswerTotals, type UnitAnswer } from './aggregate.js'
import { judgeAgainst, judgedValue, milestoneFor, type Milestone, type Verdict } from './milestone.js'
import { requestYear, type ReportRequest } from './requests.js'
import { completeness, unitRequestState, type Completeness, type PeriodSubmission, type UnitRequestState } from './unit-state.js'

/** An expected unit of a request with its submissions for each of the request's periods. */
export interface UnitSubmissions {
  unitCode: string
  unitName: string
  awayUntil: string | null
  periods: PeriodSubmission[]
}

/** A submitted value of the request, as storage reads it. */
export interface SubmittedValue {
  indicatorCode: string
  /** The unit the value is about (its own, or the external unit it answers for). */
  unitCode: string
  unitName: string
  value: AnswerValue
  note: string | null
}

/** Free text of the three narrative sections, by unit. */
export interface SubmittedSection {
  section: 'results' | 'difficulties' | 'proposals'
  unitName: string
  body: string
}

/** One indicator's line in the summary. */
export interface IndicatorFigure {
  indicator: IndicatorDef
  rule: AggregateRule
  /** How many units answered, whatever the kind of their answer. */
  answered: number
  /**
   * Units' answers in plan order of units: the breakdown shown when few units
   * answer. Read from totals, it holds only what `indicatorsListed` names
   * (listed indicators, and those with at most `BREAKDOWN_UNITS` units behind them).
   */
  answers: (UnitAnswer & { note: string | null })[]
  aggregate: Aggregate | undefined
  milestone: Milestone
  verdict: Verdict
}

/** A task whose own deadline has passed while some lead unit has not reported it done. */
export interface OverdueTask {
  task: TaskDef
  dueDate: LocalDate
  openUnits: string[]
}

/**
 * Everything a period's summary says, computed once: the digest words it,
 * the export lays it out, the web page shows it. Never recomputed elsewhere.
 */
export interface PeriodSummary {
  request: ReportRequest
  year: number
  completeness: Completeness
  units: { unitCode: string; unitName: string; awayUntil: string | null; state: UnitRequestState }[]
  indicators: IndicatorFigure[]
  /** Indicators with a value judged against a milestone, and how many met it. */
  judged: number
  met: number
  overdueTasks: OverdueTask[]
  sections: Record<SubmittedSection['section'], { unitName: string; body: string }[]>
}

/** Up to this many units behind a figure, the summary names each unit's answer. */
export const BREAKDOWN_UNITS = 3

/**
 * The indicators whose answers a summary built from totals must read one by
 * one: those listed by unit (`list`), and those with so few units behind
 * them that the breakdown is shown. The others are read as totals only.
 */
export function indicatorsListed(plan: Pick<Plan, 'indicators'>, totals: ReadonlyMap<string, AnswerTotals>): string[] {
  return plan.indicators.flatMap((ind) => {
    const t = totals.get(ind.code)
    if (!t) return []
    const rule = aggregateRuleOf(ind)
    const agg = aggregateTotals(rule, t)
    return rule === 'list' || t.answered <= BREAKDOWN_UNITS || (agg !== undefined && agg.units <= BREAKDOWN_UNITS) ? [ind.code] : []
  })
}

/**
 * Build a period summary from what storage read. `taskCompletion` lists, for
 * each lead unit of each task, whether it ever reported the task done.
 * With `totals` (one per indicator answered, computed where the values are),
 * figures come from them and `values` need only hold the indicators
 * `indicatorsListed` names; without, `values` holds every answer and the
 * totals are taken here. The rule is the same either way.
 */
export function summarisePeriod(input: {
  plan: Plan
  request: ReportRequest
  units: readonly UnitSubmissions[]
  values: readonly SubmittedValue[]
  totals?: ReadonlyMap<string, AnswerTotals>
  sections: readonly SubmittedSection[]
  taskCompletion: readonly { code: string; unitName: string; done: boolean }[]
}): PeriodSummary {
  const { plan, request } = input
  const year = requestYear(request)
  const units = input.units.map((u) => ({ unitCode: u.unitCode, unitName: u.unitName, awayUntil: u.awayUntil, state: unitRequestState(u.periods, request.dueAt) }))
  const unitOrder = new Map(plan.units.map((u, i) => [u.code, i]))
  const byIndicator = new Map<string, SubmittedValue[]>()
  for (const v of input.values) {
    const list = byIndicator.get(v.indicatorCode)
    if (list) list.push(v)
    else byIndicator.set(v.indicatorCode, [v])
  }
  const indicators: IndicatorFigure[] = []
  let judged = 0
  let met = 0
  for (const ind of plan.indicators) {
    const rows = [...(byIndicator.get(ind.code) ?? [])].sort((a, b) => (unitOrder.get(a.unitCode) ?? 0) - (unitOrder.get(b.unitCode) ?? 0))
    const weights = ind.weight ? new Map((byIndicator.get(ind.weight) ?? []).flatMap((w) => ('num' in w.value ? [[w.unitCode, w.value.num] as const] : []))) : undefined
    const answers = rows.map((r) => ({ unitName: r.unitName, value: r.value, note: r.note, ...(weights?.has(r.unitCode) ? { weight: weights.get(r.unitCode)! } : {}) }))
    const rule = aggregateRuleOf(ind)
    const totals = input.totals ? input.totals.get(ind.code) : totalsOf(answers)
    const aggregate = totals ? aggregateTotals(rule, totals) : undefined
    const milestone = milestoneFor(ind.targets, year)
    const value = aggregate ? judgedValue(aggregate) : undefined
    const verdict: Verdict = value ? judgeAgainst(value, milestone) : { kind: 'unjudged' }
    if (verdict.kind !== 'unjudged') {
      judged++
      if (verdict.kind === 'met') met++
    }
    indicators.push({ indicator: ind, rule, answered: totals?.answered ?? 0, answers, aggregate, milestone, verdict })
  }
  const sections: PeriodSummary['sections'] = { results: [], difficulties: [], proposals: [] }
  for (const s of input.sections) if (s.body.trim()) sections[s.section].push({ unitName: s.unitName, body: s.body })
  return {
    request,
    year,
    completeness: completeness(units.map((u) => u.state)),
    units,
    indicators,
    judged,
    met,
    overdueTasks: overdueTasks(plan.tasks, request.dueDate, input.taskCompletion),
    sections,
  }
}

/**
 * Tasks late at a given day: their own deadline ("9/2025", "trước ngày
 * 31/7/2025") is on or before it, and a lead unit has not reported them
 * done. Open-ended tasks ("Thường xuyên", "2026 và các năm tiếp theo") are
 * never late.
 */
export function overdueTasks(tasks: readonly TaskDef[], asOf: LocalDate, completion: readonly { code: string; unitName: string; done: boolean }[]): OverdueTask[] {
  const out: OverdueTask[] = []
  for (const task of tasks) {
    const due = readTaskDue(task.due)
    const dueDate = due.ok ? dueDateOf(due.value) : undefined
    if (!dueDate || dueDate > asOf) continue
    const openUnits = [...new Set(completion.filter((c) => c.code === task.code && !c.done).map((c) => c.unitName))]
    if (openUnits.length) out.push({ task, dueDate, openUnits })
  }
  return out
}

/** Which tasks a summary needs completion for: those whose own deadline has come by `asOf`. */
export function tasksDueBy(tasks: readonly TaskDef[], asOf: LocalDate): TaskDef[] {
  return tasks.filter((t) => {
    const due = readTaskDue(t.due)
    const d = due.ok ? dueDateOf(due.value) : undefined
    return d !== undefined && d <= asOf
  })
}
