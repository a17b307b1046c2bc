import type { PaceLimits } from '../delivery/outbound.js'

/**
 * The per-chat part of a platform's pace, kept by each dispatcher: a minimum
 * gap between two messages to one chat and a per-group budget per minute
 * (the bot-wide rate is shared by every instance and booked in the database,
 * see `storage/send-pace.ts`).
 */
export class Pacer {
  private readonly chatNext = new Map<string, number>()
  private readonly groupSends = new Map<string, number[]>()

  constructor(private readonly limits: PaceLimits) {}

  /** The bot-wide gap between two sends, ms. */
  get gapMs(): number {
    return 1000 / this.limits.perSecond
  }

  /** The earliest moment (ms epoch, ≥ now) a message to `chatId` may go, without booking it. */
  chatReady(chatId: string, isGroup: boolean, now: number): number {
    let at = Math.max(now, this.chatNext.get(chatId) ?? 0)
    if (isGroup) {
      const window = (this.groupSends.get(chatId) ?? []).filter((t) => t > at - 60_000)
      if (window.length >= this.limits.perGroupPerMinute) at = Math.max(at, window[window.length - this.limits.perGroupPerMinute]! + 60_000)
    }
    return at
  }

  /** Book a send to `chatId` at `at`: the chat's next message waits its gap, a group's counts against its minute. */
  book(chatId: string, isGroup: boolean, at: number): void {
    if (isGroup) {
      const window = (this.groupSends.get(chatId) ?? []).filter((t) => t > at - 60_000)
      window.push(at)
      this.groupSends.set(chatId, window)
    }
    this.chatNext.set(chatId, Math.max(this.chatNext.get(chatId) ?? 0, at + (isGroup ? 3000 : this.limits.perChatGapMs)))
    if (this.chatNext.size > 50_000) this.prune(at)
  }

  /**
   * A send to `chatId` finished at `at`: the platform saw it somewhere between
   * its booking and now, so the chat's gap counts from now (a late request
   * must not land within the gap of the next one).
   */
  settle(chatId: string, isGroup: boolean, at: number): void {
    this.chatNext.set(chatId, Math.max(this.chatNext.get(chatId) ?? 0, at + (isGroup ? 3000 : this.limits.perChatGapMs)))
  }

  private prune(now: number): void {
    for (const [chat, t] of this.chatNext) if (t < now) this.chatNext.delete(chat)
    for (const [chat, sends] of this.groupSends) if (sends.every((t) => t <= now - 60_000)) this.groupSends.delete(chat)
  }
}
