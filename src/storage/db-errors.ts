/**
 * Which database errors mean "the connection or the server went away"
 * (retry on a fresh connection, mark the database degraded) as opposed to
 * "this statement is wrong" (never retried). Kept apart so the driver, the
 * health probe and the operator messages classify errors the same way.
 */

const CONNECTION_SQLSTATES = new Set([
  '57P01', // admin_shutdown: pg_terminate_backend, a fast shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now: the server is starting or stopping
  '53300', // too_many_connections
])

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'ECONNABORTED'])

const CONNECTION_MESSAGES = [
  'Connection terminated',
  'Client has encountered a connection error',
  'timeout exceeded when trying to connect',
  'Query read timeout',
  'Client was closed and is not queryable',
  'Connection refused',
]

/** True when the error says the connection or the server failed, not the statement: safe to retry on a new connection. */
export function isConnectionError(err: unknown): boolean {
  if (!(err instanceof Error)) return false
  const code = (err as { code?: unknown }).code
  if (typeof code === 'string' && (CONNECTION_SQLSTATES.has(code) || code.startsWith('08') || NETWORK_CODES.has(code))) return true
  // A Unix socket that is not there (the embedded database's service stopped), not any missing file.
  if (code === 'ENOENT' && (err as { syscall?: unknown }).syscall === 'connect') return true
  if (err instanceof AggregateError && err.errors.some(isConnectionError)) return true
  return CONNECTION_MESSAGES.some((m) => err.message.includes(m))
}

/** True when a whole transaction may simply be run again: it was rolled back by a lost connection, a serialization failure or a deadlock. */
export function isRetryableTransactionError(err: unknown): boolean {
  const code = err instanceof Error ? (err as { code?: unknown }).code : undefined
  return isConnectionError(err) || code === '40001' || code === '40P01'
}

/** A short English description for logs and /healthz ("ECONNREFUSED 127.0.0.1:5432", "57P01 terminating connection …"). */
export function describeDbError(err: unknown): string {
  if (!(err instanceof Error)) return String(err)
  if (err instanceof AggregateError && err.errors.length) return describeDbError(err.errors[0])
  const code = (err as { code?: unknown }).code
  const text = err.message || err.name
  return typeof code === 'string' && !text.includes(code) ? `${code} ${text}` : text
}
