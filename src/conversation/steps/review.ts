import { foldVietnamese } from '../../domain/text-fold.js'
import { msg } from '../messages.js'
import { C, renderCurrent } from '../render.js'
import type { EditPickState, ReviewState } from '../state.js'
import type { StepResult } from '../turn.js'
import { moveTo } from './item.js'

/** What the review screen decided: a next step, or "submit now" (the report command submits). */
export type ReviewOutcome = StepResult | { submit: true }

/** The `review` and `edit_pick` steps: submit (a button or the word "gửi"), or jump to an item ("sửa 3", "3"). */
export function handleReview(state: ReviewState | EditPickState, choiceId: string | undefined, text: string | undefined): ReviewOutcome {
  const s = state.session
  if (choiceId === C.submit) return { submit: true }
  const edit = text !== undefined ? /^(?:sua|edit)\s*(\d+)$/i.exec(foldVietnamese(text)) : null
  if (edit) return jumpForEdit(state, Number(edit[1]))
  if (choiceId === C.edit) {
    const next: EditPickState = { ...state, step: 'edit_pick', token: state.token + 1 }
    return { state: next, replies: [renderCurrent(next)] }
  }
  // A bare number is an item's number, on the review as after "Sửa": it never submits.
  if (text !== undefined && /^\d+$/.test(text.trim())) return jumpForEdit(state, Number(text.trim()))
  if (state.step === 'edit_pick') return { state, replies: [renderCurrent(state, msg.editOutOfRange(s.items.length))] }
  return { state, replies: [renderCurrent(state)] }
}

function jumpForEdit(state: ReviewState | EditPickState, n: number): StepResult {
  const s = state.session
  if (n < 1 || n > s.items.length) return { state, replies: [renderCurrent(state, msg.editOutOfRange(s.items.length))] }
  return moveTo(state, n - 1, undefined, true)
}
