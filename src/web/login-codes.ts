import { createHash, randomBytes } from 'node:crypto'
import type { Db, OperatorRole } from '../storage/database.js'
import { insertLoginCode, insertOperator } from '../storage/operators.js'

/** How long a login link works. */
export const LOGIN_LINK_HOURS = 24

/** A long random secret for URLs and cookies (256 bits, base64url). */
export function newSecret(): string {
  return randomBytes(32).toString('base64url')
}

/** Login codes and session tokens are stored hashed, like invites: a leaked database opens no session. */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex')
}

/** The login link an operator opens: `<base>/dang-nhap?ma=<code>`. */
export function loginLink(baseUrl: string, code: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/dang-nhap?ma=${encodeURIComponent(code)}`
}

/** A fresh single-use login code for an operator, valid 24 hours; the code is returned once. */
export async function issueLoginCode(db: Db, operatorId: number, now: Date): Promise<{ code: string; expiresAt: Date }> {
  const code = newSecret()
  const expiresAt = new Date(now.getTime() + LOGIN_LINK_HOURS * 3_600_000)
  await insertLoginCode(db, { operatorId, codeHash: hashSecret(code), expiresAt, now })
  return { code, expiresAt }
}

/** Add an operator to a plan and issue their first login code (`dondoc operator add`). */
export async function addOperator(db: Db, args: { planId: number; name: string; role: OperatorRole; now: Date }): Promise<{ operatorId: number; code: string; expiresAt: Date }> {
  const operatorId = await insertOperator(db, args)
  return { operatorId, ...(await issueLoginCode(db, operatorId, args.now)) }
}
