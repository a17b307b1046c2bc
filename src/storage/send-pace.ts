import { sql } from 'kysely'
import type { Channel, Db } from './database.js'

/** Which bot a pace belongs to: every instance sending as this bot shares it. */
export interface PaceKey {
  channel: Channel
  botId: string
}

/**
 * Book the next send slot of a bot, at least `notBeforeMs` from now, and
 * move the bot's next free slot `gapMs` past it. One atomic upsert on the
 * bot's row, timed by the database clock, so every instance on the database
 * books from one sequence and their sends together keep the bot's rate.
 * Returns how many milliseconds from now the booked slot is (≥ 0).
 */
export async function bookSendSlot(db: Db, key: PaceKey, gapMs: number, notBeforeMs = 0): Promise<number> {
  const earliest = sql`clock_timestamp() + ${Math.max(0, notBeforeMs)}::double precision * interval '1 millisecond'`
  const gap = sql`${gapMs}::double precision * interval '1 millisecond'`
  const row = await sql<{ wait_ms: number }>`
    insert into send_pace as p (channel, bot_id, next_at) values (${key.channel}, ${key.botId}, ${earliest} + ${gap})
    on conflict (channel, bot_id) do update set next_at = greatest(p.next_at, ${earliest}) + ${gap}
    returning greatest(0, extract(epoch from (p.next_at - ${gap} - clock_timestamp())) * 1000)::double precision as wait_ms
  `.execute(db)
  return Number(row.rows[0]!.wait_ms)
}

/** After the platform said "too many requests, wait": no instance books a slot of this bot, or sends on one booked before, until then. */
export async function holdSendPace(db: Db, key: PaceKey, forMs: number): Promise<void> {
  const until = sql`clock_timestamp() + ${Math.max(0, forMs)}::double precision * interval '1 millisecond'`
  await sql`
    insert into send_pace as p (channel, bot_id, next_at, held_until) values (${key.channel}, ${key.botId}, ${until}, ${until})
    on conflict (channel, bot_id) do update set next_at = greatest(p.next_at, ${until}), held_until = greatest(p.held_until, ${until})
  `.execute(db)
}

/**
 * The last word before a send: admit it if fewer than `perSecond` sends of
 * this bot, from any instance, were admitted in the last second (by the
 * database clock), and record it; otherwise answer how many milliseconds to
 * wait. Booked slots keep sends evenly spaced; this keeps late timers that
 * fire together from bunching sends over the limit. One statement, the
 * bot's row locked; a bot that never booked a slot has nothing to count.
 */
export async function admitSend(db: Db, key: PaceKey, perSecond: number): Promise<number> {
  const row = await sql<{ wait_ms: number }>`
    with cur as (
      select p.channel, p.bot_id, clock_timestamp() as now, p.held_until,
        array(select x from unnest(p.recent) x where x > clock_timestamp() - interval '1 second' order by x) as w
      from send_pace p where p.channel = ${key.channel} and p.bot_id = ${key.botId}
      for update
    ), admitted as (
      update send_pace p set recent = cur.w[greatest(1, cardinality(cur.w) - ${perSecond} + 2):] || cur.now
      from cur where p.channel = cur.channel and p.bot_id = cur.bot_id and cardinality(cur.w) < ${perSecond}
        and (cur.held_until is null or cur.held_until <= cur.now)
      returning 1
    )
    select case when exists (select 1 from admitted) then 0
      when cur.held_until > cur.now then greatest(1, extract(epoch from (cur.held_until - cur.now)) * 1000)
      else greatest(1, extract(epoch from (cur.w[cardinality(cur.w) - ${perSecond} + 1] + interval '1 second' - cur.now)) * 1000) end::double precision as wait_ms
    from cur
  `.execute(db)
  return row.rows.length ? Number(row.rows[0]!.wait_ms) : 0
}
