import type { PaceLimits } from '../delivery/outbound.js'

/**
 * Sending pace for a platform, so a broadcast stays under the limits instead
 * of bouncing off them: a global rate, a per-chat minimum gap, and a per-group
 * budget per minute. `reserve` answers when a message to a chat may go, and
 * books that slot; callers sleep until then.
 */
export class Pacer {
  private nextGlobal = 0
  private readonly chatNext = new Map<string, number>()
  private readonly groupSends = new Map<string, number[]>()

  constructor(private readonly limits: PaceLimits) {}

  /** Book the earliest moment (ms epoch, ≥ now) a message to `chatId` may be sent. */
  reserve(chatId: string, isGroup: boolean, now: number): number {
    const gap = 1000 / this.limits.perSecond
    let at = Math.max(now, this.nextGlobal, this.chatNext.get(chatId) ?? 0)
    if (isGroup) {
      const window = (this.groupSends.get(chatId) ?? []).filter((t) => t > at - 60_000)
      if (window.length >= this.limits.perGroupPerMinute) at = Math.max(at, window[window.length - this.limits.perGroupPerMinute]! + 60_000)
      window.push(at)
      this.groupSends.set(chatId, window)
    }
    this.nextGlobal = at + gap
    this.chatNext.set(chatId, at + (isGroup ? 3000 : this.limits.perChatGapMs))
    if (this.chatNext.size > 50_000) this.prune(now)
    return at
  }

  private readonly recent: number[] = []

  /**
   * Just before a send: wait until fewer than `perSecond` sends happened in
   * the last second. Timers fire late under load and bunch reserved slots
   * together; this keeps the real rate under the limit anyway.
   */
  async admit(now: () => number): Promise<void> {
    for (;;) {
      const t = now()
      while (this.recent.length && this.recent[0]! <= t - 1000) this.recent.shift()
      if (this.recent.length < this.limits.perSecond) {
        this.recent.push(t)
        return
      }
      await new Promise((r) => setTimeout(r, this.recent[0]! + 1000 - t + 1))
    }
  }

  /** Push everything back after a 429 that says how long to wait. */
  backOff(untilMs: number): void {
    this.nextGlobal = Math.max(this.nextGlobal, untilMs)
  }

  private prune(now: number): void {
    for (const [chat, t] of this.chatNext) if (t < now) this.chatNext.delete(chat)
  }
}
