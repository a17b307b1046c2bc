/**
 * The contract between the outbox dispatcher and the channels, as types only:
 * what a message to deliver looks like, how a send can fail, and each
 * channel's limits as data. Channels implement `ChannelSender`; the
 * dispatcher (scheduler) owns pacing, retries and bookkeeping. Neither side
 * imports the other.
 */
import type { Reply } from '../conversation/types.js'
import type { Channel } from '../storage/database.js'
import type { ClaimedMessage } from '../storage/outbox.js'

/** One outbox row handed to a channel for delivery: the claimed row, its payload read as a reply. */
export interface OutboundMessage extends Omit<ClaimedMessage, 'payload'> {
  /** What to show: text with optional choices, as the conversation renders it. */
  payload: Reply
}

/**
 * Why a send failed, classified the way the outbox must react:
 * `retry` (429, 5xx, network, the platform's transient errors: try again later),
 * `blocked` (the person blocked the bot: stop and tell the standing office),
 * `permanent` (a bad request: retrying cannot help),
 * `paused` (the channel itself is out of order, e.g. its token was refused:
 * put the row back without counting an attempt; it waits for the channel).
 */
export interface SendFailureInfo {
  kind: 'retry' | 'blocked' | 'permanent' | 'paused'
  /** The platform method that failed ("sendMessage"). */
  method: string
  /** The platform's error code; null for network errors. */
  code: number | null
  message: string
  /** Seconds the platform asked us to wait (Telegram's retry_after). */
  retryAfterSeconds?: number
}

/** What one send produced: delivered, or a classified failure. */
export type SendResult = { ok: true } | ({ ok: false } & SendFailureInfo)

/** A platform's sending limits, as data: the dispatcher paces by them. */
export interface PaceLimits {
  /** Messages per second for the whole bot, replies and broadcasts together, in any one-second window. */
  perSecond: number
  /** Of `perSecond`, how many a broadcast leaves free every second for interactive replies (default 0). */
  replyReserve?: number
  /** Minimum milliseconds between two messages to one private chat. */
  perChatGapMs: number
  /** Messages per minute to one group. */
  perGroupPerMinute: number
}

/** How one platform delivers an outbox row. It never throws: every failure comes back classified. */
export interface ChannelSender {
  channel: Channel
  /**
   * The bot's identity on its platform (Telegram: the number before ':' in
   * the token). Every instance sending as this bot shares one pace; absent
   * means the channel's only bot.
   */
  botId?: string
  limits: PaceLimits
  isGroup(chatId: string): boolean
  /** False while the channel cannot send at all (token refused): its rows stay queued, unclaimed. Absent means always. */
  available?(): boolean
  send(message: OutboundMessage): Promise<SendResult>
}

/**
 * The bot's shared send pace as a channel's interactive replies take part in
 * it: a reply counts against the same per-second limit as the broadcast (so
 * together they never draw a 429), but it waits only for a free place in the
 * window, never behind the broadcast's queue. `acquire` resolves when the
 * send may go and gives the function to call once the platform answered.
 */
export interface ReplyPace {
  acquire(): Promise<() => Promise<void>>
}
