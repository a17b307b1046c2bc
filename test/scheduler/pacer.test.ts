import { describe, expect, it } from 'vitest'
import { Pacer } from '../../src/scheduler/pacer.js'

describe('Pacer', () => {
  it('spaces sends to the global rate and books each chat at least its gap apart', () => {
    const p = new Pacer({ perSecond: 4, perChatGapMs: 1000, perGroupPerMinute: 20 })
    // 4/s: one slot every 250 ms, from t = 10 000.
    expect([p.reserve('a', false, 10_000), p.reserve('b', false, 10_000), p.reserve('c', false, 10_000)]).toEqual([10_000, 10_250, 10_500])
    // Chat a again: the global slot would be 10 750, but a was booked at 10 000, so not before 11 000.
    expect(p.reserve('a', false, 10_000)).toBe(11_000)
    // The global pace continues from the last booking.
    expect(p.reserve('d', false, 10_000)).toBe(11_250)
  })

  it('keeps a group under its budget per minute', () => {
    const p = new Pacer({ perSecond: 1000, perChatGapMs: 0, perGroupPerMinute: 2 })
    const a = p.reserve('-1', true, 0)
    const b = p.reserve('-1', true, 0)
    const c = p.reserve('-1', true, 0)
    // Groups get 3 s between messages; the third of a 2-per-minute budget waits for the first to leave the window.
    expect([a, b, c]).toEqual([0, 3000, 60_000])
  })

  it('backs off everyone after a 429 that says how long to wait', () => {
    const p = new Pacer({ perSecond: 10, perChatGapMs: 0, perGroupPerMinute: 20 })
    p.backOff(5_000)
    expect(p.reserve('x', false, 1_000)).toBe(5_000)
  })

  it('admits no more than perSecond sends in any one second', async () => {
    const p = new Pacer({ perSecond: 3, perChatGapMs: 0, perGroupPerMinute: 20 })
    let clock = 0
    const admitted: number[] = []
    const tries = Array.from({ length: 5 }, () => p.admit(() => clock).then(() => admitted.push(clock)))
    // The first three pass at once; the other two wait for the window to move.
    await waitFor(() => admitted.length === 3)
    expect(admitted).toEqual([0, 0, 0])
    clock = 1001
    await Promise.all(tries)
    expect(admitted).toEqual([0, 0, 0, 1001, 1001])
  })
})

/** Wait until `done()` holds, checking every few milliseconds, for at most 10 s. */
async function waitFor(done: () => boolean): Promise<void> {
  const deadline = Date.now() + 10_000
  while (!done()) {
    if (Date.now() > deadline) throw new Error('condition not met within 10 s')
    await new Promise((r) => setTimeout(r, 2))
  }
}
