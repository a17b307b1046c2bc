import { buildCalendarPreview, planCalendar, renderCalendarText } from '../../domain/calendar/calendar-preview.js'
import { addDays, instantToLocal } from '../../domain/calendar/local-time.js'
import { LATE_WORKING_DAYS } from '../../domain/calendar/periods.js'
import { calendarExtras } from '../../storage/periods.js'
import type { PageContext } from '../context.js'
import { html, type Html } from '../html.js'
import { layout } from '../layout.js'
import { wm } from '../messages.js'

/**
 * Lịch: the plan's next year of periods, reminders, digests and holidays,
 * exactly as `dondoc calendar` prints it (the domain builds and words it),
 * with the stored ad-hoc requests and history marked as the CLI does.
 */
export async function calendarPage(ctx: PageContext): Promise<Html> {
  const plan = ctx.plan.model
  const today = instantToLocal(ctx.now, plan.plan.timezone).date
  const from = planCalendar(plan).addWorkingDays(today, -LATE_WORKING_DAYS)
  const preview = buildCalendarPreview(plan, { from, to: addDays(from, 365), ...(await calendarExtras(ctx.db, ctx.plan.id, plan)) })
  return layout(wm.nav.calendar, html`<pre class="digest" id="calendar">${renderCalendarText(preview, plan.plan.timezone)}</pre>`, ctx.viewer, '/lich')
}
