import { sql } from 'kysely'
import { insertInChunks } from './batched-insert.js'
import type { Channel, Db, OutboxState } from './database.js'

/** A message to send later, exactly once per dedupe key. */
export interface OutgoingMessage {
  planId: number | null
  dedupeKey: string
  kind: string
  channel: Channel
  chatId: string
  contactId: number | null
  payload: unknown
  runAfter: Date
  now: Date
  priority?: number
}

/**
 * Put a message in the outbox. The unique dedupe key makes a repeated tick,
 * a second instance or a retried transaction a no-op; returns whether a row
 * was added.
 */
export async function enqueueMessage(db: Db, m: OutgoingMessage): Promise<boolean> {
  return (await enqueueMessages(db, [m])).has(m.dedupeKey)
}

/** One message → its outbox row. */
function toOutboxRow(m: OutgoingMessage) {
  return {
    plan_id: m.planId,
    dedupe_key: m.dedupeKey,
    kind: m.kind,
    channel: m.channel,
    chat_id: m.chatId,
    contact_id: m.contactId,
    payload: JSON.stringify(m.payload),
    priority: m.priority ?? 0,
    run_after: m.runAfter,
    created_at: m.now,
  }
}

/**
 * Put many messages in the outbox at once, in chunks under the parameter
 * limit; rows whose dedupe key is already there are skipped. Returns the
 * dedupe keys that were added. A scheduler tick at province scale queues
 * thousands of rows with a handful of statements instead of one per row.
 */
export async function enqueueMessages(db: Db, messages: readonly OutgoingMessage[]): Promise<Set<string>> {
  if (!messages.length) return new Set()
  const added = await insertInChunks('outbox', messages.map(toOutboxRow), (chunk) =>
    db.insertInto('outbox').values(chunk).onConflict((oc) => oc.column('dedupe_key').doNothing()).returning('dedupe_key').execute(),
  )
  return new Set(added.map((r) => r.dedupe_key))
}

/** A claimed row, as the dispatcher sends it. */
export interface ClaimedMessage {
  id: number
  planId: number | null
  kind: string
  channel: Channel
  chatId: string
  contactId: number | null
  payload: unknown
  attempts: number
  maxAttempts: number
}

/**
 * Claim up to `limit` due rows for one channel with FOR UPDATE SKIP LOCKED, so
 * several service instances never take the same row; claimed rows are marked
 * `sending` with the claimer's name and time (the reaper's clue after a crash).
 */
export async function claimDue(db: Db, channel: Channel, worker: string, now: Date, limit: number): Promise<ClaimedMessage[]> {
  const rows = await sql<{ id: number; plan_id: number | null; kind: string; channel: Channel; chat_id: string; contact_id: number | null; payload: unknown; attempts: number; max_attempts: number }>`
    update outbox set state = 'sending', locked_at = ${now}, locked_by = ${worker}, attempts = attempts + 1
    where id in (
      select id from outbox
      where state = 'pending' and channel = ${channel} and run_after <= ${now}
      order by priority desc, run_after, id
      limit ${limit}
      for update skip locked
    )
    returning id, plan_id, kind, channel, chat_id, contact_id, payload, attempts, max_attempts
  `.execute(db)
  return rows.rows
    .sort((a, b) => a.id - b.id)
    .map((r) => ({ id: r.id, planId: r.plan_id, kind: r.kind, channel: r.channel, chatId: r.chat_id, contactId: r.contact_id, payload: r.payload, attempts: r.attempts, maxAttempts: r.max_attempts }))
}

/**
 * Record a delivered row and its attempt, only while `worker` still holds the
 * claim (as graphile-worker checks `locked_by`): a slow worker whose row was
 * reclaimed must not overwrite the new claimer's outcome. Returns whether it
 * still held the row.
 */
export async function markSent(db: Db, id: number, worker: string, now: Date): Promise<boolean> {
  const r = await db
    .updateTable('outbox')
    .set({ state: 'sent', sent_at: now, locked_at: null, locked_by: null, last_error: null })
    .where('id', '=', id)
    .where('state', '=', 'sending')
    .where('locked_by', '=', worker)
    .executeTakeFirst()
  await db.insertInto('outbox_attempts').values({ outbox_id: id, attempted_at: now, ok: true, error_code: null, error: null }).execute()
  return Number(r.numUpdatedRows) > 0
}

/**
 * Record many delivered rows at once (a broadcast delivers dozens a second):
 * one update and one insert of their attempts instead of two statements per
 * row. Like `markSent`, only rows `worker` still holds are marked; returns
 * their ids.
 */
export async function markSentMany(db: Db, ids: readonly number[], worker: string, now: Date): Promise<Set<number>> {
  if (!ids.length) return new Set()
  const marked = await db
    .updateTable('outbox')
    .set({ state: 'sent', sent_at: now, locked_at: null, locked_by: null, last_error: null })
    .where('id', 'in', [...ids])
    .where('state', '=', 'sending')
    .where('locked_by', '=', worker)
    .returning('id')
    .execute()
  await insertInChunks(
    'outbox_attempts',
    ids.map((id) => ({ outbox_id: id, attempted_at: now, ok: true, error_code: null, error: null })),
    (chunk) => db.insertInto('outbox_attempts').values(chunk).execute(),
  )
  return new Set(marked.map((r) => r.id))
}

/**
 * Put rows claimed but never sent (the dispatcher stopped first) back to
 * `pending`, due at once, without counting the attempt their claim counted.
 * Only rows `worker` still holds.
 */
export async function releaseUnsent(db: Db, ids: readonly number[], worker: string): Promise<number> {
  if (!ids.length) return 0
  const r = await db
    .updateTable('outbox')
    .set((eb) => ({ state: 'pending', locked_at: null, locked_by: null, attempts: eb('attempts', '-', 1) }))
    .where('id', 'in', [...ids])
    .where('state', '=', 'sending')
    .where('locked_by', '=', worker)
    .executeTakeFirst()
  return Number(r.numUpdatedRows)
}

/**
 * Record a failed attempt: back to `pending` at `retryAt`, or `failed` for
 * good (`retryAt` null) once retries are spent or the error is permanent.
 */
export async function markAttemptFailed(db: Db, id: number, worker: string, now: Date, error: { code: number | null; message: string }, retryAt: Date | null): Promise<boolean> {
  const r = await db
    .updateTable('outbox')
    .set({ state: retryAt ? 'pending' : 'failed', run_after: retryAt ?? now, locked_at: null, locked_by: null, last_error: error.message.slice(0, 500) })
    .where('id', '=', id)
    .where('state', '=', 'sending')
    .where('locked_by', '=', worker)
    .executeTakeFirst()
  await db.insertInto('outbox_attempts').values({ outbox_id: id, attempted_at: now, ok: false, error_code: error.code, error: error.message.slice(0, 500) }).execute()
  return Number(r.numUpdatedRows) > 0
}

/**
 * Put a claimed row back to `pending` without counting the attempt its claim
 * counted: the channel was paused (its token refused), the row did not fail.
 * Checks `locked_by` like the others; returns whether it still held the row.
 */
export async function releaseClaim(db: Db, id: number, worker: string, runAfter: Date, note: string): Promise<boolean> {
  const r = await db
    .updateTable('outbox')
    .set((eb) => ({ state: 'pending', run_after: runAfter, locked_at: null, locked_by: null, attempts: eb('attempts', '-', 1), last_error: note.slice(0, 500) }))
    .where('id', '=', id)
    .where('state', '=', 'sending')
    .where('locked_by', '=', worker)
    .executeTakeFirst()
  return Number(r.numUpdatedRows) > 0
}

/**
 * Put rows stuck in `sending` (their claimer crashed) back to `pending`. A row
 * reclaimed here may have been delivered just before the crash: that is the
 * at-most-few duplicates an at-least-once outbox allows.
 */
export async function reclaimStuck(db: Db, olderThan: Date): Promise<number> {
  const r = await db.updateTable('outbox').set({ state: 'pending', locked_at: null, locked_by: null }).where('state', '=', 'sending').where('locked_at', '<', olderThan).executeTakeFirst()
  return Number(r.numUpdatedRows)
}

/**
 * Rows a previous process on this host left in flight: `locked_by` is
 * `host:pid`, and when that pid is gone the rows can be taken back at once
 * instead of after the stuck timeout.
 */
export async function reclaimFromDeadWorkers(db: Db, host: string, isAlive: (pid: number) => boolean): Promise<number> {
  const rows = await db.selectFrom('outbox').select('locked_by').distinct().where('state', '=', 'sending').where('locked_by', 'like', `${host}:%`).execute()
  const dead = rows.map((r) => r.locked_by!).filter((w) => {
    const pid = Number(w.slice(host.length + 1))
    return Number.isInteger(pid) && !isAlive(pid)
  })
  if (!dead.length) return 0
  const r = await db.updateTable('outbox').set({ state: 'pending', locked_at: null, locked_by: null }).where('state', '=', 'sending').where('locked_by', 'in', dead).executeTakeFirst()
  return Number(r.numUpdatedRows)
}

/** How many rows the outbox holds in each state, for operators. */
export async function countOutboxByState(db: Db): Promise<Record<OutboxState, number>> {
  const rows = await db.selectFrom('outbox').select(['state', (eb) => eb.fn.countAll<string>().as('n')]).groupBy('state').execute()
  const counts: Record<OutboxState, number> = { pending: 0, sending: 0, sent: 0, failed: 0, dropped: 0 }
  for (const r of rows) counts[r.state] = Number(r.n)
  return counts
}

/** An outbox row as operators see it in a listing. */
export interface OutboxListing {
  id: number
  kind: string
  channel: Channel
  chatId: string
  attempts: number
  /** When it was sent, or when it is (or was last) due. */
  at: Date
  lastError: string | null
}

/** The next pending rows (soonest first), or the latest failed or sent ones. */
export async function listOutbox(db: Db, state: 'pending' | 'failed' | 'sent', limit: number): Promise<OutboxListing[]> {
  const order = state === 'pending' ? 'run_after' : state === 'sent' ? 'sent_at' : 'id'
  const rows = await db
    .selectFrom('outbox')
    .select(['id', 'kind', 'channel', 'chat_id', 'attempts', 'run_after', 'sent_at', 'last_error'])
    .where('state', '=', state)
    .orderBy(order, state === 'pending' ? 'asc' : 'desc')
    .limit(limit)
    .execute()
  return rows.map((r) => ({ id: r.id, kind: r.kind, channel: r.channel, chatId: r.chat_id, attempts: r.attempts, at: r.sent_at ?? r.run_after, lastError: r.last_error }))
}

/**
 * Delete what only mattered for a while: sent rows older than `olderThan`, and
 * their attempts with them (the foreign key cascades). Failed rows stay for
 * the operator to see. Returns how many outbox rows went.
 */
export async function pruneSentOutbox(db: Db, olderThan: Date): Promise<number> {
  const r = await db.deleteFrom('outbox').where('state', '=', 'sent').where('sent_at', '<', olderThan).executeTakeFirst()
  return Number(r.numDeletedRows)
}

/** Which of these dedupe keys are already in the outbox (so the caller can skip building those messages). */
export async function existingDedupeKeys(db: Db, keys: readonly string[]): Promise<Set<string>> {
  if (!keys.length) return new Set()
  const rows = await db.selectFrom('outbox').select('dedupe_key').where('dedupe_key', 'in', [...keys]).execute()
  return new Set(rows.map((r) => r.dedupe_key))
}
