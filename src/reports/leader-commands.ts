import { workingDaysLate } from '../domain/calendar/lateness.js'
import { formatAnswer } from '../domain/answer-rules.js'
import { formatDate, formatDeadline, instantToLocal, weekday } from '../domain/calendar/local-time.js'
import { nextSendingInstant } from '../domain/calendar/reminder-plan.js'
import { planCalendar } from '../domain/calendar/calendar-preview.js'
import { isOutstanding, unitRequestState } from '../domain/reporting/unit-state.js'
import type { Db } from '../storage/database.js'
import { enqueueMessage } from '../storage/outbox.js'
import { loadPlanModel } from '../storage/plan-models.js'
import { remindableContacts } from '../storage/reminder-queries.js'
import { indicatorHistory } from '../storage/report-reads.js'
import type { LeaderCommands } from '../conversation/turn.js'
import { exportToChat, type FileBuilder } from './chat-export.js'
import { digestFor } from './digest.js'
import { leaderMsg } from './messages.js'
import { openRequests } from './period-request.js'
import { readExpectedUnits } from './period-summary.js'

/**
 * The leaders' commands as the engine calls them: `/xuatbaocao [kỳ]` sends
 * the report as files (built by `buildFiles` when the composition root has
 * one); every other command answers text from `runLeaderCommand`.
 */
export function createLeaderCommands(opts: { buildFiles?: FileBuilder } = {}): LeaderCommands {
  return async (db, planId, command, arg, now, channel) => {
    if (command === 'xuatbaocao') return exportToChat(db, planId, await loadPlanModel(db, planId), arg, now, channel, opts.buildFiles)
    return (await runLeaderCommand(db, planId, command, arg, now))?.map((text) => ({ text }))
  }
}

/** Leader commands answer at most this many lines of names. */
const MAX_LINES = 40

/**
 * What leaders can ask the bot in their group or privately: `/tonghop [kỳ]`
 * the period summary now, `/chuanop` who has not reported, `/chitieu CODE`
 * one indicator across units and periods, `/nhac [đơn vị]` remind now.
 * Returns the texts to answer, or undefined for a command it does not know.
 */
export async function runLeaderCommand(db: Db, planId: number, command: string, arg: string | undefined, now: Date): Promise<string[] | undefined> {
  const plan = await loadPlanModel(db, planId)
  const tz = plan.plan.timezone
  const cal = planCalendar(plan)
  switch (command) {
    case 'tonghop': {
      const view = await digestFor(db, planId, plan, arg, now, 'summary')
      if (!view.ok) return [leaderMsg.noSuchPeriod(arg, view.choices.map((c) => c.label))]
      const [first, ...rest] = view.texts
      return [`${first}\n${leaderMsg.showing(view.request.label)}`, ...rest]
    }
    case 'chuanop': {
      const open = await openRequests(db, planId, plan, now)
      if (!open.length) return [leaderMsg.noOpenPeriod]
      const lines: string[] = []
      for (const r of open) {
        const units = await readExpectedUnits(db, planId, plan, r)
        const missing = units.filter((u) => isOutstanding(unitRequestState(u.periods, r.dueAt)))
        lines.push(leaderMsg.missingHead(r.label, formatDeadline(r.dueAt, tz), missing.length, units.length))
        // Working days late, counting the deadline day as the first: past the escalation threshold the unit is flagged.
        const late = workingDaysLate(cal, r.dueAt, now)
        const escalated = late > plan.reminders.escalateAfterWorkingDays
        for (const u of missing.slice(0, MAX_LINES)) {
          const state = unitRequestState(u.periods, r.dueAt)
          const notes = [state.kind === 'drafting' ? leaderMsg.entering(state.answered) : '', escalated ? leaderMsg.lateWorkingDays(late) : '']
            .filter(Boolean)
            .join(', ')
          lines.push(leaderMsg.missingUnit(u.unitName, notes))
        }
        if (missing.length > MAX_LINES) lines.push(leaderMsg.moreUnits(missing.length - MAX_LINES))
      }
      return [lines.join('\n')]
    }
    case 'chitieu': {
      const code = arg?.trim().toUpperCase()
      const ind = plan.indicators.find((i) => i.code.toUpperCase() === code)
      if (!ind) return [leaderMsg.noSuchIndicator(arg ?? '')]
      const rows = await indicatorHistory(db, planId, ind.code, 60)
      const targets = Object.entries(ind.targets).map(([y, t]) => `${y}: ${t}`).join('; ')
      const lines = [leaderMsg.indicatorHead(ind.code, ind.name), leaderMsg.indicatorTargets(targets)]
      if (!rows.length) lines.push(leaderMsg.noData)
      let label = ''
      for (const r of rows) {
        if (r.label !== label) lines.push(leaderMsg.periodHeading((label = r.label)))
        lines.push(leaderMsg.historyLine(r.unitName, formatAnswer(r.value, ind.type, ind.unit), r.note))
      }
      return [lines.join('\n')]
    }
    case 'nhac': {
      const open = (await openRequests(db, planId, plan, now)).filter((r) => r.opensAt <= now)
      const wanted = arg?.trim().toUpperCase()
      const contacts = await remindableContacts(db, planId, now)
      // One message per contact listing everything the unit still owes, each request once.
      const owed = new Map<number, { unitName: string; items: string[] }>()
      for (const r of open) {
        const units = await readExpectedUnits(db, planId, plan, r)
        for (const u of units) {
          if (wanted && u.unitCode.toUpperCase() !== wanted) continue
          if (!isOutstanding(unitRequestState(u.periods, r.dueAt))) continue
          const entry = owed.get(u.unitId) ?? { unitName: u.unitName, items: [] }
          entry.items.push(leaderMsg.owedItem(r.label, formatDeadline(r.dueAt, tz)))
          owed.set(u.unitId, entry)
        }
      }
      let queued = 0
      const hour = now.toISOString().slice(0, 13)
      // Never in quiet hours or on a day off: a /nhac at 00:10 goes out at the next working morning.
      const runAfter = nextSendingInstant(now, plan.reminders, cal)
      for (const [unitId, entry] of owed) {
        for (const c of contacts.filter((c) => c.unitId === unitId)) {
          // One manual reminder per contact and hour: a leader repeating /nhac changes nothing.
          const added = await enqueueMessage(db, {
            planId,
            dedupeKey: `nudge:${c.id}:${hour}`,
            kind: 'reminder',
            channel: c.channel,
            chatId: c.chatId,
            contactId: c.id,
            payload: { text: leaderMsg.leaderNudge(entry.unitName, entry.items.join('; ')) },
            runAfter,
            now,
          })
          if (added) queued++
        }
      }
      if (!queued) return [leaderMsg.noNewNudges]
      if (runAfter.getTime() === now.getTime()) return [leaderMsg.nudgesQueued(queued)]
      const local = instantToLocal(runAfter, tz)
      return [leaderMsg.nudgesQueuedFor(queued, local.time, weekday(local.date), formatDate(local.date))]
    }
    default:
      return undefined
  }
}
