import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { BatchedInsertError, chunkRows, insertInChunks, MAX_PARAMETERS_PER_STATEMENT } from '../../src/storage/batched-insert.js'
import type { DatabaseHandle } from '../../src/storage/connection.js'
import { createTestDatabase, testDatabaseKind } from '../support/test-database.js'

describe('chunkRows', () => {
  it('keeps rows × columns under the limit and loses no row', () => {
    const rows = Array.from({ length: 10_001 }, (_, i) => ({ a: i, b: i, c: i }))
    const chunks = chunkRows(rows)
    for (const c of chunks) expect(c.length * 3).toBeLessThanOrEqual(MAX_PARAMETERS_PER_STATEMENT)
    expect(chunks.flat()).toEqual(rows)
    expect(chunks).toHaveLength(2)
  })

  it('counts the widest row and never makes an empty chunk', () => {
    expect(chunkRows([{ a: 1 }, { a: 1, b: 2, c: 3 }], 3)).toEqual([[{ a: 1 }], [{ a: 1, b: 2, c: 3 }]])
    expect(chunkRows([{ a: 1, b: 2 }], 1)).toEqual([[{ a: 1, b: 2 }]])
    expect(chunkRows([])).toEqual([])
  })
})

describe(`insertInChunks on ${testDatabaseKind}`, () => {
  let t: DatabaseHandle
  beforeEach(async () => {
    t = await createTestDatabase()
  })
  afterEach(async () => t.close())

  it('returns what every chunk returned, in row order', async () => {
    const now = new Date('2025-11-20T03:00:00Z')
    const rows = Array.from({ length: 25 }, (_, i) => ({ channel: 'console' as const, chat_id: `c${i}`, failed_at: now }))
    const ids = await insertInChunks('invite_failures', rows, (chunk) => t.db.insertInto('invite_failures').values(chunk).returning(['id', 'chat_id']).execute(), { maxParameters: 9 })
    expect(ids.map((r) => r.chat_id)).toEqual(rows.map((r) => r.chat_id))
    expect(new Set(ids.map((r) => r.id)).size).toBe(25)
  })

  it('names the table, the rows and the plan when a chunk fails', async () => {
    const rows = [{ plan_id: 999_999, group_id: 1, unit_id: 1 }]
    const err = await insertInChunks('unit_group_members', rows, (chunk) => t.db.insertInto('unit_group_members').values(chunk).execute(), { context: 'plan ghost' }).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(BatchedInsertError)
    expect((err as Error).message).toMatch(/^insert into unit_group_members \(plan ghost\) failed at rows 1–1 of 1: /)
  })
})
