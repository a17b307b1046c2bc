import { z } from 'zod'
import { DIALOG_VERSION, IDLE, type ConversationState } from './state.js'

/**
 * Reading a stored dialog state back. The JSON in `conversations` may come
 * from an older release: it is parsed, never cast. A state from before
 * versioning (same shape, no `version`) is migrated; anything else that does
 * not parse is reset to idle, and the person is told once (their answers are
 * in the database, so nothing is lost).
 */

const answerValue = z.union([z.object({ num: z.number() }), z.object({ bool: z.boolean() }), z.object({ text: z.string() })])
const taskStatus = z.enum(['done', 'in_progress', 'not_started', 'delayed'])
const unitOf = { unit: z.string().optional() }
const target = z.union([
  z.object({ raw: z.string(), kind: z.literal('compare'), comparator: z.enum(['gte', 'gt', 'lte', 'lt', 'eq']), value: z.number(), ...unitOf, percent: z.boolean() }),
  z.object({ raw: z.string(), kind: z.literal('range'), min: z.number(), max: z.number(), ...unitOf, percent: z.boolean() }),
  z.object({ raw: z.string(), kind: z.literal('yes_no'), value: z.boolean() }),
  z.object({ raw: z.string(), kind: z.literal('text') }),
])
const item = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('indicator'),
    indicatorId: z.number(),
    aboutUnitId: z.number(),
    aboutUnitName: z.string().optional(),
    code: z.string(),
    name: z.string(),
    type: z.enum(['percent', 'number', 'integer', 'yes_no', 'text', 'choice']),
    unit: z.string().optional(),
    choices: z.array(z.string()).optional(),
    target: z.object({ year: z.number(), text: z.string(), reading: target }).optional(),
    previous: z.object({ label: z.string(), value: answerValue }).optional(),
  }),
  z.object({ kind: z.literal('task'), taskId: z.number(), code: z.string(), title: z.string(), due: z.string() }),
  z.object({ kind: z.literal('section'), section: z.enum(['results', 'difficulties', 'proposals']) }),
])
const itemAnswer = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('value'), value: answerValue, note: z.string().optional() }),
  z.object({ kind: z.literal('skipped') }),
  z.object({ kind: z.literal('task'), status: taskStatus, detail: z.string().optional() }),
  z.object({ kind: z.literal('section'), body: z.string().nullable() }),
])
const session = z.object({
  planId: z.number(),
  unitId: z.number(),
  unitName: z.string(),
  requestKey: z.string(),
  label: z.string(),
  dueAt: z.string(),
  locksAt: z.string(),
  deadlineText: z.string(),
  remainingText: z.string(),
  timezone: z.string(),
  submissionId: z.number(),
  submissionIds: z.array(z.number()),
  submitted: z.boolean(),
  items: z.array(item),
  answers: z.record(z.string(), itemAnswer).transform((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [Number(k), v]))),
  cursor: z.number(),
  returnToReview: z.boolean(),
})
const phase = z.discriminatedUnion('phase', [
  z.object({ phase: z.literal('answer'), typed: z.string().optional() }),
  z.object({ phase: z.literal('confirm'), value: answerValue }),
  z.object({ phase: z.literal('note'), typed: z.string().optional() }),
  z.object({ phase: z.literal('task_detail'), status: taskStatus, typed: z.string().optional() }),
])
const version = z.literal(DIALOG_VERSION)
const token = z.number().int()
const stateSchema = z.discriminatedUnion('step', [
  z.object({ version, token, step: z.literal('idle') }),
  z.object({ version, token, step: z.literal('choose_unit'), unitChoices: z.array(z.object({ contactId: z.number(), unitName: z.string() })) }),
  z.object({ version, token, step: z.literal('opening'), session }),
  z.object({ version, token, step: z.literal('item'), session, item: phase }),
  z.object({ version, token, step: z.literal('review'), session }),
  z.object({ version, token, step: z.literal('edit_pick'), session }),
])

/** A stored state read back: the state to continue from, and whether it had to be reset. */
export interface LoadedState {
  state: ConversationState
  reset: boolean
}

/** Parse a stored state (undefined: the person has none yet), migrating the unversioned shape. */
export function loadDialogState(stored: unknown): LoadedState {
  if (stored === undefined || stored === null) return { state: IDLE, reset: false }
  const raw = typeof stored === 'string' ? safeJson(stored) : stored
  const parsed = stateSchema.safeParse(migrate(raw))
  if (parsed.success) return { state: parsed.data satisfies ConversationState, reset: false }
  const token = typeof raw === 'object' && raw !== null && typeof (raw as { token?: unknown }).token === 'number' ? (raw as { token: number }).token + 1 : 0
  return { state: { ...IDLE, token }, reset: (raw as { step?: unknown } | undefined)?.step !== 'idle' }
}

/** The states written before `version` existed had the same shape; an item step may lack its phase. */
function migrate(raw: unknown): unknown {
  if (typeof raw !== 'object' || raw === null || 'version' in raw) return raw
  const old = raw as { step?: string; item?: unknown }
  return { ...old, version: DIALOG_VERSION, ...(old.step === 'item' && !old.item ? { item: { phase: 'answer' } } : {}) }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown
  } catch {
    return undefined
  }
}
