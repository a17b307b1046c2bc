import type { Kysely } from 'kysely'
import type { Reply } from '../conversation/types.js'
import type { ChannelSender, OutboundMessage, SendFailureInfo } from '../delivery/outbound.js'
import type { Logger } from '../logger.js'
import type { Database } from '../storage/database.js'
import { markContactUnreachable } from '../storage/contacts.js'
import { claimDue, markAttemptFailed, markSent, reclaimStuck, releaseClaim, type ClaimedMessage } from '../storage/outbox.js'
import { admitSend, bookSendSlot, holdSendPace, type PaceKey } from '../storage/send-pace.js'
import { Pacer } from './pacer.js'
import { backoffMs } from './backoff.js'

/** How long a row put back by a paused channel waits before it is tried again. */
export const PAUSED_RETRY_MS = 30_000

/** A row stuck in `sending` this long is taken to belong to a crashed worker. */
export const STUCK_AFTER_MS = 5 * 60_000

/**
 * The outbox dispatcher: claims due rows per channel (FOR UPDATE SKIP LOCKED,
 * so several instances share the work), sends them at the platform's pace
 * (booked per bot in the database, so several instances share the pace too),
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
  // One lane per channel: the bot-wide rate is booked in the database (shared by every instance
  // sending as that bot), the per-chat gaps are kept here.
  const lanes: Lane[] = deps.senders.map((sender) => ({ sender, pacer: new Pacer(sender.limits), key: { channel: sender.channel, botId: sender.botId ?? '' } }))
  let timer: NodeJS.Timeout | undefined
  let running: Promise<unknown> = Promise.resolve()
  const inFlight = new Set<Promise<void>>()
  let stopped = false

  /** One pass over every channel, waiting for its sends; returns how many rows were attempted. */
  async function runOnce(): Promise<number> {
    const p = await pass()
    await Promise.all(p.sends)
    return p.attempted
  }

  /**
   * Claim each channel's due rows and book their slots; the sends start as
   * their slots come and are returned, not awaited. `fullUntil` is when the
   * last slot of a full batch falls (a broadcast is under way), else null.
   */
  async function pass(): Promise<{ attempted: number; sends: Promise<void>[]; fullUntil: number | null }> {
    await reclaimStuck(deps.db, new Date(deps.now().getTime() - (deps.stuckAfterMs ?? STUCK_AFTER_MS)))
    const drained = await Promise.all(lanes.map((lane) => drain(lane)))
    const full = drained.filter((d) => d.sends.length >= batch)
    return {
      attempted: drained.reduce((n, d) => n + d.sends.length, 0),
      sends: drained.flatMap((d) => d.sends),
      fullUntil: full.length ? Math.min(...full.map((d) => d.lastSlot)) : null,
    }
  }

  async function drain(lane: Lane): Promise<{ sends: Promise<void>[]; lastSlot: number }> {
    // A paused channel (its token refused) leaves its rows queued: no attempt is spent on them.
    if (lane.sender.available && !lane.sender.available()) return { sends: [], lastSlot: Date.now() }
    const rows = await claimDue(deps.db, lane.sender.channel, deps.worker, deps.now(), batch)
    const sends: Promise<void>[] = []
    let lastSlot = Date.now()
    // Book one slot at a time: each send goes no earlier than its chat allows and than the bot's shared pace allows.
    for (const row of rows) {
      const isGroup = lane.sender.isGroup(row.chatId)
      const now = deps.now().getTime()
      const wait = await bookSendSlot(deps.db, lane.key, lane.pacer.gapMs, lane.pacer.chatReady(row.chatId, isGroup, now) - now)
      lane.pacer.book(row.chatId, isGroup, now + wait)
      lastSlot = Date.now() + wait
      sends.push(sendAt(lane, toOutbound(row), lastSlot))
    }
    return { sends, lastSlot }
  }

  async function sendAt(lane: Lane, row: OutboundMessage, at: number): Promise<void> {
    const wait = at - Date.now()
    if (wait > 0) await sleep(wait)
    // Timers fire late under load and bunch slots together: the database admits at most perSecond a second for the bot.
    for (let later = await admitSend(deps.db, lane.key, lane.sender.limits.perSecond); later > 0; later = await admitSend(deps.db, lane.key, lane.sender.limits.perSecond)) await sleep(later)
    await deliver(lane, row)
  }

  async function deliver(lane: Lane, row: OutboundMessage): Promise<void> {
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
    // The platform asked this bot to wait: every instance sending as it waits too.
    if (result.kind === 'retry' && result.retryAfterSeconds) await holdSendPace(deps.db, lane.key, result.retryAfterSeconds * 1000)
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

  /** Keep a send that nobody awaits, so stop() can wait for it and its failure is logged. */
  function track(send: Promise<void>): void {
    const p = send.catch((err: unknown) => deps.log.error({ err }, 'outbox send failed')).finally(() => inFlight.delete(p))
    inFlight.add(p)
  }

  return {
    runOnce,
    /** Poll every `intervalMs` until stopped. */
    start(intervalMs = 1000) {
      const tick = () => {
        if (stopped) return
        let next = intervalMs
        running = pass()
          .then((p) => {
            p.sends.forEach(track)
            // A full batch means a broadcast is under way: claim the next one while a second of booked slots
            // remains, so the pace has no gaps between batches.
            if (p.fullUntil !== null) next = Math.max(0, p.fullUntil - CLAIM_AHEAD_MS - Date.now())
          })
          .catch((err: unknown) => deps.log.error({ err }, 'dispatcher pass failed'))
          .finally(() => {
            if (!stopped) timer = setTimeout(tick, next)
          })
      }
      tick()
    },
    async stop() {
      stopped = true
      if (timer) clearTimeout(timer)
      await running
      await Promise.all([...inFlight])
    },
  }
}

/** A channel as the dispatcher drives it: its sender, its per-chat pacer and the key of its bot's shared pace. */
type Lane = { sender: ChannelSender; pacer: Pacer; key: PaceKey }

/** During a broadcast, the next batch is claimed when this much of the booked slots remains. */
const CLAIM_AHEAD_MS = 1000

/** A claimed row as the channels see it. */
function toOutbound(row: ClaimedMessage): OutboundMessage {
  return { ...row, payload: row.payload as Reply }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}
