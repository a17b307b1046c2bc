import { describe, expect, it } from 'vitest'
import { Pacer } from '../../src/scheduler/pacer.js'

describe('Pacer (per-chat part)', () => {
  it('books each private chat at least its gap apart, and lets other chats go at once', () => {
    const p = new Pacer({ perSecond: 4, perChatGapMs: 1000, perGroupPerMinute: 20 })
    expect(p.gapMs).toBe(250)
    expect(p.chatReady('a', false, 10_000)).toBe(10_000)
    p.book('a', false, 10_000)
    // Chat a again: not before 11 000; chat b is free now.
    expect(p.chatReady('a', false, 10_100)).toBe(11_000)
    expect(p.chatReady('b', false, 10_100)).toBe(10_100)
    // Booked later than its gap asked (the shared pace was busy): the gap counts from the real slot.
    p.book('a', false, 11_400)
    expect(p.chatReady('a', false, 11_400)).toBe(12_400)
  })

  it('keeps a group under its budget per minute', () => {
    const p = new Pacer({ perSecond: 1000, perChatGapMs: 0, perGroupPerMinute: 2 })
    const a = p.chatReady('-1', true, 0)
    p.book('-1', true, a)
    const b = p.chatReady('-1', true, 0)
    p.book('-1', true, b)
    const c = p.chatReady('-1', true, 0)
    // Groups get 3 s between messages; the third of a 2-per-minute budget waits for the first to leave the window.
    expect([a, b, c]).toEqual([0, 3000, 60_000])
  })
})
