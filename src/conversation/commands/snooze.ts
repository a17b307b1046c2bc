import { formatTimeAndDate } from '../../domain/calendar/local-time.js'
import { snoozeContact } from '../../storage/reminder-queries.js'
import { msg } from '../messages.js'
import type { ReporterTurn, StepResult } from '../turn.js'

/** Words that mean "remind me tomorrow", folded. */
export const SNOOZE_WORDS = new Set(['nhac lai ngay mai', 'nhac lai sau', 'de mai'])

/** "Nhắc lại ngày mai": no reminders to this person until the next working morning. */
export async function snooze(turn: ReporterTurn): Promise<StepResult> {
  const plan = await turn.deps.plans.planModel(turn.db, turn.reporters[0]!.planId)
  const until = turn.deps.plans.nextWorkingMorning(plan, turn.input.at)
  for (const r of turn.reporters) await snoozeContact(turn.db, r.id, until)
  return { state: turn.state, replies: [{ text: msg.snoozed(formatTimeAndDate(until, plan.plan.timezone)) }] }
}
