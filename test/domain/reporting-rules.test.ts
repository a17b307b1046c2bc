import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { aggregateAnswers, aggregateRuleOf, aggregateTotals, totalsOf, type AnswerTotals } from '../../src/domain/reporting/aggregate.js'
import { judgeAgainst, milestoneFor } from '../../src/domain/reporting/milestone.js'
import { isHistory, requestThatMattersNow } from '../../src/domain/reporting/period-now.js'
import { findRequestByWords, readPeriodWords } from '../../src/domain/reporting/period-words.js'
import { requestsOf, type PeriodRow } from '../../src/domain/reporting/requests.js'
import { completeness, unitRequestState } from '../../src/domain/reporting/unit-state.js'
import { neutraliseText } from '../../src/domain/safe-text.js'

const TZ = 'Asia/Ho_Chi_Minh'
/** Local midnight in Vietnam as an instant (UTC+7, no DST). */
const local = (d: string) => new Date(`${d}T00:00:00+07:00`)
let nextId = 1
const period = (scheduleCode: string, periodKind: string, key: string, label: string, window: [string, string], opens: string, due: string, closes: string): PeriodRow => ({
  id: nextId++,
  scheduleCode,
  periodKind,
  key,
  label,
  windowFrom: window[0],
  windowTo: window[1],
  opensAt: local(opens),
  dueAt: local(due),
  locksAt: local(due),
  closesAt: local(closes),
})

// Ea Wy's calendar for 2026, written out by hand: quarters before the 5th of the quarter's last month, half-year before 10/6, year before 05/12.
const ROWS = [
  period('quy', 'quarter', '2026-Q1', 'Quý I/2026', ['2025-12-05', '2026-03-04'], '2026-02-20', '2026-03-05', '2026-04-02'),
  period('quy', 'quarter', '2026-Q2', 'Quý II/2026', ['2026-03-05', '2026-06-04'], '2026-05-22', '2026-06-05', '2026-07-03'),
  period('6thang', 'half', '2026-H1', '6 tháng đầu năm 2026', ['2025-12-15', '2026-06-09'], '2026-05-27', '2026-06-10', '2026-07-08'),
  period('quy', 'quarter', '2026-Q3', 'Quý III/2026', ['2026-06-05', '2026-09-04'], '2026-08-21', '2026-09-05', '2026-10-05'),
  period('quy', 'quarter', '2026-Q4', 'Quý IV/2026', ['2026-09-05', '2026-12-04'], '2026-11-20', '2026-12-05', '2027-01-04'),
  period('nam', 'year', '2026-Y', 'Năm 2026', ['2025-12-15', '2026-12-04'], '2026-11-20', '2026-12-05', '2027-01-04'),
]
const requests = requestsOf(ROWS, { combine: true, combineWithinDays: 10 }, TZ)

describe('requests and the one that matters now', () => {
  it('groups the year with its fourth quarter and the half-year with the second quarter', () => {
    expect(requests.map((r) => r.label)).toEqual(['Quý I/2026', '6 tháng đầu năm 2026 (gồm Quý II/2026)', 'Quý III/2026', 'Năm 2026 (gồm Quý IV/2026)'])
    // The combined request is due at the earlier deadline.
    expect(requests[1]!.dueAt.toISOString()).toBe(local('2026-06-05').toISOString())
  })

  const at = (d: string, since = '2026-01-01') => requestThatMattersNow(requests, new Date(`${d}T08:00:00+07:00`), local(since))?.label
  it('prefers the open request, then the most recent still taking late reports, then the most recent, then the next', () => {
    expect(at('2026-11-25')).toBe('Năm 2026 (gồm Quý IV/2026)') // open: not the older Quý III
    expect(at('2026-12-06')).toBe('Năm 2026 (gồm Quý IV/2026)') // due yesterday, still taking late reports
    expect(at('2026-09-20')).toBe('Quý III/2026') // late reports until 05/10
    expect(at('2026-11-10')).toBe('Quý III/2026') // closed, nothing open: the most recent
    expect(at('2026-02-01')).toBe('Quý I/2026') // nothing due yet since tracking: the next
  })
  it('treats reports due before tracking started as history', () => {
    expect(at('2026-11-10', '2026-09-10')).toBe('Năm 2026 (gồm Quý IV/2026)')
    expect(isHistory(requests[2]!, local('2026-09-10'))).toBe(true)
    expect(isHistory(requests[2]!, local('2026-09-05'))).toBe(false) // due at that very instant: tracked
  })
})

describe('period words', () => {
  const now = new Date('2026-11-25T01:00:00Z')
  const find = (w: string) => findRequestByWords(w, requests, now)?.label
  it.each([
    ['quý 3', 'Quý III/2026'],
    ['Quý III/2026', 'Quý III/2026'],
    ['quy 3 nam 2026', 'Quý III/2026'],
    ['q3', 'Quý III/2026'],
    ['2026-Q3', 'Quý III/2026'],
    ['quý 4', 'Năm 2026 (gồm Quý IV/2026)'],
    ['năm 2026', 'Năm 2026 (gồm Quý IV/2026)'],
    ['năm', 'Năm 2026 (gồm Quý IV/2026)'],
    ['6 tháng', '6 tháng đầu năm 2026 (gồm Quý II/2026)'],
    ['6 tháng đầu năm 2026', '6 tháng đầu năm 2026 (gồm Quý II/2026)'],
    ['2026-Y+2026-Q4', 'Năm 2026 (gồm Quý IV/2026)'],
  ])('"%s" → %s', (words, label) => expect(find(words)).toBe(label))
  it('names nothing for periods the plan does not have', () => {
    expect(find('tháng 11')).toBeUndefined()
    expect(find('quý 3/2031')).toBeUndefined()
    expect(find('6 tháng cuối năm')).toBeUndefined()
    expect(readPeriodWords('tháng 11/2026')).toEqual({ keyPattern: /^2026-M11$/, year: 2026 })
  })
})

describe('unit state on a request', () => {
  const due = local('2026-12-05')
  it('is on time only when the first submission came before the deadline', () => {
    expect(unitRequestState([{ status: 'submitted', answered: 9, submittedAt: local('2026-12-04') }, { status: 'covered', answered: 0, submittedAt: null }], due).kind).toBe('on_time')
    expect(unitRequestState([{ status: 'submitted', answered: 9, submittedAt: due }], due).kind).toBe('late')
    expect(unitRequestState([{ status: 'submitted', answered: 9, submittedAt: local('2026-12-01') }, { status: 'draft', answered: 3, submittedAt: null }], due)).toEqual({ kind: 'drafting', answered: 9 })
    expect(unitRequestState([{ status: 'none', answered: 0, submittedAt: null }], due)).toEqual({ kind: 'not_started' })
  })
  it('never shows 100 % while a unit is missing', () => {
    const states = [...Array.from({ length: 199 }, () => ({ kind: 'on_time' as const, submittedAt: due })), { kind: 'not_started' as const }]
    expect(completeness(states).percent).toBe(99)
  })
  it('completeness never exceeds 100 % and adds up', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('on_time', 'late', 'drafting', 'not_started')), (kinds) => {
        const c = completeness(kinds.map((k) => (k === 'on_time' || k === 'late' ? { kind: k, submittedAt: due } : k === 'drafting' ? { kind: k, answered: 1 } : { kind: k })))
        return c.percent >= 0 && c.percent <= 100 && c.submitted + c.drafting + c.notStarted === c.expected && c.onTime + c.late === c.submitted
      }),
    )
  })
})

describe('aggregation', () => {
  it.each([
    [{ type: 'percent', name: 'Tỷ lệ phủ sóng 5G' }, 'mean'],
    [{ type: 'number', name: 'Số người nghiên cứu', unit: 'người/vạn dân' }, 'mean'],
    [{ type: 'number', name: 'Thu nhập', unit: 'triệu đồng/người' }, 'mean'],
    [{ type: 'number', name: 'Chỉ số chuyển đổi số cấp xã' }, 'mean'],
    [{ type: 'number', name: 'Tỷ lệ hộ nghèo', unit: 'hộ' }, 'mean'],
    [{ type: 'integer', name: 'Số doanh nghiệp', unit: 'doanh nghiệp' }, 'sum'],
    [{ type: 'number', name: 'Chi ngân sách', unit: 'triệu đồng' }, 'sum'],
    [{ type: 'yes_no', name: 'Có tổ công nghệ số' }, 'count_yes'],
    [{ type: 'text', name: 'Ứng dụng AI' }, 'list'],
    [{ type: 'integer', name: 'Dân số', aggregate: 'max' }, 'max'],
  ] as const)('%o → %s', (ind, rule) => expect(aggregateRuleOf(ind)).toBe(rule))

  const n = (unitName: string, num: number, weight?: number) => ({ unitName, value: { num }, ...(weight ? { weight } : {}) })
  it('computes each rule by hand', () => {
    expect(aggregateAnswers('mean', [n('A', 12), n('B', 20)])).toEqual({ rule: 'mean', value: 16, units: 2 })
    expect(aggregateAnswers('sum', [n('A', 3), n('B', 5), n('C', 0)])).toEqual({ rule: 'sum', value: 8, units: 3 })
    expect(aggregateAnswers('weighted', [n('A', 10, 1000), n('B', 20, 3000)])).toEqual({ rule: 'weighted', value: 17.5, units: 2 })
    expect(aggregateAnswers('min', [n('A', 10), n('B', 20)])).toEqual({ rule: 'min', value: 10, units: 2 })
    expect(aggregateAnswers('count_yes', [{ unitName: 'A', value: { bool: true } }, { unitName: 'B', value: { bool: false } }, { unitName: 'C', value: { bool: true } }])).toEqual({ rule: 'count_yes', yes: 2, units: 3 })
    expect(aggregateAnswers('sum', [{ unitName: 'A', value: { text: 'x' } }])).toBeUndefined()
  })
  /**
   * Totals as SQL would hand them over, worked out by hand. Four units answer a rate
   * (12, 20, 16,5 người/vạn dân; the fourth wrote a text), a weighted rate (10 % for
   * 1000 people, 20 % for 3000, 40 % for a unit with no weight), a yes/no (Có, Không,
   * Có) and a list; a fifth unit is missing from all of them.
   */
  const totals = (t: Partial<AnswerTotals>): AnswerTotals => ({ answered: 0, nums: 0, sum: 0, min: undefined, max: undefined, bools: 0, yes: 0, weighted: 0, weightedSum: 0, weightTotal: 0, ...t })
  it('turns totals into the figure by the rule, by hand', () => {
    const rate = totals({ answered: 4, nums: 3, sum: 48.5, min: 12, max: 20 })
    expect(aggregateTotals('mean', rate)).toEqual({ rule: 'mean', value: 16.166666667, units: 3 })
    expect(aggregateTotals('sum', rate)).toEqual({ rule: 'sum', value: 48.5, units: 3 })
    expect(aggregateTotals('min', rate)).toEqual({ rule: 'min', value: 12, units: 3 })
    expect(aggregateTotals('max', rate)).toEqual({ rule: 'max', value: 20, units: 3 })
    expect(aggregateTotals('list', rate)).toEqual({ rule: 'list', units: 4 })
    // (10·1000 + 20·3000) / 4000 = 17,5 over the two weighted units; 40 % has no weight.
    const weighted = totals({ answered: 3, nums: 3, sum: 70, min: 10, max: 40, weighted: 2, weightedSum: 70_000, weightTotal: 4000 })
    expect(aggregateTotals('weighted', weighted)).toEqual({ rule: 'weighted', value: 17.5, units: 2 })
    // No weight at all: the plain mean (10 + 20 + 40) / 3.
    expect(aggregateTotals('weighted', totals({ answered: 3, nums: 3, sum: 70, min: 10, max: 40 }))).toEqual({ rule: 'mean', value: 23.333333333, units: 3 })
    expect(aggregateTotals('count_yes', totals({ answered: 3, bools: 3, yes: 2 }))).toEqual({ rule: 'count_yes', yes: 2, units: 3 })
    expect(aggregateTotals('sum', totals({ answered: 1 }))).toBeUndefined()
    expect(aggregateTotals('count_yes', totals({ answered: 2, nums: 2, sum: 3, min: 1, max: 2 }))).toBeUndefined()
    expect(aggregateTotals('list', totals({}))).toBeUndefined()
  })
  it('takes the same totals from answers in hand as worked out above, and so the same figure', () => {
    const rate = [n('A', 12), n('B', 20), n('C', 16.5), { unitName: 'D', value: { text: 'chưa có số liệu' } }]
    expect(totalsOf(rate)).toEqual(totals({ answered: 4, nums: 3, sum: 48.5, min: 12, max: 20 }))
    expect(aggregateAnswers('mean', rate)).toEqual({ rule: 'mean', value: 16.166666667, units: 3 })
    const weighted = [n('A', 10, 1000), n('B', 20, 3000), n('C', 40)]
    expect(totalsOf(weighted)).toEqual(totals({ answered: 3, nums: 3, sum: 70, min: 10, max: 40, weighted: 2, weightedSum: 70_000, weightTotal: 4000 }))
    expect(aggregateAnswers('weighted', weighted)).toEqual({ rule: 'weighted', value: 17.5, units: 2 })
    const yesNo = [{ unitName: 'A', value: { bool: true } }, { unitName: 'B', value: { bool: false } }, { unitName: 'C', value: { bool: true } }]
    expect(totalsOf(yesNo)).toEqual(totals({ answered: 3, bools: 3, yes: 2 }))
    expect(aggregateAnswers('count_yes', yesNo)).toEqual({ rule: 'count_yes', yes: 2, units: 3 })
  })
  it("a rate's aggregate lies between its units' min and max", () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 100, noNaN: true }), { minLength: 1 }), fc.constantFrom('mean', 'weighted', 'min', 'max' as const), (values, rule) => {
        const agg = aggregateAnswers(rule, values.map((v, i) => n(`U${i}`, v, i + 1)))
        return agg !== undefined && 'value' in agg && agg.value >= Math.min(...values) - 1e-6 && agg.value <= Math.max(...values) + 1e-6
      }),
    )
  })
})

describe('milestones', () => {
  const targets = { 2025: '≥ 60%', 2030: '100%' }
  it('applies the nearest milestone at or after the report year', () => {
    expect(milestoneFor(targets, 2026)).toMatchObject({ kind: 'target', year: 2030, text: '100%' })
    expect(milestoneFor(targets, 2025)).toMatchObject({ kind: 'target', year: 2025 })
    expect(milestoneFor(targets, 2031)).toEqual({ kind: 'past_all', lastYear: 2030 })
    expect(milestoneFor({}, 2026)).toEqual({ kind: 'none' })
  })
  it('says how far a value is from it', () => {
    expect(judgeAgainst({ num: 97.5 }, milestoneFor(targets, 2026))).toEqual({ kind: 'short', gap: 2.5, percentPoints: true, over: false })
    expect(judgeAgainst({ num: 100 }, milestoneFor(targets, 2026))).toEqual({ kind: 'met' })
    expect(judgeAgainst({ num: 7 }, milestoneFor({ 2030: '≤ 5' }, 2026))).toEqual({ kind: 'short', gap: 2, percentPoints: false, over: true })
    expect(judgeAgainst({ bool: false }, milestoneFor({ 2025: 'Có' }, 2025))).toEqual({ kind: 'short', percentPoints: false, over: false })
    expect(judgeAgainst({ num: 1 }, milestoneFor({ 2045: 'Đóng góp' }, 2026))).toEqual({ kind: 'unjudged' })
  })
})

describe('other people\'s text', () => {
  it('loses bidirectional overrides, zero-width and control characters and line breaks', () => {
    expect(neutraliseText('Bổ sung\u202Eđã duyệt\u202C\u200B kinh phí\r\nnăm\u00072027')).toBe('Bổ sungđã duyệt kinh phí năm2027')
  })
})
