import type { Kysely } from 'kysely'
import type { Plan } from '../domain/plan-model.js'
import { foldVietnamese } from '../domain/text-fold.js'
import type { Logger } from '../logger.js'
import { markSubmitted } from '../storage/answers.js'
import { findContactsByIdentity, standingOfficeContacts, type ContactView } from '../storage/contacts.js'
import { ConversationConflictError, saveConversation } from '../storage/conversations.js'
import type { Database, Db } from '../storage/database.js'
import { enqueueMessage } from '../storage/outbox.js'
import { claimUpdate } from '../storage/processed-updates.js'
import { snoozeContact } from '../storage/reminder-queries.js'
import { setUnitAway } from '../storage/units.js'
import { formatInTimeZone } from 'date-fns-tz'
import { enrolWithCode } from './enrolment.js'
import { looksLikeInviteCode } from './invite-codes.js'
import { formatTimeAndDate, lastDayBefore } from './local-time.js'
import { msg } from './messages.js'
import { C, renderCurrent } from './render.js'
import { expectsNumber, handleItem, handleReview, matchChoice, type StepResult } from './report-flow.js'
import { buildSession } from './report-session.js'
import { IDLE, type ConversationState } from './state.js'
import type { EngineInput, EngineOutput, Reply } from './types.js'

/** How the engine learns a plan's model and working-day arithmetic; supplied by the composition root. */
export interface PlanDirectory {
  /** The validated plan model of a plan id (cached by the caller as it likes). */
  planModel(db: Db, planId: number): Promise<Plan>
  /** "còn 3 ngày làm việc" / "đã quá hạn 2 ngày" for a deadline, in the plan's calendar. */
  remainingText(plan: Plan, now: Date, due: Date): string
  /** The next working day's reminder time: when "nhắc lại ngày mai" reminds again. */
  nextWorkingMorning(plan: Plan, now: Date): Date
}

/** Leaders' commands, supplied by the composition root (they read reports, which sit above the engine). */
export type LeaderCommands = (db: Db, planId: number, command: string, arg: string | undefined, now: Date) => Promise<string[] | undefined>

/** Commands reserved for leaders; unit heads get a polite refusal. */
export const LEADER_COMMANDS = new Set(['tonghop', 'chuanop', 'chitieu', 'nhac'])

/** The channel-agnostic dialog engine every channel calls. */
export interface ConversationEngine {
  handle(input: EngineInput): Promise<EngineOutput>
}

const REPORT_WORDS = new Set(['bao cao', 'tiep tuc', 'bat dau', 'bao cao ngay'])
const SNOOZE_WORDS = new Set(['nhac lai ngay mai', 'nhac lai sau', 'de mai'])

/** Choice ids of the buttons on reminders: valid at any time, not tied to a question. */
export const REMINDER_REPORT = 'report'
export const REMINDER_SNOOZE = 'snooze'
/** Pictographs, skin tones, joiners and variation selectors only: no letter or digit to read. */
const EMOJI_ONLY = /^(?:\p{Extended_Pictographic}|\p{Emoji_Modifier}|\p{Regional_Indicator}|\u200d|\ufe0f|\s)+$/u

/**
 * Build the engine. Every input runs in one transaction: the update id is
 * claimed, the answer stored, the dialog state saved; replies are returned
 * only after commit, so nothing is acknowledged that was not stored, and a
 * redelivered update changes nothing.
 */
export function createConversationEngine(deps: { db: Kysely<Database>; log: Logger; plans: PlanDirectory; leaderCommands?: LeaderCommands }): ConversationEngine {
  return {
    async handle(input) {
      for (let attempt = 1; ; attempt++) {
        try {
          return await deps.db.transaction().execute(async (trx) => {
            if (!(await claimUpdate(trx, input.channel, input.updateId, input.at))) return { replies: [], duplicate: true }
            const replies = await route(trx, input)
            return { replies, duplicate: false }
          })
        } catch (err) {
          // Someone else moved this conversation on meanwhile: everything was rolled back, try again on the new state.
          if (!(err instanceof ConversationConflictError) || attempt >= 3) throw err
          deps.log.debug({ contact: err.contactId, attempt }, 'conversation conflict, retrying')
        }
      }
    },
  }

  async function route(db: Db, input: EngineInput): Promise<Reply[]> {
    const text = input.text?.trim()
    const command = text?.startsWith('/') ? parseCommand(text) : undefined

    if (command?.name === 'start' && command.arg) return enrolWithCode(db, input, command.arg)
    if (command && LEADER_COMMANDS.has(command.name)) {
      const planId = await leaderPlan(db, input)
      if (planId === undefined) return [{ text: msg.leadersOnly }]
      const texts = deps.leaderCommands ? await deps.leaderCommands(db, planId, command.name, command.arg, input.at) : undefined
      return (texts ?? [msg.notUnderstood]).map((text) => ({ text }))
    }
    if (input.chatType === 'group') {
      if (text && looksLikeInviteCode(text)) return enrolWithCode(db, input, text)
      if (command && ['baocao', 'tiendo', 'huy'].includes(command.name)) return [{ text: msg.groupNoReports }]
      return []
    }

    const contacts = await findContactsByIdentity(db, input.channel, input.userId)
    const reporters = contacts.filter((c) => c.role === 'reporter')
    if (!reporters.length) {
      if (text && looksLikeInviteCode(text)) return enrolWithCode(db, input, text)
      if (contacts.length) return [{ text: msg.help }]
      return [{ text: msg.welcomeUnknown }]
    }
    const home = reporters[0]!
    const state = (home.conversation?.state as ConversationState | undefined) ?? IDLE
    const result = await converse(db, input, reporters, state, text, command)
    await saveConversation(db, home.id, result.state, home.conversation?.version, input.at)
    return result.replies
  }

  async function converse(
    db: Db,
    input: EngineInput,
    reporters: ContactView[],
    state: ConversationState,
    text: string | undefined,
    command: { name: string; arg?: string } | undefined,
  ): Promise<StepResult> {
    const active = state.step !== 'idle'
    if (input.media) return { state, replies: [active ? renderCurrent(state, msg.onlyText) : { text: msg.onlyText }] }
    // Buttons on reminders act whatever the conversation is doing.
    if (input.choice?.id === REMINDER_REPORT) return startReport(db, input, reporters, state)
    if (input.choice?.id === REMINDER_SNOOZE) return snooze(db, input, reporters, state)
    if (input.choice && input.choice.token !== state.token) {
      return { state, replies: [active ? renderCurrent(state, msg.staleButton) : { text: msg.notUnderstood }] }
    }
    if (text !== undefined && (text === '' || EMOJI_ONLY.test(text)) && !input.choice) {
      return { state, replies: [active ? renderCurrent(state, text === '' ? undefined : msg.emojiOnly) : { text: msg.emojiOnly }] }
    }

    if (command) {
      switch (command.name) {
        case 'start':
          return { state, replies: [{ text: msg.enrolledAgain(reporters.map((r) => r.unitName).join(', ')) }] }
        case 'baocao':
          return startReport(db, input, reporters, state)
        case 'huy':
          return active ? { state: { ...IDLE, token: state.token + 1 }, replies: [{ text: msg.cancelled }] } : { state, replies: [{ text: msg.nothingToCancel }] }
        case 'huongdan':
        case 'help':
          return { state, replies: [{ text: msg.help }, ...(active ? [renderCurrent(state)] : [])] }
        case 'tiendo':
          return { state, replies: [await progressReply(db, input, reporters), ...(active ? [renderCurrent(state)] : [])] }
        default:
          return { state, replies: [active ? renderCurrent(state, msg.commandMidQuestion) : { text: msg.notUnderstood }] }
      }
    }

    const folded = text !== undefined ? foldVietnamese(text) : ''
    if (SNOOZE_WORDS.has(folded)) return snooze(db, input, reporters, state)
    const away = /^(?:di )?vang (?:den|toi|den het) (?:ngay )?(\d{1,2})\/(\d{1,2})(?:\/(\d{4}))?$/.exec(folded)
    if (away) return markAway(db, input, reporters, state, Number(away[1]), Number(away[2]), away[3] ? Number(away[3]) : undefined)
    if (!active) {
      if (REPORT_WORDS.has(folded)) return startReport(db, input, reporters, state)
      if (text && looksLikeInviteCode(text)) return { state, replies: await enrolWithCode(db, input, text) }
      return { state, replies: [{ text: msg.notUnderstood }] }
    }
    if (folded === 'tiep tuc' || folded === 'bao cao') return { state, replies: [renderCurrent(state)] }

    const offered = renderCurrent(state).choices ?? []
    const choiceId = input.choice?.id ?? (text !== undefined ? matchChoice(text, offered, !expectsNumber(state)) : undefined)
    const typed = input.choice ? undefined : text

    switch (state.step) {
      case 'choose_unit': {
        const picked = choiceId?.startsWith('u') ? state.unitChoices?.[Number(choiceId.slice(1))] : undefined
        if (!picked) return { state, replies: [renderCurrent(state)] }
        const contact = reporters.find((r) => r.id === picked.contactId)
        return contact ? openReport(db, input, contact, state) : { state, replies: [renderCurrent(state)] }
      }
      case 'opening':
        if (choiceId === C.go) return continueFromOpening(state)
        if (choiceId === C.later) return { state: { ...IDLE, token: state.token + 1 }, replies: [{ text: msg.later }] }
        return { state, replies: [renderCurrent(state)] }
      case 'item': {
        if (!stillOpen(state, input.at)) return lockedResult(state)
        const by = { contactId: reporters.find((r) => r.unitId === state.session!.unitId)?.id ?? reporters[0]!.id, channel: input.channel, at: input.at }
        return handleItem({ db, by }, state, choiceId, typed)
      }
      case 'review':
      case 'edit_pick': {
        const result = handleReview(state, choiceId, typed)
        if (!result.submit) return result
        if (!stillOpen(state, input.at)) return lockedResult(state)
        return submit(db, input, reporters, result.state)
      }
      default:
        return { state, replies: [{ text: msg.notUnderstood }] }
    }
  }

  async function markAway(db: Db, input: EngineInput, reporters: ContactView[], state: ConversationState, day: number, month: number, year?: number): Promise<StepResult> {
    const contact = reporters[0]!
    const plan = await deps.plans.planModel(db, contact.planId)
    const today = formatInTimeZone(input.at, plan.plan.timezone, 'yyyy-MM-dd')
    let y = year ?? Number(today.slice(0, 4))
    const iso = (yy: number) => `${yy}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`
    if (!year && iso(y) < today) y += 1
    const until = iso(y)
    const valid = new Date(`${until}T00:00:00Z`).toISOString().slice(0, 10) === until && until >= today
    if (!valid) return { state, replies: [{ text: msg.awayBadDate }] }
    await setUnitAway(db, contact.unitId!, until, `${input.channel}:${contact.displayName ?? contact.id}`)
    const shown = `${until.slice(8, 10)}/${until.slice(5, 7)}/${until.slice(0, 4)}`
    for (const c of await standingOfficeContacts(db, contact.planId)) {
      if (c.id === contact.id) continue
      await enqueueMessage(db, {
        planId: contact.planId,
        dedupeKey: `away:${contact.unitId}:${until}:${c.id}`,
        kind: 'notice',
        channel: c.channel,
        chatId: c.chat_id,
        contactId: c.id,
        payload: { text: msg.awayNotice(contact.unitName ?? '', shown, contact.displayName ?? '') },
        runAfter: input.at,
        now: input.at,
      })
    }
    return { state, replies: [{ text: msg.awaySet(contact.unitName ?? '', shown) }] }
  }

  async function snooze(db: Db, input: EngineInput, reporters: ContactView[], state: ConversationState): Promise<StepResult> {
    const plan = await deps.plans.planModel(db, reporters[0]!.planId)
    const until = deps.plans.nextWorkingMorning(plan, input.at)
    for (const r of reporters) await snoozeContact(db, r.id, until)
    return { state, replies: [{ text: msg.snoozed(formatTimeAndDate(until, plan.plan.timezone)) }] }
  }

  async function startReport(db: Db, input: EngineInput, reporters: ContactView[], state: ConversationState): Promise<StepResult> {
    const units = unique(reporters)
    if (units.length > 1) {
      const next: ConversationState = {
        step: 'choose_unit',
        token: state.token + 1,
        unitChoices: units.map((u) => ({ contactId: u.id, unitName: u.unitName ?? u.unitCode ?? '' })),
      }
      return { state: next, replies: [renderCurrent(next)] }
    }
    return openReport(db, input, units[0]!, state)
  }

  /** The report a contact's unit can work on now, if any. */
  async function sessionFor(db: Db, contact: ContactView, at: Date) {
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

  async function openReport(db: Db, input: EngineInput, contact: ContactView, state: ConversationState): Promise<StepResult> {
    const session = await sessionFor(db, contact, input.at)
    if (!session) return { state: { ...IDLE, token: state.token + 1 }, replies: [{ text: msg.noOpenPeriod(contact.unitName ?? '') }] }
    if (session.submitted) {
      const next: ConversationState = { step: 'review', token: state.token + 1, session: { ...session, cursor: session.items.length } }
      const submittedAt = await submittedAtOf(db, session.submissionId)
      return {
        state: next,
        replies: [renderCurrent(next, msg.alreadySubmitted(session.label, submittedAt ? formatTimeAndDate(submittedAt, session.timezone) : '', lastDayBefore(new Date(session.locksAt), session.timezone)))],
      }
    }
    const next: ConversationState = { step: 'opening', token: state.token + 1, session }
    return { state: next, replies: [renderCurrent(next)] }
  }

  function continueFromOpening(state: ConversationState): StepResult {
    const s = state.session!
    const next: ConversationState =
      s.cursor >= s.items.length
        ? { ...state, step: 'review', token: state.token + 1 }
        : { ...state, step: 'item', token: state.token + 1, item: { phase: 'answer' } }
    return { state: next, replies: [renderCurrent(next)] }
  }

  async function submit(db: Db, input: EngineInput, reporters: ContactView[], state: ConversationState): Promise<StepResult> {
    const s = state.session!
    const contact = reporters.find((r) => r.unitId === s.unitId) ?? reporters[0]!
    await markSubmitted(db, s.submissionIds, { contactId: contact.id, channel: input.channel, at: input.at })
    const firstAt = (await submittedAtOf(db, s.submissionId)) ?? input.at
    const onTime = firstAt.getTime() < new Date(s.dueAt).getTime()
    const time = formatTimeAndDate(firstAt, s.timezone)
    if (!s.submitted) {
      const notice = msg.standingNotice({ unitName: s.unitName, label: s.label, time, onTime })
      for (const c of await standingOfficeContacts(db, s.planId)) {
        if (c.id === contact.id) continue
        await enqueueMessage(db, {
          planId: s.planId,
          dedupeKey: `notice:submitted:${s.submissionId}:${c.id}`,
          kind: 'notice',
          channel: c.channel,
          chatId: c.chat_id,
          contactId: c.id,
          payload: { text: notice },
          runAfter: input.at,
          now: input.at,
        })
      }
    }
    const next: ConversationState = { ...IDLE, token: state.token + 1 }
    return { state: next, replies: [{ text: msg.receipt({ label: s.label, unitName: s.unitName, time, onTime, until: lastDayBefore(new Date(s.locksAt), s.timezone) }) }] }
  }

  async function progressReply(db: Db, input: EngineInput, reporters: ContactView[]): Promise<Reply> {
    const lines: string[] = []
    for (const contact of unique(reporters)) {
      const session = await sessionFor(db, contact, input.at)
      if (!session) {
        lines.push(msg.progressNone(contact.unitName ?? ''))
        continue
      }
      const done = Object.keys(session.answers).length
      const submittedAt = session.submitted ? await submittedAtOf(db, session.submissionId) : null
      const status = submittedAt
        ? msg.progressSubmitted(formatTimeAndDate(submittedAt, session.timezone))
        : `${done ? msg.progressDraft(done, session.items.length) : msg.progressNotStarted}, ${session.remainingText}`
      lines.push(`${contact.unitName}:`, msg.progressLine({ label: session.label, deadline: session.deadlineText, status }))
    }
    return { text: lines.join('\n') }
  }
}

/** The plan whose leader is asking: a registered leaders' group, or a leader contact in private. */
async function leaderPlan(db: Db, input: EngineInput): Promise<number | undefined> {
  if (input.chatType === 'group') {
    const dest = await db.selectFrom('leader_destinations').select('plan_id').where('channel', '=', input.channel).where('chat_id', '=', input.chatId).where('active', '=', true).executeTakeFirst()
    return dest?.plan_id
  }
  const leader = await db.selectFrom('contacts').select('plan_id').where('channel', '=', input.channel).where('user_id', '=', input.userId).where('role', '=', 'leader').where('status', '<>', 'removed').executeTakeFirst()
  return leader?.plan_id
}

function parseCommand(text: string): { name: string; arg?: string } {
  const [head = '', ...rest] = text.slice(1).split(/\s+/)
  const name = head.split('@')[0]!.toLowerCase()
  const arg = rest.join(' ').trim()
  return arg ? { name, arg } : { name }
}

function unique(reporters: ContactView[]): ContactView[] {
  const seen = new Set<number>()
  return reporters.filter((r) => (r.unitId === null || seen.has(r.unitId) ? false : (seen.add(r.unitId), true)))
}

/** A submitted report may be corrected only until its period locks. */
function stillOpen(state: ConversationState, now: Date): boolean {
  const s = state.session
  if (!s) return false
  if (!s.submitted) return true
  return now.getTime() < new Date(s.locksAt).getTime()
}

function lockedResult(state: ConversationState): StepResult {
  return { state: { ...IDLE, token: state.token + 1 }, replies: [{ text: msg.locked(state.session?.label ?? '') }] }
}

async function submittedAtOf(db: Db, submissionId: number): Promise<Date | null> {
  const row = await db.selectFrom('submissions').select('submitted_at').where('id', '=', submissionId).executeTakeFirst()
  return row?.submitted_at ?? null
}

