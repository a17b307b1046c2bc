import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { DatabaseHandle } from '../../src/storage/connection.js'
import { requestValueEntries } from '../../src/storage/export-reads.js'
import { createTestDatabase, testDatabaseKind } from '../support/test-database.js'
import { seedExportData } from '../reports/export-fixture.js'

describe(`the export's value entries (${testDatabaseKind})`, () => {
  let t: DatabaseHandle
  beforeEach(async () => {
    t = await createTestDatabase()
  })
  afterEach(async () => t.close())

  it('reads every submitted value once, with its author, time and app, for one period or a combined request', async () => {
    const { request } = await seedExportData(t.db)
    // A note with everything a line-based transfer could trip on: a tab, line breaks, quotes, a backslash, an emoji.
    const tricky = 'ước tính\t(tab)\nhai dòng\r\n"trích" \\ 🙂'
    await t.db.updateTable('indicator_values').set({ note: tricky }).where('note', '=', 'ước tính').execute()
    const sorted = (ids: number[]) => requestValueEntries(t.db, ids).then((es) => es.sort((a, b) => `${a.indicatorCode}${a.unitCode}`.localeCompare(`${b.indicatorCode}${b.unitCode}`)))
    // The fixture's answers for 2025, by hand (see export-fixture.ts).
    const expected = [
      { indicatorCode: 'CT01', unitCode: 'DN-VT', value: { num: 97.5 }, note: 'Theo số liệu nhà mạng', enteredBy: 'Chị Lan', enteredAt: new Date('2025-12-01T03:00:00Z'), channel: 'telegram' },
      { indicatorCode: 'CT03', unitCode: 'THON-01', value: { bool: true }, note: null, enteredBy: 'Anh Ba', enteredAt: new Date('2025-12-02T03:00:00Z'), channel: 'zalo' },
      { indicatorCode: 'CT03', unitCode: 'THON-02', value: { bool: false }, note: null, enteredBy: 'Chị Tư', enteredAt: new Date('2025-12-06T03:00:00Z'), channel: 'telegram' },
      { indicatorCode: 'CT04', unitCode: 'THON-01', value: { num: 70 }, note: tricky, enteredBy: 'Anh Ba', enteredAt: new Date('2025-12-02T03:00:00Z'), channel: 'zalo' },
      { indicatorCode: 'CT04', unitCode: 'THON-02', value: { num: 90 }, note: null, enteredBy: 'Chị Tư', enteredAt: new Date('2025-12-06T03:00:00Z'), channel: 'telegram' },
    ]
    const ids = request.periods.map((p) => p.id)
    expect(ids).toHaveLength(2) // the annual report with its fourth quarter: each answer is stored in both
    expect(await sorted(ids)).toEqual(expected)
    expect(await sorted([ids[1]!])).toEqual(expected) // one period alone
    expect(await requestValueEntries(t.db, [])).toEqual([])
  })
})
