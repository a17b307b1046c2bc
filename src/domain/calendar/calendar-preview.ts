import type { LocalDate, Plan } from '../plan-model.js'
import { periodReporterCodes } from '../unit-refs.js'
import { groupRequests } from './combined-requests.js'
import { addDays, dateParts, formatDate, formatDeadline, instantToLocal, toIsoLocal, weekday } from './local-time.js'
import { periodsBetween, type Period } from './periods.js'
import { isHistory } from '../reporting/period-now.js'
import { digestInstants, reminderInstants } from './reminder-plan.js'
import { WorkCalendar } from './working-days.js'

/** The operator's preview of what the bot will do, in the shape `dondoc calendar --json` prints. */
export interface CalendarPreview {
  periods: {
    schedule: string
    key: string
    label: string
    window: { from: LocalDate; to: LocalDate }
    opens: string
    due: string
    /** Set when this period is asked together with a larger one (its reminders are that request's). */
    combinedWith?: string
    reminders: { at: string; kind: string }[]
    digests: { at: string; kind: string }[]
    units: string[]
    /** Due before tracking started (`isHistory`): the bot sends nothing for it. */
    history?: true
  }[]
  holidays: { date: LocalDate; name: string }[]
}

/** The plan's working-day calendar, with its holiday overrides. */
export function planCalendar(plan: Plan): WorkCalendar {
  return new WorkCalendar(plan.plan.timezone, plan.holidays)
}

/**
 * The plan's next data request after `now` by deadline (the standing
 * office's compile schedules and ad-hoc requests aside), looking two years
 * ahead: what an operator is told to wait for when nothing is tracked yet
 * (periods are stored only 90 days ahead).
 */
export function nextPeriodDue(plan: Plan, now: Date): Period | undefined {
  const cal = planCalendar(plan)
  const today = instantToLocal(now, cal.timezone).date
  const upcoming = plan.schedules
    .filter((s) => !s.compile)
    .flatMap((s) => periodsBetween(s, cal, today, addDays(today, 2 * 366)))
    .filter((p) => p.dueAt.getTime() > now.getTime())
  return upcoming.sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime())[0]
}

/**
 * Every period whose deadline lies in [from, to], with its reminders and
 * digests, and the holidays in range; `adhoc` adds the stored ad-hoc
 * requests (the plan alone cannot know them). With `unit`, only what that unit is
 * asked. With `trackingFrom` (from the database: `trackingStart`), a request
 * due before it is history and shows no reminders or digests, as the
 * scheduler sends none. Combined requests (6-month with Q2, annual with Q4) carry one set
 * of reminders, on the larger period.
 */
export function buildCalendarPreview(plan: Plan, opts: { from: LocalDate; to: LocalDate; unit?: string; adhoc?: readonly Period[]; trackingFrom?: Date }): CalendarPreview {
  const cal = planCalendar(plan)
  const tz = cal.timezone
  const reporters = periodReporterCodes(plan)
  const asks = (p: Period) => !opts.unit || reporters(p).has(opts.unit)
  const periods = [
    ...plan.schedules.flatMap((s) => periodsBetween(s, cal, opts.from, opts.to)),
    // Ad-hoc requests have no calendar of their own: the stored ones the caller passes in.
    ...(opts.adhoc ?? []).filter((p) => p.dueDate >= opts.from && p.dueDate <= opts.to),
  ].filter(asks)
  // Compile schedules (the standing office's own reports) are never merged with the units' ones.
  const compile = new Set(plan.schedules.filter((s) => s.compile).map((s) => s.code))
  const requests = [
    ...groupRequests(periods.filter((p) => !compile.has(p.scheduleCode)), plan.reminders),
    ...groupRequests(periods.filter((p) => compile.has(p.scheduleCode)), { ...plan.reminders, combine: false }),
  ]
  const rows: CalendarPreview['periods'] = []
  for (const request of requests) {
    const history = opts.trackingFrom !== undefined && isHistory(request.periods[0]!, opts.trackingFrom)
    const reminders = history ? [] : reminderInstants(request, plan.reminders, cal).map((r) => ({ at: toIsoLocal(r.at, tz), kind: r.kind }))
    const digests = history ? [] : digestInstants(request, plan.digests, cal, plan.reminders).map((d) => ({ at: toIsoLocal(d.at, tz), kind: d.kind }))
    request.periods.forEach((p: Period, i) => {
      rows.push({
        schedule: p.scheduleCode,
        key: p.key,
        label: p.label,
        window: p.window,
        opens: toIsoLocal(p.opensAt, tz),
        due: toIsoLocal(p.dueAt, tz),
        ...(i > 0 ? { combinedWith: request.periods[0]!.key } : {}),
        reminders: i === 0 ? reminders : [],
        digests: i === 0 ? digests : [],
        units: [...reporters(p)],
        ...(history ? { history: true as const } : {}),
      })
    })
  }
  rows.sort((a, b) => a.due.localeCompare(b.due) || a.schedule.localeCompare(b.schedule))
  const holidays: CalendarPreview['holidays'] = []
  for (let y = dateParts(opts.from).year; y <= dateParts(opts.to).year; y++) {
    for (const h of cal.holidays(y)) if (h.date >= opts.from && h.date <= opts.to) holidays.push(h)
  }
  return { periods: rows, holidays }
}

const WEEKDAYS = ['CN', 'T2', 'T3', 'T4', 'T5', 'T6', 'T7']

/** The preview as an operator reads it in a terminal: one block per period, holidays at the end. */
export function renderCalendarText(preview: CalendarPreview, tz: string): string {
  const when = (iso: string) => {
    const { date, time } = instantToLocal(new Date(iso), tz)
    return `${WEEKDAYS[weekday(date)]} ${formatDate(date)} ${time}`
  }
  const kinds: Record<string, string> = { before: 'nhắc', overdue: 'quá hạn', escalation: 'báo cấp trên', progress: 'tiến độ', summary: 'tổng hợp' }
  const lines: string[] = []
  for (const p of preview.periods) {
    lines.push(`${p.label}  [${p.schedule} ${p.key}]  hạn ${formatDeadline(new Date(p.due), tz)}`)
    lines.push(`  số liệu ${formatDate(p.window.from)} – ${formatDate(p.window.to)}; mở nhận ${when(p.opens)}; ${p.units.length} đơn vị`)
    if (p.combinedWith) lines.push(`  gộp với ${p.combinedWith} (nhắc chung)`)
    if (p.history) lines.push('  hạn trước khi bắt đầu theo dõi kế hoạch: không nhắc, không tổng hợp')
    if (p.reminders.length) lines.push(`  nhắc: ${p.reminders.map((r) => `${when(r.at)} (${kinds[r.kind]})`).join('; ')}`)
    if (p.digests.length) lines.push(`  lãnh đạo: ${p.digests.map((d) => `${when(d.at)} (${kinds[d.kind]})`).join('; ')}`)
  }
  if (preview.holidays.length) {
    lines.push('', 'Ngày nghỉ:')
    for (const h of preview.holidays) lines.push(`  ${WEEKDAYS[weekday(h.date)]} ${formatDate(h.date)}  ${h.name}`)
  }
  return lines.join('\n')
}
