import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { DatabaseHandle } from '../../src/storage/connection.js'
import { countLoginFailures, findSession, insertSession, pruneWebRows, recordLoginFailure, removeOperator, spendLoginCode } from '../../src/storage/operators.js'
import { importPlan } from '../../src/storage/plan-import.js'
import { addOperator, hashSecret } from '../../src/web/login-codes.js'
import { miniPlan } from '../support/mini-plan.js'
import { createTestDatabase, testDatabaseKind } from '../support/test-database.js'

const NOW = new Date('2025-12-02T02:00:00Z')
const hours = (h: number) => new Date(NOW.getTime() + h * 3_600_000)

describe(`web operators storage on ${testDatabaseKind}`, () => {
  let t: DatabaseHandle
  beforeEach(async () => {
    t = await createTestDatabase()
  })
  afterEach(async () => t.close())

  it('spends a login code once, only in time, only for an active operator; removing ends sessions; pruning keeps live rows', async () => {
    const { planId } = await importPlan(t.db, miniPlan(), { now: NOW })
    const a = await addOperator(t.db, { planId, name: 'A', role: 'operator', now: NOW })
    const b = await addOperator(t.db, { planId, name: 'B', role: 'operator', now: NOW })
    const c = await addOperator(t.db, { planId, name: 'C', role: 'leader', now: NOW })
    // Stored hashed: the code itself is nowhere in the table.
    expect(await t.db.selectFrom('operator_login_codes').select('id').where('code_hash', '=', a.code).execute()).toEqual([])
    expect(await spendLoginCode(t.db, hashSecret(a.code), hours(1))).toBe(a.operatorId)
    expect(await spendLoginCode(t.db, hashSecret(a.code), hours(1))).toBeUndefined()
    expect(await spendLoginCode(t.db, hashSecret(b.code), hours(24))).toBeUndefined()
    await removeOperator(t.db, c.operatorId, NOW)
    expect(await spendLoginCode(t.db, hashSecret(c.code), hours(1))).toBeUndefined()

    await insertSession(t.db, { operatorId: a.operatorId, tokenHash: 'h1', csrfToken: 'x', now: NOW, expiresAt: hours(10) })
    expect((await findSession(t.db, 'h1', hours(9)))?.operatorName).toBe('A')
    expect(await findSession(t.db, 'h1', hours(10))).toBeUndefined()
    await insertSession(t.db, { operatorId: a.operatorId, tokenHash: 'h2', csrfToken: 'x', now: NOW, expiresAt: hours(100) })
    await recordLoginFailure(t.db, '10.0.0.1', NOW)
    await recordLoginFailure(t.db, '10.0.0.1', hours(30))
    expect(await countLoginFailures(t.db, '10.0.0.1', hours(29))).toBe(1)
    // At hour 50: session h1 expired; codes of A (used at 1) and B (expired at 24) are over a day old (C's went when C was removed); one failure is old.
    expect(await pruneWebRows(t.db, hours(50))).toBe(1 + 2 + 1)
    expect((await findSession(t.db, 'h2', hours(50)))?.operatorName).toBe('A')
    await removeOperator(t.db, a.operatorId, hours(51))
    expect(await findSession(t.db, 'h2', hours(52))).toBeUndefined()
    expect(await t.db.selectFrom('operator_sessions').select('id').execute()).toEqual([])
  })
})
