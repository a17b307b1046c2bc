import { answerMeetsTarget, formatAnswer, needsConfirmation, readIndicatorAnswer, MAX_TEXT_ANSWER, type AnswerValue } from '../domain/answer-rules.js'
import { foldVietnamese } from '../domain/text-fold.js'
import { saveIndicatorAnswer, saveSection, saveTaskProgress, type AnswerAuthor } from '../storage/answers.js'
import type { Db, TaskStatus } from '../storage/database.js'
import { labels, msg } from './messages.js'
import { C, renderCurrent } from './render.js'
export { expectsNumber } from './render.js'
import type { ConversationState, IndicatorItem, ReportSession } from './state.js'
import type { Reply } from './types.js'

/** What one step of the report flow produced. */
export interface StepResult {
  state: ConversationState
  replies: Reply[]
  /** Set when the person pressed "Gửi báo cáo": the engine submits. */
  submit?: boolean
}

/** Words people type instead of pressing a button, folded, per choice id. */
const WORDS: Record<string, string[]> = {
  [C.skip]: ['bo qua', 'bo', 'skip', 'qua'],
  [C.back]: ['quay lai', 'lui', 'tro lai', 'back'],
  [C.keep]: ['giu', 'giu nguyen', 'nhu cu', 'nhu ky truoc', 'giu nhu ky truoc'],
  [C.yes]: ['co', 'yes', 'dat', 'da co'],
  [C.no]: ['khong', 'chua', 'no', 'chua co', 'ko'],
  [C.confirm]: ['dung', 'xac nhan', 'giu', 'ok', 'dong y', 'co'],
  [C.reenter]: ['nhap lai', 'sai', 'khong'],
  [C.submit]: ['gui', 'gui bao cao', 'nop', 'nop bao cao', 'send'],
  [C.edit]: ['sua'],
  [C.none]: ['khong', 'khong co', 'ko', 'k', 'none', '-'],
  [C.go]: ['bao cao ngay', 'bat dau', 'ngay', 'co', 'ok'],
  [C.later]: ['de sau', 'sau', 'khong'],
  [C.done]: ['hoan thanh', 'xong', 'da hoan thanh'],
  [C.inProgress]: ['dang thuc hien', 'dang lam'],
  [C.notStarted]: ['chua thuc hien', 'chua lam'],
  [C.delayed]: ['cham', 'cham, co vuong mac', 'vuong mac', 'cham co vuong mac'],
}

/**
 * Map typed text to one of the offered choices: by its words, its label, or
 * (when `numbers` is true, for questions whose answer is not a number) its
 * position in the list, which is how Zalo users answer.
 */
export function matchChoice(text: string, offered: readonly { id: string; label: string }[], numbers: boolean): string | undefined {
  const f = foldVietnamese(text).replace(/[.!]+$/, '')
  if (!f) return undefined
  if (numbers && /^\d{1,2}$/.test(f)) return offered[Number(f) - 1]?.id
  for (const c of offered) if (foldVietnamese(c.label) === f) return c.id
  for (const c of offered) if (WORDS[c.id]?.includes(f)) return c.id
  return undefined
}

/** Dependencies of one step: the transaction, who is writing, and how. */
export interface StepContext {
  db: Db
  by: AnswerAuthor
}

/** Handle a choice id or typed text while a report item is on screen. */
export async function handleItem(ctx: StepContext, state: ConversationState, choiceId: string | undefined, text: string | undefined): Promise<StepResult> {
  const s = state.session!
  const item = s.items[s.cursor]!
  const phase = state.item ?? { phase: 'answer' as const }

  if (choiceId === C.back && phase.phase === 'answer') {
    if (s.cursor === 0) return { state, replies: [renderCurrent(state, msg.nothingToGoBack)] }
    return moveTo(state, s.cursor - 1)
  }

  if (item.kind === 'indicator') {
    if (phase.phase === 'confirm') {
      if (choiceId === C.confirm) {
        await storeValue(ctx, s, item, phase.value, null)
        const next: ConversationState = { ...state, token: state.token + 1, item: { phase: 'note' } }
        return { state: next, replies: [renderCurrent(next, echo(item, phase.value))] }
      }
      if (choiceId === C.reenter) {
        const next: ConversationState = { ...state, token: state.token + 1, item: { phase: 'answer' } }
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
      await saveTaskProgressEverywhere(ctx, s, item.taskId, phase.status, detail)
      s.answers[s.cursor] = { kind: 'task', status: phase.status, ...(detail ? { detail } : {}) }
      return advance(state)
    }
    if (choiceId === C.skip) {
      return advance(state, msg.skipped)
    }
    const status = choiceId?.startsWith('t:') ? (choiceId.slice(2) as TaskStatus) : undefined
    if (!status) return { state, replies: [renderCurrent(state, text !== undefined ? msg.taskStatusProblem : undefined)] }
    if (status === 'not_started') {
      await saveTaskProgressEverywhere(ctx, s, item.taskId, status, null)
      s.answers[s.cursor] = { kind: 'task', status }
      return advance(state)
    }
    const next: ConversationState = { ...state, token: state.token + 1, item: { phase: 'task_detail', status } }
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

async function answerIndicator(ctx: StepContext, state: ConversationState, item: IndicatorItem, text: string): Promise<StepResult> {
  const reading = readIndicatorAnswer(item.type, text, item.choices)
  if (!reading.ok) {
    return { state, replies: [renderCurrent(state, msg.answerProblem(reading.problem, exampleFor(item)))] }
  }
  return acceptValue(ctx, state, item, reading.value)
}

async function acceptValue(ctx: StepContext, state: ConversationState, item: IndicatorItem, value: AnswerValue): Promise<StepResult> {
  const surprise = needsConfirmation(value, item.previous?.value, item.target?.reading)
  if (surprise) {
    const next: ConversationState = { ...state, token: state.token + 1, item: { phase: 'confirm', value } }
    return { state: next, replies: [renderCurrent(next)] }
  }
  await storeValue(ctx, state.session!, item, value, null)
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

async function saveTaskProgressEverywhere(ctx: StepContext, s: ReportSession, taskId: number, status: TaskStatus, detail: string | null): Promise<void> {
  await saveTaskProgress(ctx.db, { planId: s.planId, submissionIds: s.submissionIds, taskId }, { status, detail }, ctx.by)
}

/** Go to the next item, or back to review after an edit, or to review at the end. */
function advance(state: ConversationState, prefix?: string): StepResult {
  const s = state.session!
  if (s.returnToReview || s.cursor + 1 >= s.items.length) {
    const next: ConversationState = { ...state, step: 'review', token: state.token + 1, item: { phase: 'answer' }, session: { ...s, returnToReview: false, cursor: s.items.length } }
    return { state: next, replies: [renderCurrent(next, prefix)] }
  }
  return moveTo(state, s.cursor + 1, prefix)
}

function moveTo(state: ConversationState, cursor: number, prefix?: string): StepResult {
  const next: ConversationState = { ...state, step: 'item', token: state.token + 1, item: { phase: 'answer' }, session: { ...state.session!, cursor } }
  return { state: next, replies: [renderCurrent(next, prefix)] }
}

/** Handle input on the review screen: submit, or jump to an item ("sửa 3"). */
export function handleReview(state: ConversationState, choiceId: string | undefined, text: string | undefined): StepResult {
  const s = state.session!
  if (choiceId === C.submit) return { state, replies: [], submit: true }
  const edit = text !== undefined ? /^(?:sua|sửa|edit)\s*(\d+)$/i.exec(foldVietnamese(text)) : null
  if (edit) return jumpForEdit(state, Number(edit[1]))
  if (choiceId === C.edit) {
    const next: ConversationState = { ...state, step: 'edit_pick', token: state.token + 1 }
    return { state: next, replies: [renderCurrent(next)] }
  }
  if (state.step === 'edit_pick' && text !== undefined && /^\d+$/.test(text.trim())) return jumpForEdit(state, Number(text.trim()))
  if (state.step === 'edit_pick') return { state, replies: [renderCurrent(state, msg.editOutOfRange(s.items.length))] }
  return { state, replies: [renderCurrent(state)] }
}

function jumpForEdit(state: ConversationState, n: number): StepResult {
  const s = state.session!
  if (n < 1 || n > s.items.length) return { state, replies: [renderCurrent(state, msg.editOutOfRange(s.items.length))] }
  const next: ConversationState = { ...state, step: 'item', token: state.token + 1, item: { phase: 'answer' }, session: { ...s, cursor: n - 1, returnToReview: true } }
  return { state: next, replies: [renderCurrent(next)] }
}
