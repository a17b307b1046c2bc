import { formatTimeAndDate } from '../../domain/calendar/local-time.js'
import { submittedAtOf } from '../../storage/answers.js'
import { msg } from '../messages.js'
import type { Reply } from '../types.js'
import { uniqueUnits, type ReporterTurn } from '../turn.js'
import { sessionFor } from './report.js'

/** `/tiendo`: where each of the person's units stands on its current report. */
export async function progressReply(turn: ReporterTurn): Promise<Reply> {
  const lines: string[] = []
  for (const contact of uniqueUnits(turn.reporters)) {
    const session = await sessionFor(turn.db, turn.deps, contact, turn.input.at)
    if (!session) {
      lines.push(msg.progressNone(contact.unitName ?? ''))
      continue
    }
    const done = Object.keys(session.answers).length
    const submittedAt = session.submitted ? await submittedAtOf(turn.db, session.submissionId) : null
    const status = submittedAt
      ? msg.progressSubmitted(formatTimeAndDate(submittedAt, session.timezone))
      : `${done ? msg.progressDraft(done, session.items.length) : msg.progressNotStarted}, ${session.remainingText}`
    lines.push(`${contact.unitName}:`, msg.progressLine({ label: session.label, deadline: session.deadlineText, status }))
  }
  return { text: lines.join('\n') }
}
