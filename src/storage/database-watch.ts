import type { HealthBoard } from '../health.js'
import type { Logger } from '../logger.js'
import type { DatabaseHandle } from './connection.js'
import { describeDbError } from './db-errors.js'

/**
 * Keeps the `database` part of the health board true: a cheap `select 1`
 * every few seconds, and at once after any connection failure the pool saw.
 * The part turns degraded (so /healthz answers 503 naming it) while the
 * database fails, and ok again by itself when it answers.
 */
export function watchDatabase(handle: DatabaseHandle, board: HealthBoard, log: Logger, opts: { intervalMs?: number; probeTimeoutMs?: number } = {}): { stop(): void } {
  const intervalMs = opts.intervalMs ?? 5_000
  const probeTimeoutMs = opts.probeTimeoutMs ?? 5_000
  let healthy = true
  let probing = false
  let soon: NodeJS.Timeout | undefined
  let stopped = false

  const degrade = (err: unknown) => {
    const reason = describeDbError(err)
    board.set('database', 'degraded', reason)
    if (healthy) log.warn({ reason, database: handle.describe }, 'database failing')
    healthy = false
  }

  const probe = async () => {
    if (probing || stopped) return
    probing = true
    try {
      await handle.ping(probeTimeoutMs)
      board.set('database', 'ok')
      if (!healthy) log.info({ database: handle.describe }, 'database answers again')
      healthy = true
    } catch (err) {
      degrade(err)
    } finally {
      probing = false
    }
  }

  handle.onConnectionError((err) => {
    if (stopped) return
    degrade(err)
    if (!soon) {
      soon = setTimeout(() => {
        soon = undefined
        void probe()
      }, 500)
      soon.unref()
    }
  })
  board.set('database', 'ok')
  const timer = setInterval(() => void probe(), intervalMs)
  timer.unref()
  return {
    stop() {
      stopped = true
      clearInterval(timer)
      if (soon) clearTimeout(soon)
    },
  }
}
