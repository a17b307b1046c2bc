/** Exponential backoff with full jitter, capped: 2 s, 4 s, 8 s … up to 10 min. */
export function backoffMs(attempt: number, random: () => number = Math.random): number {
  const base = Math.min(600_000, 2000 * 2 ** Math.max(0, attempt - 1))
  return Math.round(base / 2 + random() * (base / 2))
}
