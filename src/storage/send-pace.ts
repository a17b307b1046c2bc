import { sql, type Kysely } from 'kysely'
import type { Channel, Database, Db } from './database.js'

/** Which bot a pace belongs to: every instance sending as this bot shares it. */
export interface PaceKey {
  channel: Channel
  botId: string
}

/** How a caller asks for send slots of a bot. */
export interface SlotRequest {
  /** At most this many of the bot's sends may count in any one-second window (the caller's share of the platform's limit). */
  perSecond: number
  /** Milliseconds between two slots on the bot's steady pace (a reply pushes the pace too, but does not wait for it). */
  gapMs: number
  /** A send not reported finished within this long after its slot is taken as finished then (its process died). */
  leaseMs: number
  /** At most this many slots. */
  max: number
  /** Slots may be booked this far ahead of now, ms. */
  horizonMs: number
  /** An interactive reply: held by the window and a 429 only, never by the steady pace. */
  interactive?: boolean
}

/** One booked slot: when to send (ms from the database's now) and the token to report the send's end with. */
export interface BookedSlot {
  inMs: number
  token: string
}

/** The slots booked (oldest first), or none and how long to wait before asking again. */
export interface SlotBooking {
  slots: BookedSlot[]
  waitMs: number
}

/**
 * Book the next send slots of a bot, on the bot's row locked in one
 * transaction and by the database clock, so every instance (and the
 * interactive replies) share one pace. The rule, strict whatever happens
 * between booking and sending:
 *
 * - a send counts in the window from its slot until one second after it
 *   finished (until then, as if it finished when its lease ends), so a
 *   request that leaves late, lands late or stalls is still counted where
 *   the platform may see it; a slot is booked only where fewer than
 *   `perSecond` sends count within the second before it;
 * - broadcast slots are `gapMs` apart on the bot's steady pace, booked at most
 *   `horizonMs` ahead; a stall is never made up with a burst: a pace that
 *   fell behind restarts from now;
 * - after a 429, nothing is booked before the platform's wait is over.
 */
export async function bookSendSlots(db: Kysely<Database>, key: PaceKey, req: SlotRequest): Promise<SlotBooking> {
  return db.transaction().execute(async (trx) => {
    let cur = await readPace(trx, key)
    if (!cur) {
      // The bot's first send on this database: its row is made, then read.
      await sql`insert into send_pace (channel, bot_id, next_at) values (${key.channel}, ${key.botId}, clock_timestamp()) on conflict (channel, bot_id) do nothing`.execute(trx)
      cur = await readPace(trx, key)
      if (!cur) throw new Error(`bookSendSlots: no send_pace row for ${key.channel} bot ${key.botId} after creating it`)
    }
    const now = cur.now
    // In flight (its token, slot + lease, is still more than half a lease ahead): its slot is the token less the lease,
    // its end unknown. Finished: its end is stored (a little ahead of now at most: ends are reckoned generously); its
    // slot is taken as long past. A send in flight for over half a lease is thus taken as ending at its token: still counted.
    const entries = cur.recent.map((x) => (x - now > req.leaseMs / 2 ? { start: x - req.leaseMs, end: Infinity } : { start: -Infinity, end: x }))
    const ends = entries.filter((e) => e.end !== Infinity).map((e) => e.end + 1000)
    // A send at t counts in every window (w, w + 1 s] with w ≥ t − 1 s; the busiest of those is at w = t − 1 s or
    // where a send booked later than t starts to count.
    const fits = (t: number) =>
      [t - 1000, ...entries.filter((e) => e.start > t).map((e) => e.start - 1000)].every((w) => entries.filter((e) => e.start <= w + 1000 && e.end > w).length < req.perSecond)
    const slots: number[] = []
    let t = Math.max(now, cur.held ?? 0, req.interactive ? 0 : cur.next)
    let waitMs = 0
    while (slots.length < req.max) {
      // Not here: the next moment a finished send leaves the window; a send in flight frees its place only by finishing.
      let at: number | undefined = t
      while (at !== undefined && !fits(at)) at = ends.filter((c) => c > at!).sort((a, b) => a - b)[0]
      if (at === undefined) {
        waitMs = Math.max(waitMs, req.gapMs, 5)
        break
      }
      if (at > now + req.horizonMs) {
        waitMs = Math.max(waitMs, at - now - req.horizonMs)
        break
      }
      slots.push(at)
      entries.push({ start: at, end: Infinity })
      t = at + req.gapMs
    }
    if (!slots.length) return { slots: [], waitMs: Math.max(1, waitMs) }
    const nextAt = req.interactive ? Math.max(cur.next, slots[0]!) + req.gapMs : t
    const booked = await sql<{ tokens: string[] }>`
      update send_pace p set
        recent = array(select x from unnest(p.recent) x where x > clock_timestamp() - interval '1 second')
          || array(select to_timestamp(s / 1000.0) + ${req.leaseMs}::double precision * interval '1 millisecond' from unnest(${slots}::double precision[]) s),
        next_at = greatest(p.next_at, to_timestamp(${nextAt}::double precision / 1000.0))
      where p.channel = ${key.channel} and p.bot_id = ${key.botId}
      returning array(select (to_timestamp(s / 1000.0) + ${req.leaseMs}::double precision * interval '1 millisecond')::text from unnest(${slots}::double precision[]) s) as tokens
    `.execute(trx)
    const tokens = booked.rows[0]!.tokens
    return { slots: slots.map((at, i) => ({ inMs: at - now, token: tokens[i]! })), waitMs: 0 }
  })
}

/** The bot's pace row, locked, in epoch milliseconds by the database clock; undefined when the bot never sent. */
async function readPace(db: Db, key: PaceKey): Promise<{ now: number; next: number; held: number | null; recent: number[] } | undefined> {
  const r = await sql<{ now: number; next: number; held: number | null; recent: number[] }>`
    select extract(epoch from c.now)::double precision * 1000 as now, extract(epoch from p.next_at)::double precision * 1000 as next,
      extract(epoch from p.held_until)::double precision * 1000 as held,
      array(select extract(epoch from x)::double precision * 1000 from unnest(p.recent) x where x > c.now - interval '1 second') as recent
    from send_pace p cross join lateral (select clock_timestamp() as now) c
    where p.channel = ${key.channel} and p.bot_id = ${key.botId}
    for update of p
  `.execute(db)
  const row = r.rows[0]
  return row && { now: Number(row.now), next: Number(row.next), held: row.held === null ? null : Number(row.held), recent: row.recent.map(Number) }
}

/**
 * Report that a booked send finished `elapsedMs` after its slot (measured
 * from no later than the slot, up to when the platform's answer came): from
 * then on it counts for one more second only. All callers book with the same
 * `leaseMs`. Reporting late or long only keeps the place longer, never too short.
 */
export async function finishSend(db: Db, key: PaceKey, token: string, leaseMs: number, elapsedMs: number): Promise<void> {
  await sql`
    update send_pace p set recent[array_position(p.recent, ${token}::timestamptz)] =
      ${token}::timestamptz + ${Math.max(0, elapsedMs) - leaseMs}::double precision * interval '1 millisecond'
    where p.channel = ${key.channel} and p.bot_id = ${key.botId} and array_position(p.recent, ${token}::timestamptz) is not null
  `.execute(db)
}

/** Give back a booked slot nothing was sent on (it was missed): it no longer counts at all. */
export async function releaseSlot(db: Db, key: PaceKey, token: string): Promise<void> {
  await sql`
    update send_pace p set recent = p.recent[:array_position(p.recent, ${token}::timestamptz) - 1] || p.recent[array_position(p.recent, ${token}::timestamptz) + 1:]
    where p.channel = ${key.channel} and p.bot_id = ${key.botId} and array_position(p.recent, ${token}::timestamptz) is not null
  `.execute(db)
}

/** After the platform said "too many requests, wait": no instance is admitted a send of this bot until then. */
export async function holdSendPace(db: Db, key: PaceKey, forMs: number): Promise<void> {
  const until = sql`clock_timestamp() + ${Math.max(0, forMs)}::double precision * interval '1 millisecond'`
  await sql`
    insert into send_pace as p (channel, bot_id, next_at, held_until) values (${key.channel}, ${key.botId}, ${until}, ${until})
    on conflict (channel, bot_id) do update set next_at = greatest(p.next_at, ${until}), held_until = greatest(p.held_until, ${until})
  `.execute(db)
}
