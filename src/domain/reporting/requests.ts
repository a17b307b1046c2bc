import { combinedLabel, groupRequests, largestFirst } from '../calendar/combined-requests.js'
import { instantToLocal } from '../calendar/local-time.js'
import type { Period } from '../calendar/periods.js'
import type { LocalDate, PeriodKind, ReminderPolicy } from '../plan-model.js'

/** A period as it is stored (with its id), the input of every view. */
export interface PeriodRow {
  id: number
  scheduleCode: string
  periodKind: PeriodKind | string
  key: string
  label: string
  windowFrom: LocalDate
  windowTo: LocalDate
  opensAt: Date
  dueAt: Date
  locksAt: Date
  closesAt: Date
  /** An ad-hoc request's units (codes) when it asks only some of the schedule's reporters. */
  units?: readonly string[] | null
}

/**
 * What units are asked at once and what leaders read as one report: a
 * period, or an annual/6-month period together with the quarter it covers
 * ("Năm 2026 (gồm Quý IV/2026)"). Every view counts a request once, under
 * one label, with one deadline.
 */
export interface ReportRequest<P extends PeriodRow = PeriodRow> {
  /** `2026-Y+2026-Q4`: stable, for dedupe keys and the CLI; never shown in chat. */
  key: string
  label: string
  /** Largest period first: it names the request. */
  periods: P[]
  opensAt: Date
  /** The earliest deadline of its periods: from this instant on, a first submission is late. */
  dueAt: Date
  dueDate: LocalDate
  /** Corrections are taken until the earliest lock of its periods. */
  locksAt: Date
  /** A late first submission is taken until the earliest close of its periods. */
  closesAt: Date
}

/** A stored period as the calendar's `Period` (its local due date worked out in the plan's zone), keeping its id. */
export function periodOfRow(r: PeriodRow, timezone: string): Period & { id: number } {
  return {
    id: r.id,
    scheduleCode: r.scheduleCode,
    kind: r.periodKind as PeriodKind,
    key: r.key,
    label: r.label,
    window: { from: r.windowFrom, to: r.windowTo },
    opensAt: r.opensAt,
    dueAt: r.dueAt,
    dueDate: instantToLocal(r.dueAt, timezone).date,
    locksAt: r.locksAt,
    closesAt: r.closesAt,
    ...(r.units ? { units: r.units } : {}),
  }
}

/**
 * Group stored periods into requests, by the plan's combine policy (the same
 * grouping the reminders and the conversation use).
 */
export function requestsOf<P extends PeriodRow>(rows: readonly P[], policy: Pick<ReminderPolicy, 'combine' | 'combineWithinDays'>, timezone: string): ReportRequest<P>[] {
  const byPeriod = new Map<Period, P>()
  const periods = rows.map((r) => {
    const p = periodOfRow(r, timezone)
    byPeriod.set(p, r)
    return p
  })
  return groupRequests(periods, policy).map((g) => {
    const members = g.periods.map((p) => byPeriod.get(p)!)
    return {
      key: g.key,
      label: g.label,
      periods: members,
      opensAt: g.opensAt,
      dueAt: g.dueAt,
      dueDate: g.dueDate,
      locksAt: new Date(Math.min(...members.map((m) => m.locksAt.getTime()))),
      closesAt: new Date(Math.min(...members.map((m) => m.closesAt.getTime()))),
    }
  })
}

/** The report year of a request: the year of its largest period's key ("2026-Y" → 2026), else its deadline's. */
export function requestYear(r: Pick<ReportRequest, 'periods' | 'dueDate'>): number {
  const fromKey = Number(r.periods[0]?.key.slice(0, 4))
  return Number.isInteger(fromKey) && fromKey > 1900 ? fromKey : Number(r.dueDate.slice(0, 4))
}

/**
 * Periods already known to be asked together (the scheduler's digest
 * subject) as one request: the largest names it, the earliest deadline
 * binds. Undefined for no periods.
 */
export function asOneRequest<P extends PeriodRow>(rows: readonly P[], timezone: string): ReportRequest<P> | undefined {
  if (!rows.length) return undefined
  const tagged = largestFirst(rows.map((p) => ({ kind: p.periodKind, label: p.label, p })))
  const periods = tagged.map((t) => t.p)
  const min = (f: (p: P) => Date) => new Date(Math.min(...periods.map((p) => f(p).getTime())))
  const dueAt = min((p) => p.dueAt)
  return {
    key: periods.map((p) => p.key).join('+'),
    label: combinedLabel(tagged),
    periods,
    opensAt: min((p) => p.opensAt),
    dueAt,
    dueDate: instantToLocal(dueAt, timezone).date,
    locksAt: min((p) => p.locksAt),
    closesAt: min((p) => p.closesAt),
  }
}
