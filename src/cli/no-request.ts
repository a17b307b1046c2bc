import { nextPeriodDue } from '../domain/calendar/calendar-preview.js'
import { formatDeadline, formatInstantDate } from '../domain/calendar/local-time.js'
import type { Plan } from '../domain/plan-model.js'
import type { PlanRequest } from '../reports/period-request.js'
import { op } from './operator-messages.js'

/**
 * Why status, digest or export shows no request, in one line: the words
 * matched none (with the ones to choose), or nothing is tracked yet: then
 * the next request from the plan's calendar and the earlier ones that can
 * still be named (a plan imported after a deadline has only those).
 */
export function noRequestMessage(words: string | undefined, plan: { code: string; model: Plan; timezone: string }, choices: readonly PlanRequest[], now: Date): string {
  if (words?.trim()) return op.noSuchPeriod(words, plan.code, choices)
  const next = nextPeriodDue(plan.model, now)
  if (!next && !choices.length) return op.noPeriodsYet(plan.code)
  const upcoming = next && { label: next.label, deadline: formatDeadline(next.dueAt, plan.timezone), opens: formatInstantDate(next.opensAt, plan.timezone) }
  return op.noTrackedPeriod(plan.code, upcoming, choices)
}
