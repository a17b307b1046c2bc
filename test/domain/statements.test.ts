import { describe, expect, it } from 'vitest'
import { groupStatements } from '../../src/domain/reporting/statements.js'

describe('narrative statements grouped for a report', () => {
  it('states the same sentence once with its units, the most shared first, diacritics kept apart', () => {
    const grouped = groupStatements([
      { unitName: 'Thôn 1', body: 'Thiếu máy tính' },
      { unitName: 'Thôn 2', body: 'Thiếu kinh phí' },
      { unitName: 'Thôn 3', body: 'thiếu  KINH PHÍ.' }, // case, spacing and a full stop: the same
      { unitName: 'Thôn 4', body: 'Thieu kinh phi' }, // no diacritics: another text
      { unitName: 'Thôn 5', body: '   ' }, // blank: nothing said
      { unitName: 'Thôn 6', body: 'Thiếu kinh phí!' },
      { unitName: 'Thôn 2', body: 'Thiếu kinh phí' }, // the same unit again (two periods of one request): named once
    ])
    // By hand: "Thiếu kinh phí" by Thôn 2, 3, 6 (3 units) first; then the single ones in the order they came.
    expect(grouped).toEqual([
      { body: 'Thiếu kinh phí', unitNames: ['Thôn 2', 'Thôn 3', 'Thôn 6'] },
      { body: 'Thiếu máy tính', unitNames: ['Thôn 1'] },
      { body: 'Thieu kinh phi', unitNames: ['Thôn 4'] },
    ])
  })

  it('keeps every different statement in the order given', () => {
    expect(groupStatements([])).toEqual([])
    expect(groupStatements([
      { unitName: 'A', body: 'Một' },
      { unitName: 'B', body: 'Hai' },
    ])).toEqual([
      { body: 'Một', unitNames: ['A'] },
      { body: 'Hai', unitNames: ['B'] },
    ])
  })
})
