import { codeAsSpelled } from '../../domain/text-fold.js'
import { parseArgs } from 'node:util'
import type { Config } from '../../config.js'
import { planCalendar } from '../../domain/calendar/calendar-preview.js'
import { formatDeadline, formatTimeAndDate } from '../../domain/calendar/local-time.js'
import type { Plan } from '../../domain/plan-model.js'
import { planAdhocRequest, type AdhocProblem } from '../../domain/reporting/adhoc-requests.js'
import { ALL_UNITS, periodReporters } from '../../domain/unit-refs.js'
import { cancelAdhocRequest, insertAdhocRequest, listAdhocRequests } from '../../storage/adhoc-requests.js'
import { recordAudit } from '../../storage/audit.js'
import { cliActor } from '../cli-actor.js'
import { CliError } from '../cli-error.js'
import type { CommandIo } from '../command-io.js'
import { choosePlan, openForCommand } from '../open-database.js'
import { op } from '../operator-messages.js'

/** `request list` shows requests still taking reports and those closed or cancelled within this many days. */
const RECENT_DAYS = 30

/**
 * `dondoc request open|list|cancel`: ad-hoc requests ("báo cáo đột xuất
 * theo yêu cầu") on a schedule with `period: adhoc`. An opened request is
 * a period like any other (reminders, chat, digests, status, export);
 * cancelling stops its reminders and hides it, keeping answers given.
 */
export async function requestCommand(args: string[], config: Config, io: CommandIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { plan: { type: 'string' }, due: { type: 'string' }, units: { type: 'string' }, title: { type: 'string' } },
  })
  const [sub, arg, ...extra] = positionals
  const usable = (sub === 'open' && arg && values.due !== undefined) || sub === 'list' || (sub === 'cancel' && arg)
  if (!usable || extra.length) throw new CliError(op.requestUsage, 2)
  const handle = await openForCommand(config)
  try {
    const plan = await choosePlan(handle, values.plan)
    const now = io.now()
    const tz = plan.timezone
    if (sub === 'open') {
      const units = values.units === undefined ? undefined : values.units.split(/[\s,;]+/).filter(Boolean).map((ref) => planSpelling(plan.model, ref))
      const planned = planAdhocRequest(plan.model, planCalendar(plan.model), { schedule: arg!, due: values.due!, ...(units ? { units } : {}), ...(values.title !== undefined ? { title: values.title } : {}) }, now)
      if (!planned.ok) throw new CliError(problemText(planned.problem))
      const r = planned.request
      // Who opened it, as the periods table and "Nhật ký" name command-line users ("CLI:<OS user>").
      const by = cliActor()
      const opened = await handle.db.transaction().execute(async (trx) => {
        const stored = await insertAdhocRequest(trx, plan.id, r, by, now)
        const detail = { by, request: stored.id, schedule: r.scheduleCode, title: r.title, due: r.dueDate, units: r.units ?? ALL_UNITS }
        await recordAudit(trx, { planId: plan.id, operatorId: null, action: 'adhoc_request_opened', detail, at: now })
        return stored
      })
      const asked = periodReporters(plan.model, { scheduleCode: r.scheduleCode, units: r.units }).length
      io.out(op.requestOpened(opened.id, r.label, formatDeadline(r.dueAt, tz), asked, plan.code))
      return 0
    }
    if (sub === 'list') {
      const rows = await listAdhocRequests(handle.db, plan.id, new Date(now.getTime() - RECENT_DAYS * 86_400_000))
      for (const r of rows) {
        const state = r.cancelledAt ? 'cancelled' : r.closesAt <= now ? 'closed' : 'open'
        io.out(op.requestLine({ id: r.id, schedule: r.scheduleCode, title: r.label, due: formatDeadline(r.dueAt, tz), units: r.units ? r.units.join(', ') : op.requestAllUnits, state: op.requestStates[state] }))
      }
      io.out(op.requestsTotal(rows.length, plan.code))
      return 0
    }
    const id = Number(arg)
    if (!Number.isInteger(id) || id <= 0) throw new CliError(op.noSuchRequest(arg!, plan.code))
    const result = await handle.db.transaction().execute(async (trx) => {
      const found = await cancelAdhocRequest(trx, plan.id, id, now)
      if (found && !found.cancelledAt) {
        await recordAudit(trx, { planId: plan.id, operatorId: null, action: 'adhoc_request_cancelled', detail: { by: cliActor(), request: id, schedule: found.scheduleCode, title: found.title }, at: now })
      }
      return found
    })
    if (!result) throw new CliError(op.noSuchRequest(arg!, plan.code))
    io.out(result.cancelledAt ? op.requestAlreadyCancelled(id, formatTimeAndDate(result.cancelledAt, tz)) : op.requestCancelled(id, result.label))
    return 0
  } finally {
    await handle.close()
  }
}

/** The plan's spelling of a unit or group code typed in any case (`thon-01` → `THON-01`); unknown ones pass as typed for the domain to refuse. */
function planSpelling(plan: Plan, typed: string): string {
  if (typed.toLowerCase() === ALL_UNITS) return ALL_UNITS
  return codeAsSpelled([...plan.units.map((u) => u.code), ...plan.groups.map((g) => g.code)], typed) ?? typed
}

/** The operator's sentence for a refused request: the catalogue has one per kind of problem. */
function problemText(p: AdhocProblem): string {
  return (op.requestProblem[p.kind] as (problem: AdhocProblem) => string)(p)
}
