/**
 * The service's health board: each part (the database, each channel, the
 * scheduler) says whether it is working, and `/healthz` shows the whole board.
 * Shared by every room but the domain, like the logger, so a channel can mark
 * itself degraded without importing the CLI. Parts heal by setting 'ok' again.
 */

/** One part's state; `reason` is English for operators' logs and /healthz. */
export interface PartHealth {
  state: 'starting' | 'ok' | 'degraded' | 'off'
  reason?: string
  /** When the state last changed (ISO). */
  since: string
}

/** What a part holds to report itself; the board is created once by the composition root. */
export interface HealthBoard {
  set(part: string, state: PartHealth['state'], reason?: string): void
  get(part: string): PartHealth | undefined
  /** `ready` only when every part is ok or off; `degraded` names the failing parts. */
  report(): { ready: boolean; status: 'ok' | 'starting' | 'degraded'; parts: Record<string, PartHealth> }
}

/** A fresh board; `clock` is injectable for tests. */
export function createHealthBoard(clock: () => Date = () => new Date()): HealthBoard {
  const parts = new Map<string, PartHealth>()
  return {
    set(part, state, reason) {
      const current = parts.get(part)
      if (current && current.state === state && current.reason === reason) return
      parts.set(part, { state, ...(reason ? { reason } : {}), since: clock().toISOString() })
    },
    get: (part) => parts.get(part),
    report() {
      const all = Object.fromEntries(parts)
      const states = [...parts.values()].map((p) => p.state)
      const status = states.includes('degraded') ? 'degraded' : states.includes('starting') ? 'starting' : 'ok'
      return { ready: status === 'ok', status, parts: all }
    },
  }
}
