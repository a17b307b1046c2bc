import { createHash, randomInt } from 'node:crypto'

/** Letters and digits that cannot be confused on a phone screen (no 0/O, 1/I/L). */
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789'
/** 31^8 ≈ 8.5·10^11 codes: guessing is hopeless with the per-chat slow-down. */
export const INVITE_CODE_LENGTH = 8

/** A fresh one-time code, short enough to read out over the phone. */
export function generateInviteCode(): string {
  let code = ''
  for (let i = 0; i < INVITE_CODE_LENGTH; i++) code += ALPHABET[randomInt(ALPHABET.length)]
  return code
}

/** The canonical form of what a person typed: upper case, without spaces or dashes. */
export function normalizeInviteCode(typed: string): string {
  return typed.toUpperCase().replace(/[\s-]/g, '')
}

/**
 * Whether a text could be an invite code at all (before any database lookup):
 * eight characters of the code alphabet. Ordinary words rarely qualify: the
 * alphabet has no I, L or O.
 */
export function looksLikeInviteCode(typed: string): boolean {
  const n = normalizeInviteCode(typed.trim())
  return n.length === INVITE_CODE_LENGTH && [...n].every((c) => ALPHABET.includes(c))
}

/** Codes are stored hashed: a leaked database does not hand out enrolments. */
export function hashInviteCode(code: string): string {
  return createHash('sha256').update(normalizeInviteCode(code)).digest('hex')
}
