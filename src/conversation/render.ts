import { isNumericIndicator } from '../domain/plan-model.js'
import { formatAnswer } from '../domain/answer-rules.js'
import { describeTarget } from '../domain/targets.js'
import { labels, msg, sectionTitles, taskStatusLabels } from './messages.js'
import type { ConversationState, IndicatorItem, ItemAnswer, ItemState, ReportItem, ReportSession } from './state.js'
import type { Choice, Reply } from './types.js'

/** Choice ids: short, stable, well under Telegram's 64-byte callback limit. */
export const C = {
  go: 'go',
  later: 'later',
  keep: 'keep',
  skip: 'skip',
  back: 'back',
  yes: 'yes',
  no: 'no',
  confirm: 'ok',
  reenter: 'redo',
  submit: 'send',
  edit: 'edit',
  none: 'none',
  keepCurrent: 'cur',
  done: 't:done',
  inProgress: 't:in_progress',
  notStarted: 't:not_started',
  delayed: 't:delayed',
} as const

/** How the current question reads: the text, its choices, and the token they carry. */
export function renderCurrent(state: ConversationState, prefix?: string): Reply {
  const reply = renderStep(state)
  const text = prefix ? `${prefix}\n${reply.text}` : reply.text
  const numeric = expectsNumber(state)
  if (!reply.choices?.length) return numeric ? { text, expectsNumber: true } : { text }
  const choices = reply.choices.map((c) => (KEYWORDS[c.id] ? { ...c, keyword: KEYWORDS[c.id] } : c))
  const words = !numeric && wordsOnly(state)
  return { text, choices, token: state.token, ...(numeric ? { expectsNumber: true } : {}), ...(words ? { wordsOnly: true } : {}) }
}

/**
 * Whether a typed "2" may mean the second choice. Not when the answer is a
 * number, nor on a free-text question (it is content), nor on the review
 * (numbers are its items: "1" never submits the report).
 */
export function numberedChoices(state: ConversationState): boolean {
  return !expectsNumber(state) && !wordsOnly(state)
}

/** Questions whose choices are picked by words only: free-text answers and the numbered review. */
function wordsOnly(state: ConversationState): boolean {
  if (state.step === 'review') return true
  return state.step === 'item' && isFreeText(state)
}

/** Whether the item on screen takes free text: a note, a task's detail, a section, a text indicator (not while a bare number awaits confirmation). */
export function isFreeText(state: ItemState): boolean {
  const phase = state.item
  if (phase.phase === 'confirm' || phase.typed !== undefined) return false
  if (phase.phase === 'note' || phase.phase === 'task_detail') return true
  const item = state.session.items[state.session.cursor]
  return item?.kind === 'section' || (item?.kind === 'indicator' && item.type === 'text')
}

/** What to type for a choice on apps without buttons. */
const KEYWORDS: Record<string, string> = {
  skip: 'bỏ qua',
  back: 'quay lại',
  keep: 'giữ',
  yes: 'có',
  no: 'không',
  ok: 'đúng',
  redo: 'nhập lại',
  send: 'gửi',
  edit: 'sửa',
  none: 'không',
  cur: 'giữ nguyên',
}

/** Whether a question's answer is itself typed as a number (then "2" is a value, not option 2). */
export function expectsNumber(state: ConversationState): boolean {
  if (state.step === 'edit_pick') return true
  if (state.step !== 'item') return false
  const item = state.session.items[state.session.cursor]
  return item?.kind === 'indicator' && state.item.phase === 'answer' && isNumericIndicator(item.type)
}

function renderStep(state: ConversationState): { text: string; choices?: Choice[] } {
  switch (state.step) {
    case 'choose_unit':
      return { text: msg.chooseUnit, choices: state.unitChoices.map((u, i) => ({ id: `u${i}`, label: u.unitName })) }
    case 'idle':
      return { text: msg.notUnderstood }
    case 'opening':
      return { text: openingText(state.session), choices: [{ id: C.go, label: labels.startNow }, { id: C.later, label: labels.later }] }
    case 'review':
      return { text: reviewText(state.session), choices: [{ id: C.submit, label: labels.submit }, { id: C.edit, label: labels.edit }] }
    case 'edit_pick':
      return { text: msg.editPick(state.session.items.length) }
    case 'item':
      return renderItem(state)
  }
}

/** The opening message of a report: what, by when, how much is done. */
export function openingText(s: ReportSession, remaining?: string): string {
  const indicators = s.items.filter((i) => i.kind === 'indicator').length
  const tasks = s.items.filter((i) => i.kind === 'task').length
  const sections = s.items.filter((i) => i.kind === 'section').length
  return msg.opening({
    label: s.label,
    deadline: s.deadlineText,
    remaining: remaining ?? s.remainingText,
    unitName: s.unitName,
    indicators,
    tasks,
    sections,
    done: Object.keys(s.answers).length,
    total: s.items.length,
  })
}

function renderItem(state: ItemState): { text: string; choices?: Choice[] } {
  const phase = state.item
  if (phase.phase !== 'confirm' && phase.typed !== undefined) {
    return { text: msg.confirmBareNumber(phase.typed), choices: [{ id: C.confirm, label: labels.confirmText(phase.typed) }, { id: C.reenter, label: labels.reenter }] }
  }
  const question = renderQuestion(state)
  const s = state.session
  const current = s.answers[s.cursor]
  if (phase.phase !== 'answer' || !current) return question
  // Back at an answered item ("quay lại", "sửa 3"): show what is stored and how to keep it (last, so option numbers stay as before).
  const value = shorten(answerText(s.items[s.cursor]!, current), 40)
  return { text: `${question.text}\n${msg.currentAnswer(value)}`, choices: [...(question.choices ?? []), { id: C.keepCurrent, label: labels.keepCurrent(value) }] }
}

function renderQuestion(state: ItemState): { text: string; choices?: Choice[] } {
  const s = state.session
  const item = s.items[s.cursor]!
  const phase = state.item
  const back: Choice[] = s.cursor > 0 && !s.returnToReview ? [{ id: C.back, label: labels.back }] : []
  if (item.kind === 'indicator') {
    if (phase.phase === 'confirm') {
      const value = formatAnswer(phase.value, item.type, item.unit)
      const prev = item.previous && 'num' in item.previous.value ? formatAnswer(item.previous.value, item.type, item.unit) : undefined
      const text = prev ? msg.confirmJump(prev, value) : msg.confirmFarFromTarget(item.target ? describeTarget(item.target.reading) : '', value)
      return { text, choices: [{ id: C.confirm, label: labels.confirmKeep(value) }, { id: C.reenter, label: labels.reenter }] }
    }
    if (phase.phase === 'note') return { text: msg.askNote, choices: [{ id: C.skip, label: labels.skip }] }
    return indicatorQuestion(s, item, back)
  }
  if (item.kind === 'task') {
    if (phase.phase === 'task_detail') {
      const text = phase.status === 'done' ? msg.askTaskOutput : phase.status === 'delayed' ? msg.askTaskReason : msg.askTaskProgress
      return { text, choices: [{ id: C.skip, label: labels.skip }] }
    }
    const tasks = s.items.filter((i) => i.kind === 'task')
    return {
      text: msg.taskQuestion({ index: tasks.indexOf(item) + 1, total: tasks.length, title: item.title, due: item.due }),
      choices: [
        { id: C.done, label: labels.taskDone },
        { id: C.inProgress, label: labels.taskInProgress },
        { id: C.notStarted, label: labels.taskNotStarted },
        { id: C.delayed, label: labels.taskDelayed },
        { id: C.skip, label: labels.skip },
        ...back,
      ],
    }
  }
  return { text: msg.sectionQuestion(item.section), choices: [{ id: C.none, label: labels.none }, ...back] }
}

function indicatorQuestion(s: ReportSession, item: IndicatorItem, back: Choice[]): { text: string; choices: Choice[] } {
  const indicators = s.items.filter((i) => i.kind === 'indicator')
  const hint =
    item.type === 'percent' ? msg.hintPercent
    : item.type === 'integer' ? msg.hintInteger(item.unit)
    : item.type === 'number' ? msg.hintNumber(item.unit)
    : item.type === 'yes_no' ? msg.hintYesNo
    : item.type === 'choice' ? msg.hintChoice
    : msg.hintText
  const previous = item.previous ? formatAnswer(item.previous.value, item.type, item.unit) : undefined
  const text = msg.indicatorQuestion({
    index: indicators.indexOf(item) + 1,
    total: indicators.length,
    name: item.name,
    ...(item.aboutUnitName ? { aboutUnit: item.aboutUnitName } : {}),
    ...(item.target ? { target: describeTarget(item.target.reading), targetYear: item.target.year } : {}),
    ...(previous && item.previous ? { previous, previousLabel: item.previous.label } : {}),
    hint,
  })
  const choices: Choice[] = []
  if (item.type === 'yes_no') choices.push({ id: C.yes, label: labels.yes }, { id: C.no, label: labels.no })
  if (item.type === 'choice') (item.choices ?? []).forEach((c, i) => choices.push({ id: `c${i}`, label: c }))
  if (previous) choices.push({ id: C.keep, label: labels.keepPrevious(previous) })
  choices.push({ id: C.skip, label: labels.skip }, ...back)
  return { text, choices }
}

/** One line per item, numbered, for the review screen. */
export function reviewText(s: ReportSession): string {
  const lines = [msg.reviewHeader(s.label, s.unitName)]
  s.items.forEach((item, i) => lines.push(`${i + 1}. ${itemTitle(item)}: ${answerText(item, s.answers[i])}`))
  lines.push(msg.reviewFooter)
  return lines.join('\n')
}

function itemTitle(item: ReportItem): string {
  if (item.kind === 'indicator') return shorten(item.name, 60) + (item.aboutUnitName ? ` (${item.aboutUnitName})` : '')
  if (item.kind === 'task') return shorten(item.title, 60)
  return sectionTitles[item.section]
}

/** An item's answer as the review and receipts show it. */
export function answerText(item: ReportItem, answer: ItemAnswer | undefined): string {
  if (!answer) return msg.reviewNotAnswered
  if (answer.kind === 'skipped') return msg.reviewSkipped
  if (answer.kind === 'section') return answer.body ? shorten(answer.body, 80) : msg.reviewNone
  if (answer.kind === 'task') return taskStatusLabels[answer.status] + (answer.detail ? ` (${shorten(answer.detail, 50)})` : '')
  if (item.kind !== 'indicator') return ''
  const text = formatAnswer(answer.value, item.type, item.unit)
  return text + (answer.note ? ` (ghi chú: ${shorten(answer.note, 40)})` : '')
}

function shorten(text: string, max: number): string {
  return text.length <= max ? text : text.slice(0, max - 1).trimEnd() + '…'
}
