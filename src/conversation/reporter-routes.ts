import { markAway } from './commands/away.js'
import { progressReply } from './commands/progress.js'
import { lockedResult, startReport, stillOpen, submitReport } from './commands/report.js'
import { snooze, SNOOZE_WORDS } from './commands/snooze.js'
import { matchChoice } from './choice-words.js'
import { enrolWithCode } from './enrolment.js'
import { looksLikeInviteCode } from './invite-codes.js'
import { joinUnitNames, msg } from './messages.js'
import { REMINDER_REPORT, REMINDER_SNOOZE } from './reminder-choices.js'
import { numberedChoices, renderCurrent } from './render.js'
import { idleAfter } from './state.js'
import { handleChooseUnit } from './steps/choose-unit.js'
import { handleItem } from './steps/item.js'
import { handleOpening } from './steps/opening.js'
import { handleReview } from './steps/review.js'
import type { Route, ReporterTurn, StepResult } from './turn.js'

const REPORT_WORDS = new Set(['bao cao', 'tiep tuc', 'bat dau', 'bao cao ngay'])
/** Pictographs, skin tones, joiners and variation selectors only: no letter or digit to read. */
const EMOJI_ONLY = /^(?:\p{Extended_Pictographic}|\p{Emoji_Modifier}|\p{Regional_Indicator}|\u200d|\ufe0f|\s)+$/u

type ReporterRoute = Route<ReporterTurn, StepResult>

const active = (t: ReporterTurn) => t.state.step !== 'idle'
/** Say `prefix` and show the current question again (or just say it when nothing is on screen). */
const again = (t: ReporterTurn, prefix?: string): StepResult => ({ state: t.state, replies: [active(t) ? renderCurrent(t.state, prefix) : { text: prefix ?? msg.notUnderstood }] })

/** Slash commands a reporter may use, whatever the conversation is doing. */
const COMMANDS: Record<string, (t: ReporterTurn) => Promise<StepResult> | StepResult> = {
  start: (t) => ({ state: t.state, replies: [{ text: msg.enrolledAgain(joinUnitNames(t.reporters.flatMap((r) => r.unitName ?? []))) }] }),
  baocao: startReport,
  huy: (t) => (active(t) ? { state: idleAfter(t.state), replies: [{ text: msg.cancelled }] } : { state: t.state, replies: [{ text: msg.nothingToCancel }] }),
  huongdan: (t) => ({ state: t.state, replies: [{ text: msg.help }, ...(active(t) ? [renderCurrent(t.state)] : [])] }),
  help: (t) => COMMANDS.huongdan!(t),
  tiendo: async (t) => ({ state: t.state, replies: [await progressReply(t), ...(active(t) ? [renderCurrent(t.state)] : [])] }),
}

/**
 * What a reporter's input means, in order: the first route that answers
 * handles it. Media, reminder buttons, stale buttons and empty texts first;
 * then commands and phrases that work at any time; then the step on screen.
 */
export const REPORTER_ROUTES: readonly ReporterRoute[] = [
  { name: 'media', run: (t) => (t.input.media ? again(t, msg.onlyText) : undefined) },
  { name: 'reminder-report', run: (t) => (t.input.choice?.id === REMINDER_REPORT ? startReport(t) : undefined) },
  { name: 'reminder-snooze', run: (t) => (t.input.choice?.id === REMINDER_SNOOZE ? snooze(t) : undefined) },
  { name: 'stale-button', run: (t) => (t.input.choice && t.input.choice.token !== t.state.token ? again(t, active(t) ? msg.staleButton : msg.notUnderstood) : undefined) },
  {
    name: 'empty-or-emoji',
    run: (t) => (t.text !== undefined && !t.input.choice && (t.text === '' || EMOJI_ONLY.test(t.text)) ? again(t, t.text === '' && active(t) ? undefined : msg.emojiOnly) : undefined),
  },
  { name: 'command', run: (t) => (t.command ? (COMMANDS[t.command.name]?.(t) ?? again(t, active(t) ? msg.commandMidQuestion : msg.notUnderstood)) : undefined) },
  { name: 'snooze-words', run: (t) => (SNOOZE_WORDS.has(t.folded) ? snooze(t) : undefined) },
  { name: 'away', run: markAway },
  { name: 'report-words', run: (t) => (!active(t) && REPORT_WORDS.has(t.folded) ? startReport(t) : undefined) },
  { name: 'code-while-idle', run: async (t) => (!active(t) && t.text && looksLikeInviteCode(t.text) ? { state: t.state, replies: await enrolWithCode(t, t.text) } : undefined) },
  { name: 'idle', run: (t) => (!active(t) ? again(t) : undefined) },
  { name: 'continue-words', run: (t) => (t.folded === 'tiep tuc' || t.folded === 'bao cao' ? again(t) : undefined) },
  { name: 'step', run: onStep },
]

/** Hand the input to the step on screen, with the choice it means (a button must be one that question offered). */
async function onStep(t: ReporterTurn): Promise<StepResult> {
  const state = t.state
  const offered = renderCurrent(state).choices ?? []
  if (t.input.choice && !offered.some((c) => c.id === t.input.choice!.id)) return again(t)
  const choiceId = t.input.choice?.id ?? (t.text !== undefined ? matchChoice(t.text, offered, numberedChoices(state)) : undefined)
  const typed = t.input.choice ? undefined : t.text
  switch (state.step) {
    case 'choose_unit':
      return handleChooseUnit(t, state, choiceId)
    case 'opening':
      return handleOpening(state, choiceId)
    case 'item': {
      if (!stillOpen(state, t.input.at)) return lockedResult(state)
      const contactId = t.reporters.find((r) => r.unitId === state.session.unitId)?.id ?? t.reporters[0]!.id
      return handleItem({ db: t.db, by: { contactId, channel: t.input.channel, at: t.input.at } }, state, choiceId, typed)
    }
    case 'review':
    case 'edit_pick': {
      const outcome = handleReview(state, choiceId, typed)
      if (!('submit' in outcome)) return outcome
      if (!stillOpen(state, t.input.at)) return lockedResult(state)
      return submitReport(t, state)
    }
    case 'idle':
      return again(t)
  }
}
