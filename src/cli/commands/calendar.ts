import { codeAsSpelled } from '../../domain/text-fold.js'
import { parseArgs } from 'node:util'
import type { Config } from '../../config.js'
import { buildCalendarPreview, planCalendar, renderCalendarText } from '../../domain/calendar/calendar-preview.js'
import { LATE_WORKING_DAYS } from '../../domain/calendar/periods.js'
import { addDays, instantToLocal } from '../../domain/calendar/local-time.js'
import type { Plan } from '../../domain/plan-model.js'
import type { Period } from '../../domain/calendar/periods.js'
import { CliError } from '../cli-error.js'
import type { CommandIo } from '../command-io.js'
import { loadPlanFile } from '../plan-source.js'
import { op } from '../operator-messages.js'

const DATE = /^\d{4}-\d{2}-\d{2}$/

/**
 * `dondoc calendar [--plan FILE|CODE] [--from D] [--to D] [--unit CODE] [--json]`:
 * what the bot will do, from a plan file or the database (with its open
 * ad-hoc requests). Defaults: from
 * the oldest deadline whose report is still taken late (an overdue report
 * is never hidden) to a year ahead.
 */
export async function calendarCommand(args: string[], config: Config, io: CommandIo): Promise<number> {
  const { values } = parseArgs({ args, options: { plan: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' }, unit: { type: 'string' }, json: { type: 'boolean' } } })
  for (const [name, v] of [['--from', values.from], ['--to', values.to]] as const) {
    if (v !== undefined && !DATE.test(v)) throw new CliError(op.badDate(name, v), 2)
  }
  const { plan, extras } = await resolvePlan(values.plan, config)
  const today = instantToLocal(io.now(), plan.plan.timezone).date
  const from = values.from ?? planCalendar(plan).addWorkingDays(today, -LATE_WORKING_DAYS)
  const to = values.to ?? addDays(from, 365)
  if (to < from) throw new CliError(op.toBeforeFrom(to, from), 2)
  const unit = values.unit === undefined ? undefined : unitCodeIn(plan, values.unit)
  const preview = buildCalendarPreview(plan, { from, to, ...extras, ...(unit ? { unit } : {}) })
  io.out(values.json ? JSON.stringify(preview, null, 2) : renderCalendarText(preview, plan.plan.timezone))
  return 0
}

/** The plan's spelling of a unit code typed in any case (`thon-01` → `THON-01`). */
function unitCodeIn(plan: Plan, typed: string): string {
  const code = codeAsSpelled(plan.units.map((u) => u.code), typed)
  if (!code) throw new CliError(op.unknownUnit(plan.plan.code, typed))
  return code
}

/** The plan, and from the database its ad-hoc requests and when tracking started (a plan file has neither). */
async function resolvePlan(ref: string | undefined, config: Config): Promise<{ plan: Plan; extras: { adhoc: Period[]; trackingFrom?: Date } }> {
  if (ref && (ref.endsWith('.yaml') || ref.endsWith('.yml') || ref.includes('/'))) return { plan: loadPlanFile(ref).plan, extras: { adhoc: [] } }
  // Only here: a plan file needs no database, so its drivers stay unloaded.
  const { choosePlan, openForCommand } = await import('../open-database.js')
  const { calendarExtras } = await import('../../storage/periods.js')
  const handle = await openForCommand(config)
  try {
    const row = await choosePlan(handle, ref)
    return { plan: row.model, extras: await calendarExtras(handle.db, row.id, row.model) }
  } finally {
    await handle.close()
  }
}
