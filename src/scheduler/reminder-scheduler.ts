import type { Kysely } from 'kysely'
import { planCalendar } from '../domain/calendar/calendar-preview.js'
import { groupRequests, type ReportRequest } from '../domain/calendar/combined-requests.js'
import { formatDeadline, instantToLocal } from '../domain/calendar/local-time.js'
import type { Period } from '../domain/calendar/periods.js'
import { digestInstants, isQuiet, reminderInstants } from '../domain/calendar/reminder-plan.js'
import type { PeriodKind, Plan } from '../domain/plan-model.js'
import { scheduleReporters } from '../domain/unit-refs.js'
import type { PlanDirectory } from '../conversation/engine.js'
import { REMINDER_REPORT, REMINDER_SNOOZE } from '../conversation/reminder-choices.js'
import { labels, msg } from '../conversation/messages.js'
import type { Reply } from '../conversation/types.js'
import type { Logger } from '../logger.js'
import { progressDigest, summaryDigest } from '../reports/digest.js'
import type { Database } from '../storage/database.js'
import { listLeaderDestinations } from '../storage/leaders.js'
import { enqueueMessage } from '../storage/outbox.js'
import { listPlans } from '../storage/plans.js'
import { remindableContacts, unitProgress } from '../storage/reminder-queries.js'

/** How far back the scheduler looks for periods whose reminders may still be due. */
const LOOK_BACK_DAYS = 45
const LOOK_AHEAD_DAYS = 30

/**
 * Turns reminder and digest instants that have come into outbox rows. Each
 * row has a dedupe key per contact (or destination), request and instant, so
 * a repeated tick, two instances ticking at once, or a restart never makes a
 * second copy. After downtime only the latest instant that has passed counts
 * (earlier ones are superseded, and dropped with a log line), and nothing is
 * queued on a day off or in quiet hours: the next working morning catches up.
 */
export function createReminderScheduler(deps: { db: Kysely<Database>; log: Logger; plans: PlanDirectory }) {
  async function tick(now: Date): Promise<{ reminders: number; digests: number }> {
    let reminders = 0
    let digests = 0
    for (const row of await listPlans(deps.db)) {
      const plan = row.model
      const cal = planCalendar(plan)
      const local = instantToLocal(now, cal.timezone)
      if (!cal.isWorkingDay(local.date) || isQuiet(local.time, plan.reminders)) continue
      const periods = await periodsAround(row.id, now)
      if (!periods.length) continue
      const progress = await unitProgress(deps.db, row.id, periods.map((p) => p.id))
      const contacts = await remindableContacts(deps.db, row.id, now)
      const reporters = new Map(plan.schedules.map((s) => [s.code, new Set(scheduleReporters(plan, s.code).map((u) => u.code))]))

      // Units escalated at this tick, per request and instant: the leaders get their names too.
      const escalated = new Map<string, { label: string; at: Date; late: number; units: string[] }>()
      for (const unit of progress) {
        if (unit.awayUntil && local.date <= unit.awayUntil) continue
        const mine = periods.filter((p) => reporters.get(p.scheduleCode)?.has(unit.unitCode))
        for (const request of requestsOf(plan, mine)) {
          if (request.opensAt > now || now >= closesAt(request)) continue
          const states = request.periods.map((p) => unit.periods[(p as DbPeriod).id]!)
          if (states.every((s) => s.status === 'submitted' || s.status === 'covered')) continue
          const passed = reminderInstants(request, plan.reminders, cal).filter((r) => r.at <= now)
          const latest = passed.at(-1)
          if (!latest) continue
          if (passed.length > 1) deps.log.debug({ unit: unit.unitCode, request: request.key, superseded: passed.length - 1 }, 'earlier reminders superseded')
          const done = Math.max(...states.map((s) => s.answered))
          const deadline = formatDeadline(request.dueAt, cal.timezone)
          const text =
            latest.kind === 'before'
              ? msg.reminderBefore({ label: request.label, deadline, remaining: deps.plans.remainingText(plan, now, request.dueAt), unitName: unit.unitName, done })
              : msg.reminderOverdue({ label: request.label, deadline, late: latest.workingDaysLate ?? 1, unitName: unit.unitName, done })
          const payload: Reply = { text, choices: [{ id: REMINDER_REPORT, label: labels.startNow }, { id: REMINDER_SNOOZE, label: msg.remindLater }], token: 0 }
          for (const c of contacts.filter((c) => c.unitId === unit.unitId)) {
            const added = await enqueueMessage(deps.db, {
              planId: row.id,
              dedupeKey: `reminder:${row.id}:${unit.unitId}:${request.key}:${latest.at.toISOString()}:${c.id}`,
              kind: 'reminder',
              channel: c.channel,
              chatId: c.chatId,
              contactId: c.id,
              payload,
              runAfter: now,
              now,
            })
            if (added) reminders++
          }
          if (latest.kind === 'escalation') {
            reminders += await escalate(row.id, plan, unit, request, latest.workingDaysLate ?? 1, contacts, now)
            const key = `${request.key}@${latest.at.toISOString()}`
            const entry = escalated.get(key) ?? { label: request.label, at: latest.at, late: latest.workingDaysLate ?? 1, units: [] }
            entry.units.push(unit.unitName)
            escalated.set(key, entry)
          }
        }
      }

      const destinations = await listLeaderDestinations(deps.db, row.id)
      if (!destinations.length) continue
      for (const [key, e] of escalated) {
        for (const d of destinations) {
          const added = await enqueueMessage(deps.db, {
            planId: row.id,
            dedupeKey: `escalation-digest:${row.id}:${key}:${d.id}`,
            kind: 'digest',
            channel: d.channel,
            chatId: d.chat_id,
            contactId: d.contact_id,
            payload: { text: msg.escalationDigest({ label: e.label, late: e.late, units: e.units }) },
            runAfter: now,
            now,
          })
          if (added) digests++
        }
      }
      for (const request of requestsOf(plan, periods.filter((p) => !compileSchedule(plan, p.scheduleCode)))) {
        const latest = digestInstants(request, plan.digests, cal, plan.reminders).filter((d) => d.at <= now).at(-1)
        if (!latest || now.getTime() - latest.at.getTime() > 3 * 86_400_000) continue
        const subject = { planId: row.id, plan, label: request.label, dueAt: request.dueAt, periods: request.periods.map((p) => ({ id: (p as DbPeriod).id, scheduleCode: p.scheduleCode, key: p.key })) }
        const parts = latest.kind === 'progress' ? await progressDigest(deps.db, subject) : await summaryDigest(deps.db, subject)
        for (const d of destinations) {
          for (const [i, text] of parts.entries()) {
            const added = await enqueueMessage(deps.db, {
              planId: row.id,
              dedupeKey: `digest:${row.id}:${request.key}:${latest.kind}:${latest.at.toISOString()}:${d.id}:${i}`,
              kind: 'digest',
              channel: d.channel,
              chatId: d.chat_id,
              contactId: d.contact_id,
              payload: { text },
              runAfter: new Date(now.getTime() + i), // parts keep their order
              now,
            })
            if (added) digests++
          }
        }
      }
    }
    return { reminders, digests }
  }

  async function escalate(planId: number, plan: Plan, unit: { unitId: number; unitCode: string; unitName: string }, request: ReportRequest, late: number, contacts: { id: number; unitId: number; channel: Database['contacts']['channel']; chatId: string }[], now: Date): Promise<number> {
    const monitors = new Set(plan.indicators.filter((i) => i.responsible.includes(unit.unitCode)).flatMap((i) => i.monitor))
    for (const u of plan.units) if (u.standing) monitors.add(u.code)
    monitors.delete(unit.unitCode)
    const ids = await deps.db.selectFrom('units').select(['id', 'code']).where('plan_id', '=', planId).where('code', 'in', [...monitors, '']).execute()
    const targetUnits = new Set(ids.map((r) => r.id))
    let added = 0
    for (const c of contacts.filter((c) => targetUnits.has(c.unitId))) {
      if (
        await enqueueMessage(deps.db, {
          planId,
          dedupeKey: `escalation:${planId}:${unit.unitId}:${request.key}:${c.id}`,
          kind: 'escalation',
          channel: c.channel,
          chatId: c.chatId,
          contactId: c.id,
          payload: { text: msg.escalation({ unitName: unit.unitName, label: request.label, late }) },
          runAfter: now,
          now,
        })
      )
        added++
    }
    return added
  }

  async function periodsAround(planId: number, now: Date): Promise<DbPeriod[]> {
    const rows = await deps.db
      .selectFrom('periods as p')
      .innerJoin('schedules as s', 's.id', 'p.schedule_id')
      .select(['p.id', 's.code', 's.period_kind', 'p.key', 'p.label', 'p.window_from', 'p.window_to', 'p.opens_at', 'p.due_at', 'p.locks_at', 'p.closes_at'])
      .where('p.plan_id', '=', planId)
      .where('s.archived_at', 'is', null)
      .where('p.due_at', '>=', new Date(now.getTime() - LOOK_BACK_DAYS * 86_400_000))
      .where('p.due_at', '<=', new Date(now.getTime() + LOOK_AHEAD_DAYS * 86_400_000))
      .execute()
    return rows.map((r) => ({
      id: r.id,
      scheduleCode: r.code,
      kind: r.period_kind as PeriodKind,
      key: r.key,
      label: r.label,
      window: { from: r.window_from, to: r.window_to },
      opensAt: r.opens_at,
      dueAt: r.due_at,
      dueDate: '',
      locksAt: r.locks_at,
      closesAt: r.closes_at,
    }))
  }

  return { tick }
}

/** A period row from the database, in the calendar's shape. */
type DbPeriod = Period & { id: number }

function compileSchedule(plan: Plan, code: string): boolean {
  return plan.schedules.find((s) => s.code === code)?.compile ?? false
}

/** A unit's requests: its data periods merged where the plan says so, compile periods alone. */
function requestsOf(plan: Plan, periods: DbPeriod[]): ReportRequest[] {
  const tz = plan.plan.timezone
  const withDates = periods.map((p) => ({ ...p, dueDate: instantToLocal(p.dueAt, tz).date }))
  return [
    ...groupRequests(withDates.filter((p) => !compileSchedule(plan, p.scheduleCode)), plan.reminders),
    // The standing office's own reports share period labels with the units' ones: name the schedule.
    ...groupRequests(withDates.filter((p) => compileSchedule(plan, p.scheduleCode)), { ...plan.reminders, combine: false }).map((r) => ({
      ...r,
      label: `${plan.schedules.find((s) => s.code === r.periods[0]!.scheduleCode)?.name ?? ''} ${r.label}`.trim(),
    })),
  ]
}

function closesAt(request: ReportRequest): Date {
  return new Date(Math.min(...request.periods.map((p) => p.closesAt.getTime())))
}
