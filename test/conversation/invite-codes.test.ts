import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { generateInviteCode, hashInviteCode, looksLikeInviteCode } from '../../src/conversation/invite-codes.js'

describe('invite codes', () => {
  it('every generated code is recognised when typed, in any case, with spaces or a dash', () => {
    fc.assert(
      fc.property(fc.integer(), () => {
        const code = generateInviteCode()
        expect(looksLikeInviteCode(code)).toBe(true)
        expect(looksLikeInviteCode(code.toLowerCase())).toBe(true)
        expect(looksLikeInviteCode(`${code.slice(0, 4)}-${code.slice(4)}`)).toBe(true)
        expect(hashInviteCode(code.toLowerCase())).toBe(hashInviteCode(code))
      }),
      { numRuns: 2000 },
    )
  })

  it('does not take ordinary words for codes', () => {
    for (const word of ['huongdan', 'tiep tuc', 'bao cao', 'xin chao', '12345678', 'không có', 'HOANTHANH']) expect(looksLikeInviteCode(word)).toBe(false)
  })
})
