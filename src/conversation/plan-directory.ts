import { planCalendar } from '../domain/calendar/calendar-preview.js'
import { workingDaysLate } from '../domain/calendar/lateness.js'
import { instantToLocal, localDateTimeToInstant } from '../domain/calendar/local-time.js'
import type { Plan } from '../domain/plan-model.js'
import { loadPlanModel } from '../storage/plan-models.js'
import { msg } from './messages.js'
import type { PlanDirectory } from './turn.js'

/**
 * The plan directory the engine and the scheduler use: plan models from the
 * database, and working days said the way the conversation says them.
 */
export function createPlanDirectory(): PlanDirectory {
  return {
    planModel: (db, planId) => loadPlanModel(db, planId),
    remainingText(plan: Plan, now: Date, due: Date) {
      const cal = planCalendar(plan)
      if (now >= due) return msg.overdueBy(workingDaysLate(cal, due, now))
      const today = instantToLocal(now, cal.timezone).date
      const dueDay = instantToLocal(due, cal.timezone).date
      return msg.remainingWorkingDays(cal.workingDaysBetween(today, dueDay))
    },
    nextWorkingMorning(plan: Plan, now: Date) {
      const cal = planCalendar(plan)
      const today = instantToLocal(now, cal.timezone).date
      return localDateTimeToInstant(cal.addWorkingDays(today, 1), plan.reminders.at, cal.timezone)
    },
  }
}
