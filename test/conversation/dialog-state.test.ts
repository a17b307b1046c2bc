import { describe, expect, it } from 'vitest'
import { loadDialogState } from '../../src/conversation/dialog-state.js'

const session = {
  planId: 1, unitId: 2, unitName: 'Phòng Kinh tế', requestKey: '2025-Q4', label: 'Quý IV/2025', dueAt: '2025-12-04T17:00:00.000Z', locksAt: '2025-12-10T17:00:00.000Z',
  deadlineText: 'trước ngày 05/12/2025', remainingText: 'còn 3 ngày làm việc', timezone: 'Asia/Ho_Chi_Minh', submissionId: 9, submissionIds: [9], submitted: false,
  items: [{ kind: 'indicator', indicatorId: 4, aboutUnitId: 2, code: 'CT02', name: 'Số doanh nghiệp', type: 'integer', target: { year: 2025, text: '01 đến 02', reading: { raw: '01 đến 02', kind: 'range', min: 1, max: 2, percent: false } } }],
  answers: { '0': { kind: 'value', value: { num: 2 } } },
  cursor: 0, returnToReview: false,
}

describe('stored dialog state', () => {
  it('reads the current shape as it was written', () => {
    const state = { version: 1, step: 'item', token: 5, session, item: { phase: 'confirm', value: { num: 7 } } }
    const loaded = loadDialogState(JSON.parse(JSON.stringify(state)))
    expect(loaded.reset).toBe(false)
    expect(loaded.state).toMatchObject({ version: 1, step: 'item', token: 5, item: { phase: 'confirm', value: { num: 7 } } })
    expect(loaded.state.step === 'item' && loaded.state.session.answers[0]).toEqual({ kind: 'value', value: { num: 2 } })
  })

  it('migrates a state written before versioning, dropping what the step does not use', () => {
    const loaded = loadDialogState({ step: 'review', token: 8, session, item: { phase: 'answer' } })
    expect(loaded).toMatchObject({ reset: false, state: { version: 1, step: 'review', token: 8 } })
    expect('item' in loaded.state).toBe(false)
  })

  it('resets anything it cannot read to idle, moving the token on so old buttons go stale', () => {
    expect(loadDialogState({ step: 'item', token: 3, session: { ...session, items: 'broken' } })).toEqual({ reset: true, state: { version: 1, step: 'idle', token: 4 } })
    expect(loadDialogState({ version: 99, step: 'wizard', token: 1 })).toEqual({ reset: true, state: { version: 1, step: 'idle', token: 2 } })
    expect(loadDialogState(undefined)).toEqual({ reset: false, state: { version: 1, step: 'idle', token: 0 } })
  })
})
