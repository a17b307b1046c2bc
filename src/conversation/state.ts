import type { AnswerValue } from '../domain/answer-rules.js'
import type { IndicatorType } from '../domain/plan-model.js'
import type { Target } from '../domain/targets.js'
import type { SectionName, TaskStatus } from '../storage/database.js'

/** An indicator question, snapshotted when the report starts so each step needs no plan lookups. */
export interface IndicatorItem {
  kind: 'indicator'
  indicatorId: number
  aboutUnitId: number
  /** Set when the unit answers for an external unit. */
  aboutUnitName?: string
  code: string
  name: string
  type: IndicatorType
  unit?: string
  choices?: string[]
  target?: { year: number; text: string; reading: Target }
  previous?: { label: string; value: AnswerValue }
}

export interface TaskItem {
  kind: 'task'
  taskId: number
  code: string
  title: string
  due: string
}

export interface SectionItem {
  kind: 'section'
  section: SectionName
}

export type ReportItem = IndicatorItem | TaskItem | SectionItem

/** What the person answered for an item, mirrored from the database for the review screen. */
export type ItemAnswer =
  | { kind: 'value'; value: AnswerValue; note?: string }
  | { kind: 'skipped' }
  | { kind: 'task'; status: TaskStatus; detail?: string }
  | { kind: 'section'; body: string | null }

/** A report in progress for one unit and one request (one or several periods). */
export interface ReportSession {
  planId: number
  unitId: number
  unitName: string
  requestKey: string
  label: string
  /** ISO instants. */
  dueAt: string
  locksAt: string
  /** "trước ngày 05/12/2025" and "còn 3 ngày làm việc", fixed when the report starts. */
  deadlineText: string
  remainingText: string
  timezone: string
  /** The submission answers are written to, and every submission the request covers. */
  submissionId: number
  submissionIds: number[]
  submitted: boolean
  items: ReportItem[]
  answers: Record<number, ItemAnswer>
  cursor: number
  /** After an edit from review, go back to review instead of the next item. */
  returnToReview: boolean
}

/** Where in an item the person is. */
export type ItemPhase =
  | { phase: 'answer'; typed?: string }
  | { phase: 'confirm'; value: AnswerValue }
  | { phase: 'note'; typed?: string }
  | { phase: 'task_detail'; status: TaskStatus; typed?: string }
/**
 * `typed`: a bare number typed to a free-text question, waiting for "đúng"
 * before it is stored (a stray menu number must not become a progress note).
 * Optional, so states stored before it parse unchanged.
 */

/** The shape of stored dialog states this release writes; older ones are migrated or reset when loaded. */
export const DIALOG_VERSION = 1

interface StepBase {
  version: typeof DIALOG_VERSION
  /** Question token: buttons carry it, and a press with another token is stale. */
  token: number
}

/** Nothing started. */
export interface IdleState extends StepBase {
  step: 'idle'
}
/** A person linked to several units picks which one to report for. */
export interface ChooseUnitState extends StepBase {
  step: 'choose_unit'
  unitChoices: { contactId: number; unitName: string }[]
}
/** The report's opening message: start now or later. */
export interface OpeningState extends StepBase {
  step: 'opening'
  session: ReportSession
}
/** One item of the report on screen. */
export interface ItemState extends StepBase {
  step: 'item'
  session: ReportSession
  item: ItemPhase
}
/** The numbered review before submitting. */
export interface ReviewState extends StepBase {
  step: 'review'
  session: ReportSession
}
/** "Sửa" was pressed: waiting for the number of the item to edit. */
export interface EditPickState extends StepBase {
  step: 'edit_pick'
  session: ReportSession
}

/** The whole dialog state of one contact, stored as JSON in `conversations`: one shape per step. */
export type ConversationState = IdleState | ChooseUnitState | OpeningState | ItemState | ReviewState | EditPickState
/** Every step that works on a report. */
export type SessionState = OpeningState | ItemState | ReviewState | EditPickState

/** The state of someone who has not started anything yet. */
export const IDLE: IdleState = { version: DIALOG_VERSION, step: 'idle', token: 0 }

/** Back to idle, moving the token on so buttons of the old question go stale. */
export function idleAfter(state: ConversationState): IdleState {
  return { version: DIALOG_VERSION, step: 'idle', token: state.token + 1 }
}
