import type { Db, OperatorRole } from './database.js'

/** An operator as the web page and `dondoc operator list` see them. */
export interface OperatorView {
  id: number
  planId: number
  planCode: string
  name: string
  role: OperatorRole
  createdAt: Date
}

/** Add an operator to a plan; returns its id. */
export async function insertOperator(db: Db, op: { planId: number; name: string; role: OperatorRole; now: Date }): Promise<number> {
  const row = await db.insertInto('operators').values({ plan_id: op.planId, name: op.name, role: op.role, created_at: op.now }).returning('id').executeTakeFirstOrThrow()
  return row.id
}

/** Active operators, every plan, oldest first. */
export async function listOperators(db: Db): Promise<OperatorView[]> {
  const rows = await db
    .selectFrom('operators as o')
    .innerJoin('plans as p', 'p.id', 'o.plan_id')
    .select(['o.id', 'o.plan_id', 'p.code', 'o.name', 'o.role', 'o.created_at'])
    .where('o.removed_at', 'is', null)
    .orderBy('o.id')
    .execute()
  return rows.map((r) => ({ id: r.id, planId: r.plan_id, planCode: r.code, name: r.name, role: r.role, createdAt: r.created_at }))
}

/**
 * Remove an operator and end every session and unused login code of theirs
 * at once (in the caller's transaction). Returns false when there was none.
 */
export async function removeOperator(db: Db, operatorId: number, now: Date): Promise<boolean> {
  const r = await db.updateTable('operators').set({ removed_at: now }).where('id', '=', operatorId).where('removed_at', 'is', null).executeTakeFirst()
  await db.deleteFrom('operator_sessions').where('operator_id', '=', operatorId).execute()
  await db.deleteFrom('operator_login_codes').where('operator_id', '=', operatorId).where('used_at', 'is', null).execute()
  return Number(r.numUpdatedRows) === 1
}

/** Store a one-time login code (only its hash). */
export async function insertLoginCode(db: Db, code: { operatorId: number; codeHash: string; expiresAt: Date; now: Date }): Promise<void> {
  await db.insertInto('operator_login_codes').values({ operator_id: code.operatorId, code_hash: code.codeHash, expires_at: code.expiresAt, created_at: code.now }).execute()
}

/**
 * Spend a login code: succeeds once, only before it expires and only for an
 * operator still active. Returns the operator id, or undefined.
 */
export async function spendLoginCode(db: Db, codeHash: string, now: Date): Promise<number | undefined> {
  const row = await db
    .updateTable('operator_login_codes')
    .set({ used_at: now })
    .where('code_hash', '=', codeHash)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .where('operator_id', 'in', (eb) => eb.selectFrom('operators').select('id').where('removed_at', 'is', null))
    .returning('operator_id')
    .executeTakeFirst()
  return row?.operator_id
}

/** A session as each request needs it: who, which plan, the CSRF token. */
export interface SessionView {
  sessionId: number
  operatorId: number
  operatorName: string
  role: OperatorRole
  planId: number
  csrfToken: string
  expiresAt: Date
  lastSeenAt: Date
}

/** Start a session for an operator. */
export async function insertSession(db: Db, s: { operatorId: number; tokenHash: string; csrfToken: string; now: Date; expiresAt: Date }): Promise<void> {
  await db
    .insertInto('operator_sessions')
    .values({ operator_id: s.operatorId, token_hash: s.tokenHash, csrf_token: s.csrfToken, created_at: s.now, last_seen_at: s.now, expires_at: s.expiresAt })
    .execute()
}

/** The live session with this token hash (not expired, operator not removed). */
export async function findSession(db: Db, tokenHash: string, now: Date): Promise<SessionView | undefined> {
  const r = await db
    .selectFrom('operator_sessions as s')
    .innerJoin('operators as o', 'o.id', 's.operator_id')
    .select(['s.id', 's.operator_id', 'o.name', 'o.role', 'o.plan_id', 's.csrf_token', 's.expires_at', 's.last_seen_at'])
    .where('s.token_hash', '=', tokenHash)
    .where('s.expires_at', '>', now)
    .where('o.removed_at', 'is', null)
    .executeTakeFirst()
  return r && { sessionId: r.id, operatorId: r.operator_id, operatorName: r.name, role: r.role, planId: r.plan_id, csrfToken: r.csrf_token, expiresAt: r.expires_at, lastSeenAt: r.last_seen_at }
}

/** Slide a session's expiry forward. */
export async function touchSession(db: Db, sessionId: number, now: Date, expiresAt: Date): Promise<void> {
  await db.updateTable('operator_sessions').set({ last_seen_at: now, expires_at: expiresAt }).where('id', '=', sessionId).execute()
}

/** End one session (logout). */
export async function deleteSession(db: Db, sessionId: number): Promise<void> {
  await db.deleteFrom('operator_sessions').where('id', '=', sessionId).execute()
}

/** Remember a failed login from a source (an address), for rate limiting. */
export async function recordLoginFailure(db: Db, source: string, now: Date): Promise<void> {
  await db.insertInto('login_failures').values({ source, failed_at: now }).execute()
}

/** How many failed logins a source made since a moment. */
export async function countLoginFailures(db: Db, source: string, since: Date): Promise<number> {
  const r = await db.selectFrom('login_failures').select((eb) => eb.fn.countAll<number>().as('n')).where('source', '=', source).where('failed_at', '>=', since).executeTakeFirstOrThrow()
  return Number(r.n)
}

/** The plan an operator works on. */
export async function operatorPlanId(db: Db, operatorId: number): Promise<number> {
  const r = await db.selectFrom('operators').select('plan_id').where('id', '=', operatorId).executeTakeFirstOrThrow()
  return r.plan_id
}

/**
 * Delete what no longer opens anything: expired sessions, login codes used
 * or expired a day ago, failed logins older than a day (the rate-limit
 * window is minutes). Returns how many rows went.
 */
export async function pruneWebRows(db: Db, now: Date): Promise<number> {
  const dayAgo = new Date(now.getTime() - 86_400_000)
  const sessions = await db.deleteFrom('operator_sessions').where('expires_at', '<=', now).executeTakeFirst()
  const codes = await db
    .deleteFrom('operator_login_codes')
    .where((eb) => eb.or([eb('expires_at', '<=', dayAgo), eb('used_at', '<=', dayAgo)]))
    .executeTakeFirst()
  const failures = await db.deleteFrom('login_failures').where('failed_at', '<', dayAgo).executeTakeFirst()
  return Number(sessions.numDeletedRows) + Number(codes.numDeletedRows) + Number(failures.numDeletedRows)
}
