import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { summaryText } from '../../src/reports/digest.js'
import { readExportData } from '../../src/reports/export/export-data.js'
import type { DatabaseHandle } from '../../src/storage/connection.js'
import { createTestDatabase, testDatabaseKind } from '../support/test-database.js'
import { NOW, seedExportData } from './export-fixture.js'

describe(`the leaders' summary at province size (${testDatabaseKind})`, () => {
  let t: DatabaseHandle
  beforeEach(async () => {
    t = await createTestDatabase()
  })
  afterEach(async () => t.close())

  it('writes counts grouped by thousands and shortens the list of missing units', async () => {
    const { planId, plan, request, requests } = await seedExportData(t.db)
    const { summary } = await readExportData(t.db, planId, plan, request, requests, NOW)
    const units = Array.from({ length: 2500 }, (_, i) => ({ unitCode: `U${i + 1}`, unitName: `Xã ${i + 1}`, awayUntil: null, state: i < 1200 ? { kind: 'on_time' as const, submittedAt: NOW } : { kind: 'not_started' as const } }))
    const [head] = summaryText(plan, { ...summary, units, completeness: { expected: 2500, submitted: 1200, onTime: 1200, late: 0, drafting: 0, notStarted: 1300, percent: 48 } })
    // By hand: 1.200/2.500 submitted (48%); the 1,300 missing are Xã 1201…2500, the first 12 named and 1.288 counted.
    expect(head).toContain('1.200/2.500 đơn vị đã nộp (48%), 1.200 đúng hạn, 0 nộp muộn.')
    const twelve = Array.from({ length: 12 }, (_, i) => `Xã ${1201 + i}`).join('; ')
    expect(head).toContain(`Chưa nộp: ${twelve} và 1.288 đơn vị khác`)
  })
})
