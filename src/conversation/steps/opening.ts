import { renderCurrent } from '../render.js'
import { DIALOG_VERSION, idleAfter, type OpeningState, type SessionState } from '../state.js'
import { C } from '../render.js'
import { msg } from '../messages.js'
import type { StepResult } from '../turn.js'

/** The `opening` step: "Báo cáo ngay" goes to the first unanswered item (or the review), "Để sau" ends politely. */
export function handleOpening(state: OpeningState, choiceId: string | undefined): StepResult {
  if (choiceId === C.later) return { state: idleAfter(state), replies: [{ text: msg.later }] }
  if (choiceId !== C.go) return { state, replies: [renderCurrent(state)] }
  const s = state.session
  const next: SessionState =
    s.cursor >= s.items.length
      ? { version: DIALOG_VERSION, step: 'review', token: state.token + 1, session: s }
      : { version: DIALOG_VERSION, step: 'item', token: state.token + 1, session: s, item: { phase: 'answer' } }
  return { state: next, replies: [renderCurrent(next)] }
}
