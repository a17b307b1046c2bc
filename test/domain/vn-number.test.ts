import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { formatVnNumber, parseVnNumber } from '../../src/domain/vn-number.js'

describe('parseVnNumber', () => {
  it.each([
    ['72,5', 72.5],
    ['72.5', 72.5],
    ['72.5%', 72.5],
    ['72,5 %', 72.5],
    ['1.234', 1234],
    ['1.234.567', 1234567],
    ['1.234,5', 1234.5],
    ['0.60', 0.6],
    ['01', 1],
    ['-5', -5],
    [' 40 ', 40],
    ['1 234', 1234],
  ])('%s → %d', (text, value) => {
    const r = parseVnNumber(text)
    expect(r).toMatchObject({ ok: true, value })
  })

  it.each(['abc', '12,5,3', '', '1..2', '1,2.3', '😀', '5a'])('refuses %j', (text) => {
    expect(parseVnNumber(text).ok).toBe(false)
  })

  it('reads back what it formats', () => {
    fc.assert(
      fc.property(fc.integer({ min: -10_000_000, max: 10_000_000 }), fc.integer({ min: 0, max: 99 }), (whole, cents) => {
        const value = whole + Math.sign(whole || 1) * cents / 100
        const r = parseVnNumber(formatVnNumber(value))
        expect(r.ok && Math.abs(r.value - value) < 1e-9).toBe(true)
      }),
    )
  })

  it('formats with decimal comma and dot grouping', () => {
    expect(formatVnNumber(72.5)).toBe('72,5')
    expect(formatVnNumber(1234)).toBe('1.234')
    expect(formatVnNumber(1234567.891)).toBe('1.234.567,89')
    expect(formatVnNumber(0.8)).toBe('0,8')
  })
})
