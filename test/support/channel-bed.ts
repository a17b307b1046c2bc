/**
 * The setting every channel test starts from: a database of its own with the
 * Ea Wy plan imported at NOW, and a started platform fake (Telegram or Zalo).
 * Things the test starts register their stop in `cleanup`; after the test
 * they run newest first, then the fake and the database close.
 */
import { afterEach, beforeEach } from 'vitest'
import type { DatabaseHandle } from '../../src/storage/connection.js'
import { importPlan } from '../../src/storage/plan-import.js'
import { samplePlan } from './mini-plan.js'
import { createTestDatabase } from './test-database.js'

/** A platform fake as the channel tests use it. */
export interface StartableFake {
  start(): Promise<unknown>
  close(): Promise<unknown>
}

/** What one test gets; read its fields inside the test (they are replaced before each). */
export interface ChannelBed<F> {
  t: DatabaseHandle
  fake: F
  planId: number
  cleanup: (() => Promise<unknown>)[]
}

/** Register the before/after hooks of a channel test file and return its bed. */
export function useChannelBed<F extends StartableFake>(makeFake: () => F, now: Date): ChannelBed<F> {
  const bed = { cleanup: [] } as unknown as ChannelBed<F>
  beforeEach(async () => {
    bed.t = await createTestDatabase()
    bed.fake = makeFake()
    await bed.fake.start()
    bed.planId = (await importPlan(bed.t.db, samplePlan('ea-wy'), { now })).planId
  })
  afterEach(async () => {
    for (const c of bed.cleanup.splice(0).reverse()) await c()
    await bed.fake.close()
    await bed.t.close()
  })
  return bed
}
