/**
 * A failed platform send, classified the way the outbox must react:
 * `retry` (429, 5xx, network: try again later), `blocked` (the person blocked
 * the bot: stop and tell the standing office), `permanent` (a bad request:
 * retrying cannot help).
 */
export class SendFailure extends Error {
  constructor(
    readonly kind: 'retry' | 'blocked' | 'permanent',
    readonly method: string,
    readonly code: number | null,
    message: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(`${method} failed (${code ?? 'network'}): ${message}`)
    this.name = 'SendFailure'
  }
}

/** Exponential backoff with full jitter, capped: 2 s, 4 s, 8 s … up to 10 min. */
export function backoffMs(attempt: number, random: () => number = Math.random): number {
  const base = Math.min(600_000, 2000 * 2 ** Math.max(0, attempt - 1))
  return Math.round(base / 2 + random() * (base / 2))
}
