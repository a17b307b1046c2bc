import { parseArgs } from 'node:util'
import type { Config } from '../../config.js'
import { formatDeadline, formatTimeAndDate } from '../../domain/calendar/local-time.js'
import { completeness, unitRequestState } from '../../domain/reporting/unit-state.js'
import { pickRequest } from '../../reports/period-request.js'
import { readExpectedUnits } from '../../reports/period-summary.js'
import { CliError } from '../cli-error.js'
import { syncPlanPeriods } from '../../scheduler/period-sync.js'
import type { CommandIo } from '../command-io.js'
import { choosePlan, openForCommand } from '../open-database.js'
import { noRequestMessage } from '../no-request.js'
import { op } from '../operator-messages.js'

/**
 * `dondoc status [--period WORDS] [--plan CODE]`: who has reported, unit by
 * unit, for the request that matters now or the one named ("quý 3/2026").
 */
export async function statusCommand(args: string[], config: Config, io: CommandIo): Promise<number> {
  const { values } = parseArgs({ args, options: { period: { type: 'string' }, plan: { type: 'string' } } })
  const handle = await openForCommand(config)
  try {
    const row = await choosePlan(handle, values.plan)
    const now = io.now()
    await syncPlanPeriods(handle.db, row.id, row.model, now)
    const pick = await pickRequest(handle.db, row.id, row.model, values.period, now)
    if (!pick.ok) throw new CliError(noRequestMessage(values.period, row, pick.choices, now))
    const r = pick.request
    const tz = row.timezone
    const units = await readExpectedUnits(handle.db, row.id, row.model, r)
    io.out(op.showingPeriod(r.label, r.key, formatDeadline(r.dueAt, tz), pick.history))
    const width = Math.max(0, ...units.map((u) => u.unitCode.length))
    const states = units.map((u) => unitRequestState(u.periods, r.dueAt))
    units.forEach((u, i) => {
      const s = states[i]!
      const text =
        s.kind === 'on_time' || s.kind === 'late' ? op.unitState[s.kind](formatTimeAndDate(s.submittedAt, tz)) : s.kind === 'drafting' ? op.unitState.drafting(s.answered) : op.unitState.not_started
      io.out(`${u.unitCode.padEnd(width)}  ${text}  ${u.unitName}${u.awayUntil ? `  ${op.awayUntil(u.awayUntil)}` : ''}`)
    })
    io.out(op.statusTotals(completeness(states)))
    return 0
  } finally {
    await handle.close()
  }
}
