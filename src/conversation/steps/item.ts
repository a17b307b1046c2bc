import { answerMeetsTarget, formatAnswer, needsConfirmation, readIndicatorAnswer, MAX_TEXT_ANSWER, type AnswerValue } from '../../domain/answer-rules.js'
import { saveIndicatorAnswer, saveSection, saveTaskProgress, type AnswerAuthor } from '../../storage/answers.js'
import type { Db, TaskStatus } from '../../storage/database.js'
import { labels, msg } from '../messages.js'
import { matchChoice } from '../choice-words.js'
import { C, isFreeText, numberedChoices, renderCurrent } from '../render.js'
import { DIALOG_VERSION, type IndicatorItem, type ItemPhase, type ItemState, type ReportSession, type SessionState } from '../state.js'
import type { StepResult } from '../turn.js'

/** Dependencies of one step: the transaction and who is writing. */
export interface StepContext {
  db: Db
  by: AnswerAuthor
}

const TASK_STATUSES: readonly TaskStatus[] = ['done', 'in_progress', 'not_started', 'delayed']

/**
 * The `item` step: one indicator, task or free-text section on screen. Takes
 * the chosen (and already validated) choice id or the typed text, stores the
 * answer with its author before anything is acknowledged, and moves on.
 */
export async function handleItem(ctx: StepContext, state: ItemState, choiceId: string | undefined, text: string | undefined, confirmed = false): Promise<StepResult> {
  const s = state.session
  const item = s.items[s.cursor]!
  const phase = state.item

  if (phase.phase !== 'confirm' && phase.typed !== undefined) return confirmTyped(ctx, state, phase, choiceId, text)
  if (!confirmed && phase.phase !== 'confirm' && choiceId === undefined && text !== undefined && BARE_NUMBER.test(text.trim()) && isFreeText(state)) {
    // "2" to a free-text question is most likely a menu number: ask before storing it.
    const next: ItemState = { ...state, token: state.token + 1, item: { ...phase, typed: text.trim() } }
    return { state: next, replies: [renderCurrent(next)] }
  }

  if (choiceId === C.back && phase.phase === 'answer') {
    if (s.cursor === 0) return { state, replies: [renderCurrent(state, msg.nothingToGoBack)] }
    return moveTo(state, s.cursor - 1)
  }
  if (choiceId === C.keepCurrent && phase.phase === 'answer' && s.answers[s.cursor]) return advance(state)

  if (item.kind === 'indicator') {
    if (phase.phase === 'confirm') {
      if (choiceId === C.confirm) {
        await storeValue(ctx, s, item, phase.value, null)
        const next: ItemState = { ...state, token: state.token + 1, item: { phase: 'note' } }
        return { state: next, replies: [renderCurrent(next, echo(item, phase.value))] }
      }
      if (choiceId === C.reenter) {
        const next: ItemState = { ...state, token: state.token + 1, item: { phase: 'answer' } }
        return { state: next, replies: [renderCurrent(next)] }
      }
      if (text !== undefined && choiceId === undefined) return answerIndicator(ctx, { ...state, item: { phase: 'answer' } }, item, text)
      return { state, replies: [renderCurrent(state)] }
    }
    if (phase.phase === 'note') {
      const answer = s.answers[s.cursor]
      if (choiceId !== C.skip && text !== undefined && answer?.kind === 'value') {
        if (text.length > MAX_TEXT_ANSWER) return { state, replies: [renderCurrent(state, msg.tooLong(MAX_TEXT_ANSWER))] }
        await storeValue(ctx, s, item, answer.value, text.trim())
        return advance(state, msg.noteSaved)
      }
      return advance(state)
    }
    if (choiceId === C.skip) {
      await storeSkip(ctx, s, item)
      return advance(state, msg.skipped)
    }
    if (choiceId === C.keep && item.previous) return acceptValue(ctx, state, item, item.previous.value)
    if (choiceId === C.yes || choiceId === C.no) return acceptValue(ctx, state, item, { bool: choiceId === C.yes })
    if (choiceId?.startsWith('c') && item.type === 'choice') {
      const label = item.choices?.[Number(choiceId.slice(1))]
      if (label) return acceptValue(ctx, state, item, { text: label })
    }
    if (text !== undefined && choiceId === undefined) return answerIndicator(ctx, state, item, text)
    return { state, replies: [renderCurrent(state)] }
  }

  if (item.kind === 'task') {
    if (phase.phase === 'task_detail') {
      const detail = choiceId === C.skip || text === undefined ? null : text.trim()
      if (detail && detail.length > MAX_TEXT_ANSWER) return { state, replies: [renderCurrent(state, msg.tooLong(MAX_TEXT_ANSWER))] }
      await storeTaskProgress(ctx, s, item.taskId, phase.status, detail)
      s.answers[s.cursor] = { kind: 'task', status: phase.status, ...(detail ? { detail } : {}) }
      return advance(state)
    }
    if (choiceId === C.skip) return advance(state, msg.skipped)
    const status = TASK_STATUSES.find((t) => choiceId === `t:${t}`)
    if (!status) return { state, replies: [renderCurrent(state, text !== undefined ? msg.taskStatusProblem : undefined)] }
    if (status === 'not_started') {
      await storeTaskProgress(ctx, s, item.taskId, status, null)
      s.answers[s.cursor] = { kind: 'task', status }
      return advance(state)
    }
    const next: ItemState = { ...state, token: state.token + 1, item: { phase: 'task_detail', status } }
    return { state: next, replies: [renderCurrent(next)] }
  }

  // Free-text section.
  const body = choiceId === C.none ? null : text !== undefined ? text.trim() : undefined
  if (body === undefined) return { state, replies: [renderCurrent(state)] }
  if (body && body.length > MAX_TEXT_ANSWER) return { state, replies: [renderCurrent(state, msg.tooLong(MAX_TEXT_ANSWER))] }
  await saveSection(ctx.db, { planId: s.planId, submissionIds: s.submissionIds, section: item.section }, body || null, ctx.by)
  s.answers[s.cursor] = { kind: 'section', body: body || null }
  return advance(state)
}

/** The phases that take typed text. */
type TypingPhase = Exclude<ItemPhase, { phase: 'confirm' }>

/** A bare number: digits only, what a stray menu answer looks like. */
const BARE_NUMBER = /^\d+$/

/** The answer to "ghi "2"?": store it, type again, or answer the question afresh with whatever was typed instead. */
async function confirmTyped(ctx: StepContext, state: ItemState, pending: TypingPhase, choiceId: string | undefined, text: string | undefined): Promise<StepResult> {
  const { typed, ...phase } = pending
  const question: ItemState = { ...state, item: phase }
  if (choiceId === C.confirm) return handleItem(ctx, question, undefined, typed, true)
  if (choiceId === C.reenter || text === undefined) {
    const next: ItemState = { ...question, token: state.token + 1 }
    return { state: next, replies: [renderCurrent(next)] }
  }
  const offered = renderCurrent(question).choices ?? []
  return handleItem(ctx, question, matchChoice(text, offered, numberedChoices(question)), text)
}

async function answerIndicator(ctx: StepContext, state: ItemState, item: IndicatorItem, text: string): Promise<StepResult> {
  const reading = readIndicatorAnswer(item.type, text, item.choices)
  if (!reading.ok) {
    return { state, replies: [renderCurrent(state, msg.answerProblem(reading.problem, exampleFor(item)))] }
  }
  return acceptValue(ctx, state, item, reading.value)
}

async function acceptValue(ctx: StepContext, state: ItemState, item: IndicatorItem, value: AnswerValue): Promise<StepResult> {
  const surprise = needsConfirmation(value, item.previous?.value, item.target?.reading)
  if (surprise) {
    const next: ItemState = { ...state, token: state.token + 1, item: { phase: 'confirm', value } }
    return { state: next, replies: [renderCurrent(next)] }
  }
  await storeValue(ctx, state.session, item, value, null)
  return advance(state, echo(item, value))
}

function echo(item: IndicatorItem, value: AnswerValue): string {
  const meets = answerMeetsTarget(value, item.target?.reading)
  const verdict = item.target && meets !== null ? (meets ? msg.verdictMet(item.target.year) : msg.verdictNotMet(item.target.year)) : '.'
  return msg.recorded(formatAnswer(value, item.type, item.unit), verdict)
}

function exampleFor(item: IndicatorItem): string {
  return item.type === 'percent' ? '72,5' : item.type === 'integer' ? '12' : item.type === 'number' ? '3,5' : item.type === 'yes_no' ? labels.yes : '…'
}

async function storeValue(ctx: StepContext, s: ReportSession, item: IndicatorItem, value: AnswerValue, note: string | null): Promise<void> {
  await saveIndicatorAnswer(ctx.db, { planId: s.planId, submissionIds: s.submissionIds, indicatorId: item.indicatorId, aboutUnitId: item.aboutUnitId }, { value, note }, ctx.by)
  s.answers[s.cursor] = { kind: 'value', value, ...(note ? { note } : {}) }
}

async function storeSkip(ctx: StepContext, s: ReportSession, item: IndicatorItem): Promise<void> {
  await saveIndicatorAnswer(ctx.db, { planId: s.planId, submissionIds: s.submissionIds, indicatorId: item.indicatorId, aboutUnitId: item.aboutUnitId }, { skipped: true }, ctx.by)
  s.answers[s.cursor] = { kind: 'skipped' }
}

async function storeTaskProgress(ctx: StepContext, s: ReportSession, taskId: number, status: TaskStatus, detail: string | null): Promise<void> {
  await saveTaskProgress(ctx.db, { planId: s.planId, submissionIds: s.submissionIds, taskId }, { status, detail }, ctx.by)
}

/** Go to the next item, or back to review after an edit, or to review at the end. */
function advance(state: ItemState, prefix?: string): StepResult {
  const s = state.session
  if (s.returnToReview || s.cursor + 1 >= s.items.length) {
    const next: SessionState = { version: DIALOG_VERSION, step: 'review', token: state.token + 1, session: { ...s, returnToReview: false, cursor: s.items.length } }
    return { state: next, replies: [renderCurrent(next, prefix)] }
  }
  return moveTo(state, s.cursor + 1, prefix)
}

/** Put item `cursor` on screen, fresh. */
export function moveTo(state: SessionState, cursor: number, prefix?: string, returnToReview?: boolean): StepResult {
  const session = { ...state.session, cursor, ...(returnToReview !== undefined ? { returnToReview } : {}) }
  const next: ItemState = { version: DIALOG_VERSION, step: 'item', token: state.token + 1, item: { phase: 'answer' }, session }
  return { state: next, replies: [renderCurrent(next, prefix)] }
}
