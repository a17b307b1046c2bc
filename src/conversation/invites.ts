import type { Db } from '../storage/database.js'
import { insertInvite } from '../storage/invites.js'
import { findUnitByCode } from '../storage/units.js'
import { generateInviteCode, hashInviteCode } from './invite-codes.js'

/** How long an invite stays valid. */
export const INVITE_VALID_DAYS = 14

/** Raised when an invite names a unit the plan does not have. */
export class UnknownUnitError extends Error {
  constructor(readonly planCode: string, readonly unitCode: string) {
    super(`plan ${planCode} has no unit "${unitCode}"`)
    this.name = 'UnknownUnitError'
  }
}

/**
 * Make a one-time invite code for a unit's contact or for a leader. The code
 * is returned once, to be handed over; only its hash is stored.
 */
export async function createInvite(
  db: Db,
  args: { planId: number; planCode: string; unitCode?: string; leader: boolean; displayName?: string; now: Date },
): Promise<{ code: string; expiresAt: Date; unitName?: string; unitCode?: string }> {
  let unit: { id: number; code: string; name: string } | undefined
  if (!args.leader) {
    unit = await findUnitByCode(db, args.planId, args.unitCode ?? '')
    if (!unit) throw new UnknownUnitError(args.planCode, args.unitCode ?? '')
  }
  const code = generateInviteCode()
  const expiresAt = new Date(args.now.getTime() + INVITE_VALID_DAYS * 86_400_000)
  await insertInvite(db, { planId: args.planId, unitId: unit?.id ?? null, role: args.leader ? 'leader' : 'reporter', displayName: args.displayName ?? null, codeHash: hashInviteCode(code), expiresAt })
  return { code, expiresAt, ...(unit ? { unitName: unit.name, unitCode: unit.code } : {}) }
}
