import { timingSafeEqual } from 'node:crypto'
import type http from 'node:http'
import type { Db } from '../storage/database.js'
import { countLoginFailures, deleteSession, findSession, insertSession, recordLoginFailure, spendLoginCode, touchSession, type SessionView } from '../storage/operators.js'
import { cameOverHttps } from './http-io.js'
import { hashSecret, newSecret } from './login-codes.js'

/** The session cookie's name. */
export const SESSION_COOKIE = 'dondoc_session'
/** Sessions last 30 days from the last visit. */
export const SESSION_DAYS = 30
/** A session's expiry moves forward at most this often (one write per hour, not per request). */
const SLIDE_EVERY_MS = 3_600_000
/** Failed logins allowed per source within the window before it is refused. */
export const LOGIN_FAILURES_ALLOWED = 10
export const LOGIN_WINDOW_MS = 15 * 60_000

const sessionMs = SESSION_DAYS * 86_400_000

function readCookie(req: http.IncomingMessage, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const i = part.indexOf('=')
    if (i > 0 && part.slice(0, i).trim() === name) return decodeURIComponent(part.slice(i + 1).trim())
  }
  return undefined
}

/** The Set-Cookie value for a session token (HttpOnly, SameSite=Lax, Secure over HTTPS). */
export function sessionCookie(req: http.IncomingMessage, token: string, maxAgeSeconds: number): string {
  return `${SESSION_COOKIE}=${encodeURIComponent(token)}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${maxAgeSeconds}${cameOverHttps(req) ? '; Secure' : ''}`
}

/** The request's live session, sliding its expiry (the cookie is renewed when it moves). */
export async function currentSession(db: Db, req: http.IncomingMessage, now: Date): Promise<{ session: SessionView; setCookie?: string } | undefined> {
  const token = readCookie(req, SESSION_COOKIE)
  if (!token) return undefined
  const session = await findSession(db, hashSecret(token), now)
  if (!session) return undefined
  if (now.getTime() - session.lastSeenAt.getTime() < SLIDE_EVERY_MS) return { session }
  await touchSession(db, session.sessionId, now, new Date(now.getTime() + sessionMs))
  return { session, setCookie: sessionCookie(req, token, sessionMs / 1000) }
}

/** What a login attempt came to. */
export type LoginResult = { ok: true; operatorId: number; setCookie: string } | { ok: false; reason: 'refused' | 'rate_limited' }

/**
 * Spend a login code and start a session. A source with too many failures
 * in the window is refused before the code is even looked at.
 */
export async function logIn(db: Db, req: http.IncomingMessage, code: string, source: string, now: Date): Promise<LoginResult> {
  if ((await countLoginFailures(db, source, new Date(now.getTime() - LOGIN_WINDOW_MS))) >= LOGIN_FAILURES_ALLOWED) return { ok: false, reason: 'rate_limited' }
  const operatorId = code ? await spendLoginCode(db, hashSecret(code), now) : undefined
  if (operatorId === undefined) {
    await recordLoginFailure(db, source, now)
    return { ok: false, reason: 'refused' }
  }
  const token = newSecret()
  await insertSession(db, { operatorId, tokenHash: hashSecret(token), csrfToken: newSecret(), now, expiresAt: new Date(now.getTime() + sessionMs) })
  return { ok: true, operatorId, setCookie: sessionCookie(req, token, sessionMs / 1000) }
}

/** End the session and clear the cookie. */
export async function logOut(db: Db, req: http.IncomingMessage, session: SessionView): Promise<string> {
  await deleteSession(db, session.sessionId)
  return sessionCookie(req, '', 0)
}

/** Whether a posted CSRF token matches the session's (constant time). */
export function csrfMatches(session: SessionView, posted: string): boolean {
  const a = Buffer.from(session.csrfToken)
  const b = Buffer.from(posted)
  return a.length === b.length && timingSafeEqual(a, b)
}

/**
 * Whether a POST came from our own pages, when the browser says where it
 * came from (Origin or Sec-Fetch-Site); a second line behind the CSRF token.
 */
export function sameOrigin(req: http.IncomingMessage): boolean {
  const site = req.headers['sec-fetch-site']
  if (typeof site === 'string' && site !== 'same-origin' && site !== 'none') return false
  const origin = req.headers.origin
  if (typeof origin !== 'string' || origin === 'null') return origin === undefined
  try {
    const host = new URL(origin).host
    const forwarded = req.headers['x-forwarded-host']
    return host === req.headers.host || (typeof forwarded === 'string' && host === forwarded.split(',')[0]!.trim())
  } catch {
    return false
  }
}
