import { formatTimeAndDate, lastDayBefore } from '../../domain/calendar/local-time.js'
import { markSubmitted, submittedAtOf } from '../../storage/answers.js'
import type { ContactView } from '../../storage/contacts.js'
import type { Db } from '../../storage/database.js'
import { notifyStandingOffice } from '../../storage/standing-notices.js'
import { msg } from '../messages.js'
import { renderCurrent } from '../render.js'
import { buildSession } from '../report-session.js'
import { DIALOG_VERSION, idleAfter, type ChooseUnitState, type ConversationState, type ReviewState, type SessionState } from '../state.js'
import { uniqueUnits, type EngineDeps, type ReporterTurn, type StepResult } from '../turn.js'

/**
 * `/baocao`, "báo cáo", the reminder's button: open the report of the unit
 * (asking which unit first when the person reports for several).
 */
export async function startReport(turn: ReporterTurn): Promise<StepResult> {
  const units = uniqueUnits(turn.reporters)
  if (units.length > 1) {
    const next: ChooseUnitState = {
      version: DIALOG_VERSION,
      step: 'choose_unit',
      token: turn.state.token + 1,
      unitChoices: units.map((u) => ({ contactId: u.id, unitName: u.unitName ?? u.unitCode ?? '' })),
    }
    return { state: next, replies: [renderCurrent(next)] }
  }
  return openReport(turn, units[0]!)
}

/** The report a contact's unit can work on now, if any. */
export async function sessionFor(db: Db, deps: EngineDeps, contact: ContactView, at: Date) {
  const plan = await deps.plans.planModel(db, contact.planId)
  return buildSession(db, {
    plan,
    planId: contact.planId,
    unitId: contact.unitId!,
    unitCode: contact.unitCode!,
    unitName: contact.unitName!,
    now: at,
    remaining: (due) => deps.plans.remainingText(plan, at, due),
  })
}

/** Open a unit's report: its opening message, or the review when it was already submitted. */
export async function openReport(turn: ReporterTurn, contact: ContactView): Promise<StepResult> {
  const { db, input, state } = turn
  const session = await sessionFor(db, turn.deps, contact, input.at)
  if (!session) return { state: idleAfter(state), replies: [{ text: msg.noOpenPeriod(contact.unitName ?? '') }] }
  if (session.submitted) {
    const next: ReviewState = { version: DIALOG_VERSION, step: 'review', token: state.token + 1, session: { ...session, cursor: session.items.length } }
    const submittedAt = await submittedAtOf(db, session.submissionId)
    const shown = submittedAt ? formatTimeAndDate(submittedAt, session.timezone) : ''
    return { state: next, replies: [renderCurrent(next, msg.alreadySubmitted(session.label, shown, lastDayBefore(new Date(session.locksAt), session.timezone)))] }
  }
  const next: SessionState = { version: DIALOG_VERSION, step: 'opening', token: state.token + 1, session }
  return { state: next, replies: [renderCurrent(next)] }
}

/**
 * Submit the report on screen: every submission of the request is marked,
 * the standing office is told once (the first time), and the receipt says
 * whether it was on time and until when it can be corrected.
 */
export async function submitReport(turn: ReporterTurn, state: SessionState): Promise<StepResult> {
  const { db, input } = turn
  const s = state.session
  const contact = turn.reporters.find((r) => r.unitId === s.unitId) ?? turn.reporters[0]!
  await markSubmitted(db, s.submissionIds, { contactId: contact.id, channel: input.channel, at: input.at })
  const firstAt = (await submittedAtOf(db, s.submissionId)) ?? input.at
  const onTime = firstAt.getTime() < new Date(s.dueAt).getTime()
  const time = formatTimeAndDate(firstAt, s.timezone)
  if (!s.submitted) {
    await notifyStandingOffice(db, {
      planId: s.planId,
      text: msg.standingNotice({ unitName: s.unitName, label: s.label, time, onTime }),
      dedupeKey: (recipient) => `notice:submitted:${s.submissionId}:${recipient}`,
      exceptContactId: contact.id,
      now: input.at,
    })
  }
  return { state: idleAfter(state), replies: [{ text: msg.receipt({ label: s.label, unitName: s.unitName, time, onTime, until: lastDayBefore(new Date(s.locksAt), s.timezone) }) }] }
}

/** A submitted report may be corrected only until its period locks. */
export function stillOpen(state: SessionState, now: Date): boolean {
  const s = state.session
  if (!s.submitted) return true
  return now.getTime() < new Date(s.locksAt).getTime()
}

/** The answer when a correction comes after the period locked. */
export function lockedResult(state: ConversationState & { session: { label: string } }): StepResult {
  return { state: idleAfter(state), replies: [{ text: msg.locked(state.session.label) }] }
}
