import { codeAsSpelled } from '../text-fold.js'
import { dueDateOf, readDuePhrase } from '../calendar/due-phrases.js'
import { addDays, formatDate, instantToLocal, isValidDate, localDate, localDateTimeToInstant } from '../calendar/local-time.js'
import { CORRECTION_WORKING_DAYS, LATE_WORKING_DAYS } from '../calendar/periods.js'
import type { WorkCalendar } from '../calendar/working-days.js'
import type { LocalDate, Plan } from '../plan-model.js'
import { ALL_UNITS, resolveUnitRefs, scheduleReporters, unitRefKind } from '../unit-refs.js'

/**
 * Ad-hoc requests ("báo cáo đột xuất theo yêu cầu"): a schedule with
 * `period: adhoc` has no calendar; each request an operator opens becomes one
 * stored period of it, with its own deadline, title and (optionally) a subset
 * of the schedule's reporters. Once stored it is a period like any other:
 * the same reminders, conversation, digests and views read it.
 */

/** Every ad-hoc period's key starts so ("adhoc:3"): words and views tell them from calendar periods by it. */
export const ADHOC_KEY_PREFIX = 'adhoc:'

/** The key of the n-th request of a schedule (n from 1): stable, unique per schedule, never shown in chat. */
export function adhocKey(n: number): string {
  return `${ADHOC_KEY_PREFIX}${n}`
}

/** Whether a period key is an ad-hoc request's. */
export function isAdhocKey(key: string): boolean {
  return key.startsWith(ADHOC_KEY_PREFIX)
}

/**
 * The one label of an ad-hoc request, wherever it is shown: đột xuất
 * “Tình hình thiệt hại do mưa lũ”, or without a title đột xuất (hạn
 * 15/12/2026). Every sentence puts "báo cáo" before a label and the deadline
 * after it ("📋 Nhắc báo cáo đột xuất “…”: hạn trước ngày 15/12/2026"), so
 * the label says neither twice.
 */
export function adhocLabel(title: string | undefined, dueDate: LocalDate): string {
  return title?.trim() ? `đột xuất “${title.trim()}”` : `đột xuất (hạn ${formatDate(dueDate)})`
}

/** Why a request cannot be opened; the operator's catalogue words it. */
export type AdhocProblem =
  | { kind: 'unknown_schedule'; schedule: string; adhocSchedules: string[] }
  | { kind: 'not_adhoc'; schedule: string; adhocSchedules: string[] }
  | { kind: 'bad_due'; error: string }
  | { kind: 'due_not_one_day'; text: string }
  | { kind: 'due_past'; dueDate: LocalDate; today: LocalDate }
  | { kind: 'unknown_units'; refs: string[] }
  | { kind: 'not_reporters'; units: string[]; reporters: string[] }
  | { kind: 'no_units'; schedule: string }

/** An ad-hoc request ready to store: a period of its schedule, with the request's own fields. */
export interface AdhocRequestDraft {
  scheduleCode: string
  title: string | null
  label: string
  windowFrom: LocalDate
  windowTo: LocalDate
  opensAt: Date
  dueAt: Date
  dueDate: LocalDate
  locksAt: Date
  closesAt: Date
  /** The units asked, by code, in plan order; null = every reporter of the schedule. */
  units: string[] | null
}

/**
 * The deadline of a request as the plan file writes deadlines ("trước ngày
 * 15/12/2026", "15/12/2026", "Tháng 12/2026"); "trước ngày 15/12" without a
 * year is the next 15/12 after today. Due at 00:00 of that day, so it must
 * lie after today: a deadline today or earlier has already passed.
 */
export function readAdhocDue(text: string, today: LocalDate): { ok: true; dueDate: LocalDate } | { ok: false; problem: AdhocProblem } {
  const read = readDuePhrase(text)
  if (!read.ok) return { ok: false, problem: { kind: 'bad_due', error: read.error } }
  let dueDate = dueDateOf(read.value)
  if (!dueDate && read.value.kind === 'day_month' && read.value.dates.length === 1) {
    const { day, month } = read.value.dates[0]!
    let year = Number(today.slice(0, 4))
    while (!isValidDate(year, month, day) || localDate(year, month, day) <= today) year++
    dueDate = localDate(year, month, day)
  }
  if (!dueDate) return { ok: false, problem: { kind: 'due_not_one_day', text } }
  if (dueDate <= today) return { ok: false, problem: { kind: 'due_past', dueDate, today } }
  return { ok: true, dueDate }
}

/**
 * The units a request asks: by default (or with `all`) every reporter of
 * the schedule; unit and group codes, as the plan writes them, narrow it and
 * must name only units that report on the schedule. Null when the request
 * asks them all.
 */
export function adhocUnits(plan: Plan, scheduleCode: string, refs: readonly string[] | undefined): { ok: true; units: string[] | null } | { ok: false; problem: AdhocProblem } {
  const reporters = scheduleReporters(plan, scheduleCode)
  if (!reporters.length) return { ok: false, problem: { kind: 'no_units', schedule: scheduleCode } }
  if (!refs?.length || refs.includes(ALL_UNITS)) return { ok: true, units: null }
  const known = { units: new Set(plan.units.map((u) => u.code)), groups: new Set(plan.groups.map((g) => g.code)) }
  const unknown = refs.filter((r) => !unitRefKind(known, r))
  if (unknown.length) return { ok: false, problem: { kind: 'unknown_units', refs: unknown } }
  // A group's external members answer through their monitor; named by its own code, an external unit is refused below.
  const resolved = resolveUnitRefs(plan, refs)
  const named = resolved.filter((u) => !u.external || refs.includes(u.code))
  const wanted = named.length ? named : resolved
  const allowed = new Set(reporters.map((u) => u.code))
  const outside = wanted.filter((u) => !allowed.has(u.code)).map((u) => u.code)
  if (outside.length) return { ok: false, problem: { kind: 'not_reporters', units: outside, reporters: [...allowed] } }
  const codes = wanted.map((u) => u.code)
  return { ok: true, units: codes.length === allowed.size ? null : codes }
}

/**
 * Plan one ad-hoc request opened at `now`: it takes reports at once, is due
 * at 00:00 of its deadline day, and locks and closes by the same working-day
 * rules as every period (`CORRECTION_WORKING_DAYS`, `LATE_WORKING_DAYS`).
 * Its data window runs from the day it was opened to the day before the
 * deadline.
 */
export function planAdhocRequest(
  plan: Plan,
  cal: WorkCalendar,
  input: { schedule: string; due: string; units?: readonly string[]; title?: string },
  now: Date,
): { ok: true; request: AdhocRequestDraft } | { ok: false; problem: AdhocProblem } {
  const adhocSchedules = plan.schedules.filter((s) => s.period === 'adhoc').map((s) => s.code)
  const code = codeAsSpelled(plan.schedules.map((s) => s.code), input.schedule)
  const schedule = plan.schedules.find((s) => s.code === code)
  if (!schedule) return { ok: false, problem: { kind: 'unknown_schedule', schedule: input.schedule, adhocSchedules } }
  if (schedule.period !== 'adhoc') return { ok: false, problem: { kind: 'not_adhoc', schedule: schedule.code, adhocSchedules } }
  const tz = cal.timezone
  const today = instantToLocal(now, tz).date
  const due = readAdhocDue(input.due, today)
  if (!due.ok) return due
  const units = adhocUnits(plan, schedule.code, input.units)
  if (!units.ok) return units
  const title = input.title?.trim() || null
  return {
    ok: true,
    request: {
      scheduleCode: schedule.code,
      title,
      label: adhocLabel(title ?? undefined, due.dueDate),
      windowFrom: today,
      windowTo: addDays(due.dueDate, -1),
      opensAt: now,
      dueAt: localDateTimeToInstant(due.dueDate, '00:00', tz),
      dueDate: due.dueDate,
      locksAt: localDateTimeToInstant(cal.addWorkingDays(due.dueDate, CORRECTION_WORKING_DAYS), '00:00', tz),
      closesAt: localDateTimeToInstant(cal.addWorkingDays(due.dueDate, LATE_WORKING_DAYS), '00:00', tz),
      units: units.units,
    },
  }
}
