import type { Kysely } from 'kysely'
import type { Reply } from '../conversation/types.js'
import type { ChannelSender, OutboundMessage, SendFailureInfo } from '../delivery/outbound.js'
import type { Logger } from '../logger.js'
import type { Database } from '../storage/database.js'
import { markContactUnreachable } from '../storage/contacts.js'
import { claimDue, markAttemptFailed, markSent, reclaimStuck, releaseClaim, type ClaimedMessage } from '../storage/outbox.js'
import { Pacer } from './pacer.js'
import { backoffMs } from './backoff.js'

/** How long a row put back by a paused channel waits before it is tried again. */
export const PAUSED_RETRY_MS = 30_000

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
  onBlocked?: (message: OutboundMessage, failure: SendFailureInfo) => Promise<void>
}) {
  const batch = deps.batchSize ?? 120
  // The dispatcher owns pacing: one pacer per channel, from the channel's limits.
  const lanes = deps.senders.map((sender) => ({ sender, pacer: new Pacer(sender.limits) }))
  let timer: NodeJS.Timeout | undefined
  let running: Promise<unknown> = Promise.resolve()
  let stopped = false

  /** One pass over every channel; returns how many rows were attempted. */
  async function runOnce(): Promise<number> {
    await reclaimStuck(deps.db, new Date(deps.now().getTime() - (deps.stuckAfterMs ?? STUCK_AFTER_MS)))
    const counts = await Promise.all(lanes.map((lane) => drain(lane)))
    return counts.reduce((a, b) => a + b, 0)
  }

  async function drain(lane: { sender: ChannelSender; pacer: Pacer }): Promise<number> {
    // A paused channel (its token refused) leaves its rows queued: no attempt is spent on them.
    if (lane.sender.available && !lane.sender.available()) return 0
    const rows = await claimDue(deps.db, lane.sender.channel, deps.worker, deps.now(), batch)
    await Promise.all(
      rows.map(async (row) => {
        const at = lane.pacer.reserve(row.chatId, lane.sender.isGroup(row.chatId), deps.now().getTime())
        const wait = at - deps.now().getTime()
        if (wait > 0) await sleep(wait)
        await lane.pacer.admit(() => Date.now())
        await deliver(lane, toOutbound(row))
      }),
    )
    return rows.length
  }

  async function deliver(lane: { sender: ChannelSender; pacer: Pacer }, row: OutboundMessage): Promise<void> {
    const result = await lane.sender.send(row).catch((err: unknown): SendFailureInfo & { ok: false } => ({ ok: false, kind: 'retry', method: 'send', code: null, message: err instanceof Error ? err.message : String(err) }))
    const now = deps.now()
    if (result.ok) {
      if (!(await markSent(deps.db, row.id, deps.worker, now))) lostClaim(row)
      return
    }
    const error = { code: result.code, message: `${result.method} failed (${result.code ?? 'network'}): ${result.message}` }
    if (result.kind === 'paused') {
      if (!(await releaseClaim(deps.db, row.id, deps.worker, new Date(now.getTime() + PAUSED_RETRY_MS), error.message))) lostClaim(row)
      return
    }
    if (result.kind === 'blocked') {
      if (!(await markAttemptFailed(deps.db, row.id, deps.worker, now, error, null))) return lostClaim(row)
      if (row.contactId !== null) await markContactUnreachable(deps.db, row.contactId, result.message)
      await deps.onBlocked?.(row, result)
      deps.log.warn({ outbox: row.id, chat: row.chatId, channel: row.channel }, 'recipient blocked the bot; contact marked unreachable')
      return
    }
    if (result.kind === 'retry' && result.retryAfterSeconds) lane.pacer.backOff(now.getTime() + result.retryAfterSeconds * 1000)
    const retryAt =
      result.kind === 'retry' && row.attempts < row.maxAttempts
        ? new Date(now.getTime() + Math.max((result.retryAfterSeconds ?? 0) * 1000, backoffMs(row.attempts)))
        : null
    if (!(await markAttemptFailed(deps.db, row.id, deps.worker, now, error, retryAt))) return lostClaim(row)
    if (!retryAt) deps.log.error({ outbox: row.id, chat: row.chatId, channel: row.channel, attempts: row.attempts, error: error.message }, 'outbox message given up')
  }

  /** Another worker reclaimed this row while we were slow: its outcome is theirs to record. */
  function lostClaim(row: OutboundMessage): void {
    deps.log.warn({ outbox: row.id, worker: deps.worker }, 'outbox row was reclaimed by another worker; result not recorded')
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

/** A claimed row as the channels see it. */
function toOutbound(row: ClaimedMessage): OutboundMessage {
  return { ...row, payload: row.payload as Reply }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}
