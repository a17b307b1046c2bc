import { planCalendar } from '../../domain/calendar/calendar-preview.js'
import { formatDeadline, instantToLocal, weekday } from '../../domain/calendar/local-time.js'
import { nextSendingInstant } from '../../domain/calendar/reminder-plan.js'
import { isTakingReports } from '../../domain/reporting/period-now.js'
import { isOutstanding, unitRequestState } from '../../domain/reporting/unit-state.js'
import { standingOfficeName, msg } from '../../conversation/messages.js'
import { reminderReply } from '../../conversation/reminder-reply.js'
import { WEEKDAYS } from '../../reports/messages.js'
import { pickRequest, type PlanRequest, type RequestPick } from '../../reports/period-request.js'
import { readExpectedUnits, type ExpectedUnit } from '../../reports/period-summary.js'
import { auditEntry, recordAudit } from '../../storage/audit.js'
import { enqueueMessages, type OutgoingMessage } from '../../storage/outbox.js'
import { remindableContacts } from '../../storage/reminder-queries.js'
import type { PageContext } from '../context.js'
import { html, type Html } from '../html.js'
import { field } from '../http-io.js'
import { wm } from '../messages.js'

/** The audit action of a "Nhắc ngay" press, also how the board finds what to flash. */
export const REMINDER_SENT = 'reminder_sent'

/** The request's key as the board's forms and `?ky=` carry it (`2025-Y`). */
export function requestKey(r: PlanRequest): string {
  return r.key.split('+')[0]!
}

/** Whether the office may remind units of this request now: tracked (not history) and taking reports. */
export function canRemind(pick: Extract<RequestPick, { ok: true }>, now: Date): boolean {
  return !pick.history && isTakingReports(pick.request, now)
}

/** Whether a unit said it is away today ("vắng đến 15/12"): "Nhắc tất cả" leaves it out, as the scheduler does. */
export function isAwayToday(u: Pick<ExpectedUnit, 'awayUntil'>, today: string): boolean {
  return !!u.awayUntil && today <= u.awayUntil
}

/**
 * "Nhắc ngay": queue a reminder to every enrolled contact of one outstanding
 * unit (`unit`) or of all of them (no `unit`; units away are left out), for
 * the request `ky`. Never in quiet hours or on a day off: the reminder's
 * run_after is the next allowed instant. The dedupe key is per contact,
 * request and sending minute, so a double click, a resubmitted form or
 * presses during one night queue one message. The audit entry, written in
 * the same transaction, is what the board flashes after the redirect.
 * Returns the redirect, or undefined (not found) for a forged request or unit.
 */
export async function remindNow(ctx: PageContext, form: FormData): Promise<string | undefined> {
  const { db, plan, now } = ctx
  const key = field(form, 'ky')
  const unitField = field(form, 'unit')
  if (!key) return undefined
  const pick = await pickRequest(db, plan.id, plan.model, key, now)
  if (!pick.ok || requestKey(pick.request) !== key || !canRemind(pick, now)) return undefined
  const r = pick.request
  const tz = plan.timezone
  const today = instantToLocal(now, tz).date
  const outstanding = (await readExpectedUnits(db, plan.id, plan.model, r)).filter((u) => isOutstanding(unitRequestState(u.periods, r.dueAt)))
  let targets: ExpectedUnit[]
  let away: ExpectedUnit[] = []
  if (unitField) {
    targets = outstanding.filter((u) => String(u.unitId) === unitField)
    if (!targets.length) return undefined
  } else {
    away = outstanding.filter((u) => isAwayToday(u, today))
    targets = outstanding.filter((u) => !isAwayToday(u, today))
  }
  const contacts = await remindableContacts(db, plan.id, now)
  const runAfter = nextSendingInstant(now, plan.model.reminders, planCalendar(plan.model))
  const slot = runAfter.toISOString().slice(0, 16)
  const office = standingOfficeName(plan.model)
  const deadline = formatDeadline(r.dueAt, tz)
  const noContact: string[] = []
  const reached: { name: string; keys: string[] }[] = []
  const messages: OutgoingMessage[] = []
  for (const u of targets) {
    const mine = contacts.filter((c) => c.unitId === u.unitId)
    if (!mine.length) {
      noContact.push(u.unitName)
      continue
    }
    const unit = { name: u.unitName, keys: [] as string[] }
    reached.push(unit)
    const state = unitRequestState(u.periods, r.dueAt)
    const text = msg.officeNudge({ office, label: r.label, deadline, unitName: u.unitName, done: state.kind === 'drafting' ? state.answered : 0 })
    for (const c of mine) {
      unit.keys.push(`office-nudge:${c.id}:${r.key}:${slot}`)
      messages.push({ planId: plan.id, dedupeKey: unit.keys.at(-1)!, kind: 'reminder', channel: c.channel, chatId: c.chatId, contactId: c.id, payload: reminderReply(text), runAfter, now })
    }
  }
  const id = await db.transaction().execute(async (trx) => {
    const added = await enqueueMessages(trx, messages)
    return recordAudit(trx, {
      planId: plan.id,
      operatorId: ctx.session.operatorId,
      action: REMINDER_SENT,
      detail: {
        request: r.label,
        units: reached.map((u) => u.name),
        queued: added.size,
        // Units whose every contact already had this reminder (a repeated press): nothing new for them.
        repeated: reached.filter((u) => !u.keys.some((k) => added.has(k))).map((u) => u.name),
        noContact,
        away: away.map((u) => u.unitName),
        runAfter: runAfter.getTime() === now.getTime() ? null : runAfter.toISOString(),
      },
      at: now,
    })
  })
  return `/?ky=${encodeURIComponent(key)}&da-nhac=${id}`
}

/** What one "Nhắc ngay" press did, read back from its audit entry (this plan's only), as the board's flash. */
export async function remindFlash(ctx: PageContext, auditId: number): Promise<Html> {
  const e = Number.isInteger(auditId) ? await auditEntry(ctx.db, ctx.plan.id, auditId, REMINDER_SENT) : undefined
  if (!e) return html``
  const d = e.detail as { queued: number; repeated: string[]; units: string[]; noContact: string[]; away: string[]; runAfter: string | null }
  const lines: string[] = []
  if (d.queued) lines.push(wm.remindQueued(d.queued, d.units.length - d.repeated.length))
  if (d.repeated.length) lines.push(d.queued ? wm.remindRepeated(d.repeated.join(', ')) : wm.remindAlready)
  if (d.units.length && d.runAfter) {
    const local = instantToLocal(new Date(d.runAfter), ctx.plan.timezone)
    lines.push(wm.remindScheduled(local.time, WEEKDAYS[weekday(local.date)] ?? '', `${local.date.slice(8, 10)}/${local.date.slice(5, 7)}`))
  }
  if (d.noContact.length) lines.push(wm.remindNoContact(d.noContact.join(', ')))
  if (d.away.length) lines.push(wm.remindAway(d.away.join(', ')))
  if (!lines.length) lines.push(wm.remindNothing)
  return html`<div id="flash" class="${d.units.length ? 'ok' : 'note'}">${lines.map((l) => html`<p>${l}</p>`)}</div>`
}
