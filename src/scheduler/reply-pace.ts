import type { Kysely } from 'kysely'
import type { PaceLimits, ReplyPace } from '../delivery/outbound.js'
import type { Logger } from '../logger.js'
import type { Database } from '../storage/database.js'
import { bookSendSlots, finishSend, type PaceKey } from '../storage/send-pace.js'
import { SEND_LEASE_MS } from './dispatcher.js'

/** A reply never waits longer than this for the pace (a long 429 hold): then it goes, and the platform's own answer decides. */
const REPLY_MAX_WAIT_MS = 10_000

/**
 * The bot's shared pace for interactive replies: each reply takes a place in
 * the same one-second window as the broadcast (so the two together stay
 * under the platform's limit), but with the whole `perSecond`, where the
 * broadcast keeps `replyReserve` free, and without waiting for the
 * broadcast's steady slots, so a reply goes at once, or as soon as a place
 * frees when replies themselves fill the window. If
 * the database cannot answer, the reply goes anyway: a reply is worth more
 * than a rare 429, which the channel then waits out.
 */
export function createReplyPace(deps: { db: Kysely<Database>; key: PaceKey; limits: PaceLimits; log: Logger }): ReplyPace {
  const request = { perSecond: deps.limits.perSecond, gapMs: 1000 / deps.limits.perSecond, leaseMs: SEND_LEASE_MS, max: 1, horizonMs: 1000, interactive: true }
  return {
    async acquire() {
      const deadline = Date.now() + REPLY_MAX_WAIT_MS
      try {
        for (;;) {
          const asked = Date.now()
          const booking = await bookSendSlots(deps.db, deps.key, request)
          const slot = booking.slots[0]
          if (slot) {
            // Wait for the slot on our clock, never less; count the send's duration from no later than the slot.
            const at = Date.now() + slot.inMs
            for (let left = slot.inMs; left > 0; left = at - Date.now()) await new Promise((resolve) => setTimeout(resolve, left + 1))
            return () => finishSend(deps.db, deps.key, slot.token, SEND_LEASE_MS, Date.now() - (asked + slot.inMs)).catch((err: unknown) => deps.log.warn({ err, channel: deps.key.channel }, 'finishSend for a reply failed; its slot is freed when its lease ends'))
          }
          if (Date.now() + booking.waitMs > deadline) {
            deps.log.warn({ channel: deps.key.channel, waitMs: booking.waitMs }, 'reply sent without waiting out the bot’s pace')
            return async () => undefined
          }
          await new Promise((resolve) => setTimeout(resolve, booking.waitMs))
        }
      } catch (err) {
        deps.log.warn({ err, channel: deps.key.channel }, 'reply pace unavailable; reply sent unpaced')
        return async () => undefined
      }
    },
  }
}
