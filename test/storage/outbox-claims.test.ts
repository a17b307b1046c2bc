import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { DatabaseHandle } from '../../src/storage/connection.js'
import { claimDue, enqueueMessage, markAttemptFailed, markSent, markSentMany, reclaimStuck, releaseUnsent } from '../../src/storage/outbox.js'
import { claimUpdate } from '../../src/storage/processed-updates.js'
import { pruneOldRows } from '../../src/scheduler/housekeeping.js'
import { createTestDatabase, testDatabaseKind } from '../support/test-database.js'

const T0 = new Date('2025-12-02T02:00:00Z')
const minutes = (n: number) => new Date(T0.getTime() + n * 60_000)

describe(`outbox claims and pruning (${testDatabaseKind})`, () => {
  let t: DatabaseHandle
  beforeEach(async () => {
    t = await createTestDatabase()
  })
  afterEach(async () => t.close())

  const queue = (key: string, at = T0) => enqueueMessage(t.db, { planId: null, dedupeKey: key, kind: 'notice', channel: 'telegram', chatId: '1', contactId: null, payload: { text: key }, runAfter: at, now: at })

  it('a slow worker whose row was reclaimed cannot overwrite the new claimer\'s outcome', async () => {
    await queue('a')
    const [row] = await claimDue(t.db, 'telegram', 'slow', T0, 10)
    // The slow worker stalls past the stuck timeout; another takes the row back and sends it.
    expect(await reclaimStuck(t.db, minutes(6))).toBe(1)
    const [again] = await claimDue(t.db, 'telegram', 'fast', minutes(6), 10)
    expect(again!.id).toBe(row!.id)
    expect(await markSent(t.db, again!.id, 'fast', minutes(6))).toBe(true)
    // The slow one finally hears back (a failure): it must not put the sent row back to pending.
    expect(await markAttemptFailed(t.db, row!.id, 'slow', minutes(7), { code: 500, message: 'late' }, minutes(8))).toBe(false)
    expect(await markSent(t.db, row!.id, 'slow', minutes(7))).toBe(false)
    expect(await t.db.selectFrom('outbox').select(['state', 'sent_at']).executeTakeFirstOrThrow()).toEqual({ state: 'sent', sent_at: minutes(6) })
  })

  it('marks delivered rows sent in one go only where the worker still holds them, and puts unsent ones back without spending an attempt', async () => {
    await queue('b1')
    await queue('b2')
    await queue('b3')
    const rows = await claimDue(t.db, 'telegram', 'slow', T0, 10)
    expect(rows.map((r) => r.attempts)).toEqual([1, 1, 1])
    // b2 is taken back by a worker that thinks the slow one died, and claimed again.
    await t.db.updateTable('outbox').set({ locked_by: 'fast' }).where('dedupe_key', '=', 'b2').execute()
    const held = await markSentMany(t.db, [rows[0]!.id, rows[1]!.id], 'slow', minutes(1))
    expect([...held]).toEqual([rows[0]!.id])
    // b3 was claimed but never sent (the dispatcher stopped): back to pending, its claim's attempt not counted.
    expect(await releaseUnsent(t.db, [rows[2]!.id, rows[1]!.id], 'slow')).toBe(1)
    const states = await t.db.selectFrom('outbox').select(['dedupe_key', 'state', 'attempts', 'locked_by', 'sent_at']).orderBy('dedupe_key').execute()
    expect(states).toEqual([
      { dedupe_key: 'b1', state: 'sent', attempts: 1, locked_by: null, sent_at: minutes(1) },
      { dedupe_key: 'b2', state: 'sending', attempts: 1, locked_by: 'fast', sent_at: null },
      { dedupe_key: 'b3', state: 'pending', attempts: 0, locked_by: null, sent_at: null },
    ])
  })

  it('prunes sent rows after 30 days and update ids after 3, keeping failed and pending rows', async () => {
    await queue('old-sent')
    await queue('old-failed')
    await queue('recent-sent', minutes(60 * 24 * 20))
    await queue('pending', minutes(60 * 24 * 40))
    for (const r of await claimDue(t.db, 'telegram', 'w', minutes(60 * 24 * 20), 10)) {
      if (r.payload && (r.payload as { text: string }).text === 'old-failed') await markAttemptFailed(t.db, r.id, 'w', T0, { code: 400, message: 'bad' }, null)
      else await markSent(t.db, r.id, 'w', (r.payload as { text: string }).text === 'old-sent' ? T0 : minutes(60 * 24 * 20))
    }
    await claimUpdate(t.db, 'telegram', 'u-old', T0)
    await claimUpdate(t.db, 'telegram', 'u-new', minutes(60 * 24 * 30))
    // 31 days after T0: the sent row of day 0 goes, the one of day 20 stays; update ids older than 3 days go.
    expect(await pruneOldRows(t.db, minutes(60 * 24 * 31))).toEqual({ outbox: 1, updates: 1 })
    const left = await t.db.selectFrom('outbox').select(['dedupe_key', 'state']).orderBy('dedupe_key').execute()
    expect(left).toEqual([
      { dedupe_key: 'old-failed', state: 'failed' },
      { dedupe_key: 'pending', state: 'pending' },
      { dedupe_key: 'recent-sent', state: 'sent' },
    ])
    expect(await t.db.selectFrom('processed_updates').select('update_id').execute()).toEqual([{ update_id: 'u-new' }])
    expect(await t.db.selectFrom('outbox_attempts').select('ok').execute()).toHaveLength(2)
  })
})
