import { isAwayPhrase, readAwayUntil } from '../../domain/calendar/away-until.js'
import { instantToLocal } from '../../domain/calendar/local-time.js'
import { notifyStandingOffice } from '../../storage/standing-notices.js'
import { setUnitAway } from '../../storage/units.js'
import { msg, standingOfficeName } from '../messages.js'
import type { ReporterTurn, StepResult } from '../turn.js'

/**
 * "vắng đến 15/12": the unit is away until that day (inclusive); reminders
 * pause and the standing office is told. Not this phrase: undefined.
 */
export async function markAway(turn: ReporterTurn): Promise<StepResult | undefined> {
  if (!isAwayPhrase(turn.folded)) return undefined
  const contact = turn.reporters[0]!
  const plan = await turn.deps.plans.planModel(turn.db, contact.planId)
  const reading = readAwayUntil(turn.folded, instantToLocal(turn.input.at, plan.plan.timezone).date)
  if (reading.kind !== 'until') return { state: turn.state, replies: [{ text: msg.awayBadDate }] }
  await setUnitAway(turn.db, contact.unitId!, reading.date, `${turn.input.channel}:${contact.displayName ?? contact.id}`)
  await notifyStandingOffice(turn.db, {
    planId: contact.planId,
    text: msg.awayNotice(contact.unitName ?? '', reading.shown, contact.displayName ?? ''),
    dedupeKey: (recipient) => `away:${contact.unitId}:${reading.date}:${recipient}`,
    exceptContactId: contact.id,
    now: turn.input.at,
  })
  return { state: turn.state, replies: [{ text: msg.awaySet(contact.unitName ?? '', reading.shown, standingOfficeName(plan)) }] }
}
