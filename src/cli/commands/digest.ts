import { parseArgs } from 'node:util'
import type { Config } from '../../config.js'
import { formatDeadline } from '../../domain/calendar/local-time.js'
import { digestFor } from '../../reports/digest.js'
import { listLeaderDestinations } from '../../storage/leaders.js'
import { enqueueMessage } from '../../storage/outbox.js'
import { CliError } from '../cli-error.js'
import { syncPlanPeriods } from '../../scheduler/period-sync.js'
import type { CommandIo } from '../command-io.js'
import { choosePlan, openForCommand } from '../open-database.js'
import { noRequestMessage } from '../no-request.js'
import { op } from '../operator-messages.js'

/**
 * `dondoc digest [--period WORDS] [--send]`: the leaders' digest for the
 * request that matters now or the one named (the summary once the deadline
 * passed, the progress digest before), printed, or queued to every leaders'
 * destination with --send.
 */
export async function digestCommand(args: string[], config: Config, io: CommandIo): Promise<number> {
  const { values } = parseArgs({ args, options: { period: { type: 'string' }, plan: { type: 'string' }, send: { type: 'boolean' } } })
  const handle = await openForCommand(config)
  try {
    const row = await choosePlan(handle, values.plan)
    await syncPlanPeriods(handle.db, row.id, row.model, io.now())
    const now = io.now()
    const view = await digestFor(handle.db, row.id, row.model, values.period, now)
    if (!view.ok) throw new CliError(noRequestMessage(values.period, row, view.choices, now))
    const parts = view.texts
    if (!values.send) {
      io.out(op.showingPeriod(view.request.label, view.request.key, formatDeadline(view.request.dueAt, row.timezone), view.history))
      io.out(parts.join('\n\n'))
      return 0
    }
    const destinations = await listLeaderDestinations(handle.db, row.id)
    if (!destinations.length) throw new CliError(op.noLeaderDestination)
    const stamp = now.toISOString()
    for (const d of destinations) {
      for (const [i, text] of parts.entries()) {
        await enqueueMessage(handle.db, { planId: row.id, dedupeKey: `digest:manual:${stamp}:${d.id}:${i}`, kind: 'digest', channel: d.channel, chatId: d.chat_id, contactId: d.contact_id, payload: { text }, runAfter: new Date(now.getTime() + i), now })
      }
    }
    io.out(op.digestQueued(parts.length, destinations.length))
    return 0
  } finally {
    await handle.close()
  }
}
