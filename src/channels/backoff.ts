/**
 * Retry pacing for a channel's connection to its platform: growing delays
 * with jitter, capped so a channel that was down for an hour comes back
 * within a minute of the platform, and sleeps that end at once on shutdown.
 */

/** How a channel paces its retries; tests shorten both. */
export interface RetryPace {
  /** First delay, ms. */
  baseMs: number
  /** Longest delay, ms. */
  capMs: number
}

/** The production pace: 1 s, 2 s, 4 s … at most 60 s. */
export const DEFAULT_RETRY_PACE: RetryPace = { baseMs: 1000, capMs: 60_000 }

/** Delay before retry number `failures` (1-based): doubling from base, capped, with jitter in [50%, 100%]. */
export function retryDelayMs(failures: number, pace: RetryPace, random: () => number = Math.random): number {
  const full = Math.min(pace.capMs, pace.baseMs * 2 ** Math.min(30, Math.max(0, failures - 1)))
  return Math.round(full / 2 + random() * (full / 2))
}

/** Wait `ms`, or less if `signal` aborts (then it resolves, it does not throw). */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve()
    const done = () => {
      clearTimeout(timer)
      signal?.removeEventListener('abort', done)
      resolve()
    }
    const timer = setTimeout(done, ms)
    signal?.addEventListener('abort', done, { once: true })
  })
}

/** How a channel reports itself on the health board (`board.set(part, …)` bound to its part). */
export type ChannelHealth = (state: 'starting' | 'ok' | 'degraded' | 'off', reason?: string) => void
