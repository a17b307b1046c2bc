import type { Kysely } from 'kysely'
import type { Reply } from '../conversation/types.js'
import type { ChannelSender, OutboundMessage, SendFailureInfo } from '../delivery/outbound.js'
import type { Logger } from '../logger.js'
import type { Database } from '../storage/database.js'
import { markContactUnreachable } from '../storage/contacts.js'
import { claimDue, markAttemptFailed, markSentMany, reclaimStuck, releaseClaim, releaseUnsent, type ClaimedMessage } from '../storage/outbox.js'
import { bookSendSlots, finishSend, holdSendPace, releaseSlot, type PaceKey } from '../storage/send-pace.js'
import { Pacer } from './pacer.js'
import { backoffMs } from './backoff.js'

/** How long a row put back by a paused channel waits before it is tried again. */
export const PAUSED_RETRY_MS = 30_000

/** A row stuck in `sending` this long is taken to belong to a crashed worker. */
export const STUCK_AFTER_MS = 5 * 60_000

/**
 * How long an admitted send counts as in flight if its end is never reported
 * (the process died mid-send): longer than a send's HTTP timeout, so a
 * request still on its way is never taken as done.
 */
export const SEND_LEASE_MS = 40_000

/** Delivered rows are marked sent together, at most this long after delivery (a crash in between resends them). */
const MARK_SENT_EVERY_MS = 100

/** Slots are booked this far ahead (ms), so a late timer or a slow query between two bookings costs no slot. */
const BOOK_AHEAD_MS = 500

/** A send whose slot passed longer ago than this (ms) is not sent late but booked again. */
const LATE_MS = 200

/** The next slots are booked when the booked ones run out within this many ms. */
const REBOOK_BEFORE_MS = 250

/** While its rows last, a lane claims more when fewer than this many seconds of its pace remain queued. */
const CLAIM_AHEAD_SECONDS = 1

/**
 * The outbox dispatcher: claims due rows per channel (FOR UPDATE SKIP LOCKED,
 * so several instances share the work), sends them at the platform's pace
 * (admitted one by one by the bot's shared pace in the database, so several
 * instances and the interactive replies share one limit), many requests in
 * flight at once, records every attempt, retries with backoff and jitter, and
 * gives up after the row's attempt limit.
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
  const lanes: Lane[] = deps.senders.map((sender) => {
    const share = Math.max(1, sender.limits.perSecond - (sender.limits.replyReserve ?? 0))
    return { sender, pacer: new Pacer(sender.limits), key: { channel: sender.channel, botId: sender.botId ?? '' }, queue: [], share, gapMs: 1000 / share, lastReclaim: 0, claimAfter: 0 }
  })
  const inFlight = new Set<Promise<void>>()
  const delivered: OutboundMessage[] = []
  let flushing: Promise<void> = Promise.resolve()
  let flushTimer: NodeJS.Timeout | undefined
  let stopped = false
  let loops: Promise<void>[] = []
  const sleeper = new Sleeper()

  /** One pass over every channel: claim a batch, send it at the pace, wait for every send and its record; returns how many rows were attempted. */
  async function runOnce(): Promise<number> {
    const attempted = await Promise.all(
      lanes.map(async (lane) => {
        const rows = await claim(lane, true)
        // A send that missed its slot comes back to the queue: go on until every claimed row went.
        while (lane.queue.length) {
          while (lane.queue.length) await bookAndSend(lane)
          await Promise.all([...inFlight])
        }
        return rows
      }),
    )
    await Promise.all([...inFlight])
    await flushDelivered()
    return attempted.reduce((a, b) => a + b, 0)
  }

  /** Claim up to a batch of the lane's due rows into its queue (none while the channel is paused); returns how many. */
  async function claim(lane: Lane, reclaim: boolean): Promise<number> {
    if (reclaim || Date.now() - lane.lastReclaim > 30_000) {
      lane.lastReclaim = Date.now()
      await reclaimStuck(deps.db, new Date(deps.now().getTime() - (deps.stuckAfterMs ?? STUCK_AFTER_MS)))
    }
    // A paused channel (its token refused) leaves its rows queued: no attempt is spent on them.
    if (lane.sender.available && !lane.sender.available()) return 0
    const rows = await claimDue(deps.db, lane.sender.channel, deps.worker, deps.now(), batch)
    lane.queue.push(...rows.map(toOutbound))
    return rows.length
  }

  /**
   * Book the bot's next slots in the shared pace for the lane's rows whose
   * chat is ready by then, and start each send at its slot (each runs on its
   * own, many in flight at once). Returns when it is time to book again:
   * shortly before the booked slots run out, or after the pace said to wait.
   */
  async function bookAndSend(lane: Lane): Promise<void> {
    const now = Date.now()
    let ready = 0
    let soonest = Infinity
    for (const m of lane.queue) {
      const at = lane.pacer.chatReady(m.chatId, lane.sender.isGroup(m.chatId), now)
      if (at <= now + BOOK_AHEAD_MS) ready++
      soonest = Math.min(soonest, at)
    }
    if (!ready) return sleeper.sleep(soonest - now)
    // The database's now lies between these two readings of our clock.
    const asked = Date.now()
    const booking = await bookSendSlots(deps.db, lane.key, { perSecond: lane.share, gapMs: lane.gapMs, leaseMs: SEND_LEASE_MS, max: Math.min(ready, lane.share), horizonMs: BOOK_AHEAD_MS })
    if (!booking.slots.length) return sleeper.sleep(booking.waitMs)
    // The database's "in n ms" read on our clock once its answer is here: never earlier than the slot.
    const base = Date.now()
    for (const slot of booking.slots) {
      const at = base + slot.inMs
      const i = lane.queue.findIndex((m) => lane.pacer.chatReady(m.chatId, lane.sender.isGroup(m.chatId), at) <= at)
      if (i === -1) {
        // No row may go then after all (an earlier slot took its chat): the slot is given back.
        track(releaseSlot(deps.db, lane.key, slot.token))
        continue
      }
      const [row] = lane.queue.splice(i, 1)
      const isGroup = lane.sender.isGroup(row!.chatId)
      lane.pacer.book(row!.chatId, isGroup, at)
      track(sendAt(lane, row!, isGroup, { at, earliest: asked + slot.inMs, token: slot.token }))
    }
    await sleeper.sleep(base + booking.slots.at(-1)!.inMs - REBOOK_BEFORE_MS - Date.now())
  }

  /**
   * Send a row at its slot. A slot missed by more than `LATE_MS` (the process
   * stalled) is given back and the row queued again at the front: after a
   * stall the pace resumes from now instead of sending every missed slot at once.
   */
  async function sendAt(lane: Lane, row: OutboundMessage, isGroup: boolean, slot: LocalSlot): Promise<void> {
    await sleepUntil(slot.at)
    if (Date.now() - slot.at > LATE_MS) {
      lane.queue.unshift(row)
      await releaseSlot(deps.db, lane.key, slot.token)
      return
    }
    try {
      await deliver(lane, row, slot)
    } finally {
      lane.pacer.settle(row.chatId, isGroup, Date.now())
    }
  }

  async function deliver(lane: Lane, row: OutboundMessage, slot: LocalSlot): Promise<void> {
    const result = await lane.sender.send(row).catch((err: unknown): SendFailureInfo & { ok: false } => ({ ok: false, kind: 'retry', method: 'send', code: null, message: err instanceof Error ? err.message : String(err) }))
    // The platform answered: the send counts one more second in the shared window, then frees its place.
    await finishSend(deps.db, lane.key, slot.token, SEND_LEASE_MS, Date.now() - slot.earliest).catch((err: unknown) => deps.log.warn({ err, channel: lane.key.channel }, 'finishSend failed; the slot is freed when its lease ends'))
    if (result.ok) {
      delivered.push(row)
      flushTimer ??= setTimeout(() => void flushDelivered(), MARK_SENT_EVERY_MS)
      return
    }
    const now = deps.now()
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
    if (result.kind === 'retry' && result.retryAfterSeconds) {
      deps.log.warn({ outbox: row.id, chat: row.chatId, channel: row.channel, retryAfter: result.retryAfterSeconds }, 'platform rate limit hit; the bot’s pace is held')
      await holdSendPace(deps.db, lane.key, result.retryAfterSeconds * 1000)
    }
    const retryAt =
      result.kind === 'retry' && row.attempts < row.maxAttempts
        ? new Date(now.getTime() + Math.max((result.retryAfterSeconds ?? 0) * 1000, backoffMs(row.attempts)))
        : null
    if (!(await markAttemptFailed(deps.db, row.id, deps.worker, now, error, retryAt))) return lostClaim(row)
    if (!retryAt) deps.log.error({ outbox: row.id, chat: row.chatId, channel: row.channel, attempts: row.attempts, error: error.message }, 'outbox message given up')
  }

  /** Mark the delivered rows sent, one statement for all of them; chained so two flushes never overlap. */
  function flushDelivered(): Promise<void> {
    if (flushTimer) clearTimeout(flushTimer)
    flushTimer = undefined
    const rows = delivered.splice(0)
    if (!rows.length) return flushing
    flushing = flushing.then(async () => {
      try {
        const held = await markSentMany(deps.db, rows.map((r) => r.id), deps.worker, deps.now())
        for (const r of rows) if (!held.has(r.id)) lostClaim(r)
      } catch (err) {
        // Delivered but not recorded: the rows stay `sending` and go again after the stuck timeout (at least once, never lost).
        deps.log.error({ err, outbox: rows.map((r) => r.id) }, 'marking delivered outbox rows sent failed')
      }
    })
    return flushing
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

  /** One lane's loop: keep a second of its pace claimed ahead, send at the pace, poll every `intervalMs` when idle. */
  async function loop(lane: Lane, intervalMs: number): Promise<void> {
    while (!stopped) {
      try {
        const idle = lane.queue.length === 0
        if (idle || (lane.queue.length < lane.share * CLAIM_AHEAD_SECONDS && Date.now() >= lane.claimAfter)) {
          const got = await claim(lane, idle)
          // A short batch means the due rows ran out: look again only after the interval.
          lane.claimAfter = got < batch ? Date.now() + intervalMs : 0
          if (idle && got === 0) {
            await flushDelivered()
            await sleeper.sleep(intervalMs)
            continue
          }
        }
        await bookAndSend(lane)
      } catch (err) {
        deps.log.error({ err, channel: lane.key.channel }, 'dispatcher pass failed')
        await sleeper.sleep(intervalMs)
      }
    }
  }

  return {
    runOnce,
    /** Run every channel's loop until stopped; an idle channel looks for due rows every `intervalMs`. */
    start(intervalMs = 1000) {
      stopped = false
      loops = lanes.map((lane) => loop(lane, intervalMs))
    },
    /** Stop claiming and sending, wait for the sends in flight and their records, and put rows claimed but never sent back. */
    async stop() {
      stopped = true
      sleeper.wakeAll()
      await Promise.all(loops)
      await Promise.all([...inFlight])
      await flushDelivered()
      for (const lane of lanes) {
        const unsent = lane.queue.splice(0)
        if (unsent.length) await releaseUnsent(deps.db, unsent.map((r) => r.id), deps.worker)
      }
    },
  }
}

/** A channel as the dispatcher drives it: its sender, its per-chat pacer, its bot's shared pace and its share of it, and the rows it claimed. */
type Lane = { sender: ChannelSender; pacer: Pacer; key: PaceKey; share: number; gapMs: number; queue: OutboundMessage[]; lastReclaim: number; claimAfter: number }

/**
 * A booked slot on this process's clock: `at` is no earlier than the slot (the send waits for it),
 * `earliest` no later (a send's duration is counted from it, so never short).
 */
type LocalSlot = { at: number; earliest: number; token: string }

/** A claimed row as the channels see it. */
function toOutbound(row: ClaimedMessage): OutboundMessage {
  return { ...row, payload: row.payload as Reply }
}

/**
 * Wait until `at` (ms epoch) on this clock, never less: a send must not leave
 * before its slot, and timers may fire a millisecond early.
 */
async function sleepUntil(at: number): Promise<void> {
  for (let left = at - Date.now(); left > 0; left = at - Date.now()) await new Promise((resolve) => setTimeout(resolve, left + 1))
}

/** Sleeps that stop() can cut short. */
class Sleeper {
  private readonly waking = new Set<() => void>()

  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer)
        this.waking.delete(done)
        resolve()
      }
      const timer = setTimeout(done, Math.max(0, ms))
      this.waking.add(done)
    })
  }

  wakeAll(): void {
    for (const w of [...this.waking]) w()
  }
}
