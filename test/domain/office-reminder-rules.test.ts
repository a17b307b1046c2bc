import { describe, expect, it } from 'vitest'
import { isTakingReports } from '../../src/domain/reporting/period-now.js'
import { isOutstanding, unitRequestState } from '../../src/domain/reporting/unit-state.js'

const at = (iso: string) => new Date(iso)

describe('who a manual reminder goes to, and when a request takes reports', () => {
  it('reminds units with nothing or a draft, never one that submitted (on time or late)', () => {
    const due = at('2025-12-04T17:00:00Z')
    expect(isOutstanding(unitRequestState([], due))).toBe(true)
    expect(isOutstanding(unitRequestState([{ status: 'none', answered: 0, submittedAt: null }], due))).toBe(true)
    expect(isOutstanding(unitRequestState([{ status: 'draft', answered: 3, submittedAt: null }], due))).toBe(true)
    // Two periods (the year and its Q4): one submitted, the other still a draft → still outstanding.
    expect(isOutstanding(unitRequestState([{ status: 'submitted', answered: 5, submittedAt: at('2025-12-01T02:00:00Z') }, { status: 'draft', answered: 1, submittedAt: null }], due))).toBe(true)
    expect(isOutstanding(unitRequestState([{ status: 'submitted', answered: 5, submittedAt: at('2025-12-01T02:00:00Z') }], due))).toBe(false)
    expect(isOutstanding(unitRequestState([{ status: 'submitted', answered: 5, submittedAt: at('2025-12-08T02:00:00Z') }], due))).toBe(false)
  })

  it('takes reports from the opening instant up to, not including, the closing one', () => {
    const r = { opensAt: at('2025-11-24T17:00:00Z'), closesAt: at('2025-12-14T17:00:00Z') }
    expect(isTakingReports(r, at('2025-11-24T16:59:59Z'))).toBe(false)
    expect(isTakingReports(r, at('2025-11-24T17:00:00Z'))).toBe(true)
    expect(isTakingReports(r, at('2025-12-14T16:59:59Z'))).toBe(true)
    expect(isTakingReports(r, at('2025-12-14T17:00:00Z'))).toBe(false)
  })
})
