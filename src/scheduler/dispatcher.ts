import type { Kysely } from 'kysely'
import type { Logger } from '../logger.js'
import type { Channel, Database } from '../storage/database.js'
import { markContactUnreachable } from '../storage/contacts.js'
import { claimDue, markAttemptFailed, markSent, reclaimStuck, type ClaimedMessage } from '../storage/outbox.js'
import type { Pacer } from './pacer.js'
import { backoffMs, SendFailure } from './send-failure.js'

/** How one platform delivers an outbox row; throws SendFailure when it cannot. */
export interface ChannelSender {
  channel: Channel
  pacer: Pacer
  isGroup(chatId: string): boolean
  send(message: ClaimedMessage): Promise<void>
}

/** A row stuck in `sending` this long is taken to belong to a crashed worker. */
export const STUCK_AFTER_MS = 5 * 60_000

/**
 * The outbox dispatcher: claims due rows per channel (FOR UPDATE SKIP LOCKED,
 * so several instances share the work), sends them at the platform's pace,
 * records every attempt, retries with backoff and jitter, and gives up after
 * the row's attempt limit.
 */
export function createDispatcher(deps: {
  db: Kysely<Database>
  senders: ChannelSender[]
  log: Logger
  now: () => Date
  worker: string
  batchSize?: number
  /** After how long a row in flight counts as abandoned by a crashed worker (default 5 min). */
  stuckAfterMs?: number
  onBlocked?: (message: ClaimedMessage, failure: SendFailure) => Promise<void>
}) {
  const batch = deps.batchSize ?? 120
  let timer: NodeJS.Timeout | undefined
  let running: Promise<unknown> = Promise.resolve()
  let stopped = false

  /** One pass over every channel; returns how many rows were attempted. */
  async function runOnce(): Promise<number> {
    await reclaimStuck(deps.db, new Date(deps.now().getTime() - (deps.stuckAfterMs ?? STUCK_AFTER_MS)))
    const counts = await Promise.all(deps.senders.map((s) => drain(s)))
    return counts.reduce((a, b) => a + b, 0)
  }

  async function drain(sender: ChannelSender): Promise<number> {
    const rows = await claimDue(deps.db, sender.channel, deps.worker, deps.now(), batch)
    await Promise.all(
      rows.map(async (row) => {
        const at = sender.pacer.reserve(row.chatId, sender.isGroup(row.chatId), deps.now().getTime())
        const wait = at - deps.now().getTime()
        if (wait > 0) await sleep(wait)
        await sender.pacer.admit(() => Date.now())
        await deliver(sender, row)
      }),
    )
    return rows.length
  }

  async function deliver(sender: ChannelSender, row: ClaimedMessage): Promise<void> {
    try {
      await sender.send(row)
      await markSent(deps.db, row.id, deps.now())
    } catch (err) {
      const failure = err instanceof SendFailure ? err : new SendFailure('retry', 'send', null, err instanceof Error ? err.message : String(err))
      const now = deps.now()
      if (failure.kind === 'blocked') {
        await markAttemptFailed(deps.db, row.id, now, { code: failure.code, message: failure.message }, null)
        if (row.contactId !== null) await markContactUnreachable(deps.db, row.contactId, failure.message)
        await deps.onBlocked?.(row, failure)
        deps.log.warn({ outbox: row.id, chat: row.chatId, channel: row.channel }, 'recipient blocked the bot; contact marked unreachable')
        return
      }
      if (failure.kind === 'retry' && failure.retryAfterSeconds) sender.pacer.backOff(now.getTime() + failure.retryAfterSeconds * 1000)
      const retryAt =
        failure.kind === 'retry' && row.attempts < row.maxAttempts
          ? new Date(now.getTime() + Math.max((failure.retryAfterSeconds ?? 0) * 1000, backoffMs(row.attempts)))
          : null
      await markAttemptFailed(deps.db, row.id, now, { code: failure.code, message: failure.message }, retryAt)
      if (!retryAt) deps.log.error({ outbox: row.id, chat: row.chatId, channel: row.channel, attempts: row.attempts, error: failure.message }, 'outbox message given up')
    }
  }

  return {
    runOnce,
    /** Poll every `intervalMs` until stopped. */
    start(intervalMs = 1000) {
      const tick = () => {
        if (stopped) return
        let attempted = 0
        running = runOnce()
          .then((n) => {
            attempted = n
          })
          .catch((err: unknown) => deps.log.error({ err }, 'dispatcher pass failed'))
          .finally(() => {
            // A full batch means a broadcast is under way: claim the next one at once so the pace has no gaps.
            if (!stopped) timer = setTimeout(tick, attempted >= batch ? 0 : intervalMs)
          })
      }
      tick()
    },
    async stop() {
      stopped = true
      if (timer) clearTimeout(timer)
      await running
    },
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}
