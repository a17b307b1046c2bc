import { planCalendar } from './calendar/calendar-preview.js'
import { groupRequests, type ReportRequest } from './calendar/combined-requests.js'
import { instantToLocal } from './calendar/local-time.js'
import type { Period } from './calendar/periods.js'
import { digestInstants, isQuiet, reminderInstants } from './calendar/reminder-plan.js'
import type { LocalDate, Plan } from './plan-model.js'
import { periodReporterCodes } from './unit-refs.js'

/**
 * The reminder policy as a pure plan: given a plan, its stored periods, each
 * unit's progress, who can be reached and `now`, which messages are due. The
 * scheduler only loads the inputs, words the messages and queues them; every
 * decision (who, which request, which instant, escalate or not, digest or
 * not) is made here, so it can be tested against hand-written tables.
 */

/** A stored period: the calendar's period plus its database id. */
export type TrackedPeriod = Period & { id: number }

/** Where a unit stands on each period. */
export interface UnitState {
  unitId: number
  unitCode: string
  unitName: string
  /** Last local day the unit is away (inclusive), or null. */
  awayUntil: LocalDate | null
  periods: Record<number, { status: 'none' | 'draft' | 'submitted' | 'covered'; answered: number }>
}

/** A contact the bot may remind now (active, not snoozed). */
export interface Recipient {
  id: number
  unitId: number
  channel: string
  chatId: string
}

/** A leaders' destination (a group or a leader's private chat). */
export interface Destination {
  id: number
  channel: string
  chatId: string
  contactId: number | null
}

/** The request a message is about, as people read it. */
export interface RequestRef {
  key: string
  label: string
  dueAt: Date
}

/**
 * One message that is due, with the key that makes queueing it idempotent.
 * Generic over the caller's recipient and destination rows, which come back
 * as they went in.
 */
export type PlannedMessage<R extends Recipient = Recipient, D extends Destination = Destination> =
  | { kind: 'reminder'; dedupeKey: string; to: R; unitName: string; request: RequestRef; phase: 'before' | 'overdue' | 'escalation'; workingDaysLate: number; answered: number }
  | { kind: 'escalation'; dedupeKey: string; to: R; unitName: string; request: RequestRef; workingDaysLate: number }
  | { kind: 'escalation-digest'; dedupeKey: string; to: D; label: string; workingDaysLate: number; unitNames: string[] }
  | { kind: 'digest'; dedupeKey: (destinationId: number, part: number) => string; to: D[]; request: RequestRef & { periods: TrackedPeriod[] }; digest: 'progress' | 'summary' }

/** A digest older than this is not sent after downtime: it would be stale. */
const DIGEST_STALE_MS = 3 * 86_400_000

/** Whether anything may be sent now: a working day, outside quiet hours, in the plan's timezone. */
export function isSendingTime(plan: Plan, now: Date): boolean {
  const cal = planCalendar(plan)
  const local = instantToLocal(now, cal.timezone)
  return cal.isWorkingDay(local.date) && !isQuiet(local.time, plan.reminders)
}

/**
 * Every message due at `now`. For each unit and each of its requests that is
 * open and not fully submitted, only the latest reminder instant that has
 * passed counts (earlier ones are superseded); units away are skipped;
 * escalations also go to the unit's monitoring units and the standing office,
 * and the leaders get one list of the units escalated at that instant.
 * Digests go to the leaders for the latest digest instant of each data
 * request, unless it is stale.
 */
export function reminderMessages<R extends Recipient, D extends Destination>(input: { planId: number; plan: Plan; periods: TrackedPeriod[]; progress: UnitState[]; contacts: R[]; destinations: D[]; now: Date }): PlannedMessage<R, D>[] {
  const { planId, plan, periods, progress, contacts, destinations, now } = input
  if (!periods.length || !isSendingTime(plan, now)) return []
  const cal = planCalendar(plan)
  const today = instantToLocal(now, cal.timezone).date
  const reporters = periodReporterCodes(plan)
  const idOfCode = new Map(progress.map((u) => [u.unitCode, u.unitId]))
  const out: PlannedMessage<R, D>[] = []
  const escalated = new Map<string, { label: string; late: number; units: string[] }>()

  // Units that report on the same schedules share their requests and reminder instants: compute each once.
  const requestsBySet = new Map<string, ReportRequest[]>()
  const instantsByRequest = new Map<string, ReturnType<typeof reminderInstants>>()
  for (const unit of progress) {
    if (unit.awayUntil && today <= unit.awayUntil) continue
    const mine = periods.filter((p) => reporters(p).has(unit.unitCode))
    const setKey = mine.map((p) => p.id).join(',')
    let requests = requestsBySet.get(setKey)
    if (!requests) requestsBySet.set(setKey, (requests = requestsOf(plan, mine)))
    for (const request of requests) {
      if (request.opensAt > now || now >= closesAt(request)) continue
      const states = request.periods.map((p) => unit.periods[(p as TrackedPeriod).id] ?? { status: 'none' as const, answered: 0 })
      if (states.every((s) => s.status === 'submitted' || s.status === 'covered')) continue
      // Reminder instants depend only on the request's deadline day and opening (a compile report may share a data report's key).
      const instantKey = `${request.dueDate}@${request.opensAt.getTime()}`
      let instants = instantsByRequest.get(instantKey)
      if (!instants) instantsByRequest.set(instantKey, (instants = reminderInstants(request, plan.reminders, cal)))
      const latest = instants.filter((r) => r.at <= now).at(-1)
      if (!latest) continue
      const ref: RequestRef = { key: request.key, label: request.label, dueAt: request.dueAt }
      const late = latest.workingDaysLate ?? 1
      const answered = Math.max(...states.map((s) => s.answered))
      for (const c of contacts.filter((c) => c.unitId === unit.unitId)) {
        out.push({ kind: 'reminder', dedupeKey: `reminder:${planId}:${unit.unitId}:${request.key}:${latest.at.toISOString()}:${c.id}`, to: c, unitName: unit.unitName, request: ref, phase: latest.kind, workingDaysLate: late, answered })
      }
      if (latest.kind !== 'escalation') continue
      const told = new Set([...escalationUnits(plan, unit.unitCode)].map((code) => idOfCode.get(code)))
      for (const c of contacts.filter((c) => told.has(c.unitId))) {
        out.push({ kind: 'escalation', dedupeKey: `escalation:${planId}:${unit.unitId}:${request.key}:${c.id}`, to: c, unitName: unit.unitName, request: ref, workingDaysLate: late })
      }
      const key = `${request.key}@${latest.at.toISOString()}`
      const entry = escalated.get(key) ?? { label: request.label, late, units: [] }
      entry.units.push(unit.unitName)
      escalated.set(key, entry)
    }
  }

  for (const [key, e] of escalated) {
    for (const d of destinations) out.push({ kind: 'escalation-digest', dedupeKey: `escalation-digest:${planId}:${key}:${d.id}`, to: d, label: e.label, workingDaysLate: e.late, unitNames: e.units })
  }
  if (!destinations.length) return out
  for (const request of requestsOf(plan, periods.filter((p) => !isCompileSchedule(plan, p.scheduleCode)))) {
    const latest = digestInstants(request, plan.digests, cal, plan.reminders).filter((d) => d.at <= now).at(-1)
    if (!latest || now.getTime() - latest.at.getTime() > DIGEST_STALE_MS) continue
    out.push({
      kind: 'digest',
      dedupeKey: (destinationId, part) => `digest:${planId}:${request.key}:${latest.kind}:${latest.at.toISOString()}:${destinationId}:${part}`,
      to: destinations,
      request: { key: request.key, label: request.label, dueAt: request.dueAt, periods: request.periods as TrackedPeriod[] },
      digest: latest.kind,
    })
  }
  return out
}

/**
 * Every instant at which `reminderMessages` may start to answer differently
 * for these periods while nothing in the database changes: each request's
 * opening, closing and reminder instants, for every set of periods a unit
 * of the plan reports on, and each digest instant. The scheduler plans in
 * full only when one of them passed since its last look (or its inputs
 * changed); in between, a tick costs a fingerprint query.
 */
export function reminderChangeInstants(plan: Plan, periods: TrackedPeriod[]): Date[] {
  const cal = planCalendar(plan)
  const reporters = periodReporterCodes(plan)
  const askedOf = periods.map((p) => reporters(p))
  const allReporters = new Set(askedOf.flatMap((units) => [...units]))
  // Units asked for the same periods share their requests: one set per combination of periods.
  const sets = new Map<string, TrackedPeriod[]>()
  for (const code of allReporters) {
    const mine = periods.filter((_, i) => askedOf[i]!.has(code))
    sets.set(mine.map((p) => p.id).join(','), mine)
  }
  const out = new Map<number, Date>()
  const add = (d: Date) => out.set(d.getTime(), d)
  const seen = new Set<string>()
  for (const mine of sets.values()) {
    for (const request of requestsOf(plan, mine)) {
      add(request.opensAt)
      add(closesAt(request))
      const key = `${request.dueDate}@${request.opensAt.getTime()}`
      if (seen.has(key)) continue
      seen.add(key)
      for (const r of reminderInstants(request, plan.reminders, cal)) add(r.at)
    }
  }
  for (const request of requestsOf(plan, periods.filter((p) => !isCompileSchedule(plan, p.scheduleCode)))) {
    for (const d of digestInstants(request, plan.digests, cal, plan.reminders)) add(d.at)
  }
  return [...out.values()].sort((a, b) => a.getTime() - b.getTime())
}

/** Who is told when a unit is escalated: the monitors of its indicators and the standing office, never the unit itself. */
function escalationUnits(plan: Plan, unitCode: string): Set<string> {
  const units = new Set(plan.indicators.filter((i) => i.responsible.includes(unitCode)).flatMap((i) => i.monitor))
  for (const u of plan.units) if (u.standing) units.add(u.code)
  units.delete(unitCode)
  return units
}

function isCompileSchedule(plan: Plan, code: string): boolean {
  return plan.schedules.find((s) => s.code === code)?.compile ?? false
}

/** A unit's requests: its data periods merged where the plan says so, compile periods alone and named by their schedule. */
export function requestsOf(plan: Plan, periods: TrackedPeriod[]): ReportRequest[] {
  const tz = plan.plan.timezone
  const withDates = periods.map((p) => ({ ...p, dueDate: instantToLocal(p.dueAt, tz).date }))
  return [
    ...groupRequests(withDates.filter((p) => !isCompileSchedule(plan, p.scheduleCode)), plan.reminders),
    // The standing office's own reports share period labels with the units' ones: name the schedule.
    ...groupRequests(withDates.filter((p) => isCompileSchedule(plan, p.scheduleCode)), { ...plan.reminders, combine: false }).map((r) => ({
      ...r,
      label: `${plan.schedules.find((s) => s.code === r.periods[0]!.scheduleCode)?.name ?? ''} ${r.label}`.trim(),
    })),
  ]
}

function closesAt(request: ReportRequest): Date {
  return new Date(Math.min(...request.periods.map((p) => p.closesAt.getTime())))
}
