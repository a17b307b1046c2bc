import type { Channel, ContactRole, Db, OutboxState, PlanRow } from './database.js'

/**
 * Reads behind the standing office's web page. Every one takes the
 * operator's plan id and filters by it, so an id forged in a URL never
 * reaches another plan's rows.
 */

/** The plan an operator works on. */
export function planById(db: Db, planId: number): Promise<PlanRow | undefined> {
  return db.selectFrom('plans').selectAll().where('id', '=', planId).executeTakeFirst()
}

/** A live unit of this plan, or undefined (also when the id belongs to another plan). */
export function planUnit(db: Db, planId: number, unitId: number): Promise<{ id: number; code: string; name: string; awayUntil: string | null } | undefined> {
  return db
    .selectFrom('units')
    .select(['id', 'code', 'name', 'away_until as awayUntil'])
    .where('plan_id', '=', planId)
    .where('id', '=', unitId)
    .where('archived_at', 'is', null)
    .executeTakeFirst()
}

/** A unit's live contacts, oldest first. */
export async function unitContacts(db: Db, planId: number, unitId: number): Promise<{ id: number; channel: Channel; displayName: string | null; status: string; since: Date }[]> {
  const rows = await db
    .selectFrom('contacts')
    .select(['id', 'channel', 'display_name', 'status', 'created_at'])
    .where('plan_id', '=', planId)
    .where('unit_id', '=', unitId)
    .where('status', '<>', 'removed')
    .orderBy('id')
    .execute()
  return rows.map((r) => ({ id: r.id, channel: r.channel, displayName: r.display_name, status: r.status, since: r.created_at }))
}

/** A contact of this plan (any unit), or undefined. */
export function planContact(db: Db, planId: number, contactId: number): Promise<{ id: number; unitId: number | null; displayName: string | null; channel: Channel } | undefined> {
  return db
    .selectFrom('contacts')
    .select(['id', 'unit_id as unitId', 'display_name as displayName', 'channel'])
    .where('plan_id', '=', planId)
    .where('id', '=', contactId)
    .where('status', '<>', 'removed')
    .executeTakeFirst()
}

/** A unit's submission of one period. */
export interface UnitSubmissionView {
  id: number
  periodLabel: string
  status: 'draft' | 'submitted' | 'covered'
  submittedAt: Date | null
  dueAt: Date
}

/** One change of a value, as answer_history keeps it. */
export interface AnswerChange {
  submissionId: number
  itemKind: 'indicator' | 'task' | 'section'
  itemRef: string
  oldValue: unknown
  newValue: unknown
  who: string | null
  channel: Channel
  at: Date
}

/** A unit's submissions (newest period first) and every change to their values, oldest first. */
export async function unitReports(db: Db, planId: number, unitId: number): Promise<{ submissions: UnitSubmissionView[]; changes: AnswerChange[] }> {
  const subs = await db
    .selectFrom('submissions as s')
    .innerJoin('periods as p', 'p.id', 's.period_id')
    .select(['s.id', 'p.label', 's.status', 's.submitted_at', 'p.due_at'])
    .where('s.plan_id', '=', planId)
    .where('s.unit_id', '=', unitId)
    .orderBy('p.due_at', 'desc')
    .orderBy('s.id')
    .execute()
  const ids = subs.map((s) => s.id)
  const changes = ids.length
    ? await db
        .selectFrom('answer_history as h')
        .leftJoin('contacts as c', 'c.id', 'h.contact_id')
        .select(['h.submission_id', 'h.item_kind', 'h.item_ref', 'h.old_value', 'h.new_value', 'c.display_name', 'h.channel', 'h.changed_at'])
        .where('h.plan_id', '=', planId)
        .where('h.submission_id', 'in', ids)
        .orderBy('h.changed_at')
        .orderBy('h.id')
        .execute()
    : []
  return {
    submissions: subs.map((s) => ({ id: s.id, periodLabel: s.label, status: s.status, submittedAt: s.submitted_at, dueAt: s.due_at })),
    changes: changes.map((c) => ({
      submissionId: c.submission_id,
      itemKind: c.item_kind,
      itemRef: c.item_ref,
      oldValue: c.old_value,
      newValue: c.new_value,
      who: c.display_name,
      channel: c.channel,
      at: c.changed_at,
    })),
  }
}

/** An invite as the Mời tham gia page lists it (never the code: only its hash is kept). */
export interface InviteView {
  id: number
  role: ContactRole
  unitName: string | null
  displayName: string | null
  createdAt: Date
  expiresAt: Date
  usedAt: Date | null
  usedBy: string | null
}

/** A plan's invites, newest first. */
export async function planInvites(db: Db, planId: number, limit: number): Promise<InviteView[]> {
  const rows = await db
    .selectFrom('invites as i')
    .leftJoin('units as u', 'u.id', 'i.unit_id')
    .leftJoin('contacts as c', 'c.id', 'i.used_by_contact_id')
    .select(['i.id', 'i.role', 'u.name as unit_name', 'i.display_name', 'i.created_at', 'i.expires_at', 'i.used_at', 'c.display_name as used_by'])
    .where('i.plan_id', '=', planId)
    .orderBy('i.id', 'desc')
    .limit(limit)
    .execute()
  return rows.map((r) => ({ id: r.id, role: r.role, unitName: r.unit_name, displayName: r.display_name, createdAt: r.created_at, expiresAt: r.expires_at, usedAt: r.used_at, usedBy: r.used_by }))
}

/** An outbox row of a plan as the Gửi tin page shows it. */
export interface PlanOutboxRow {
  id: number
  kind: string
  channel: Channel
  recipient: string
  attempts: number
  at: Date
  lastError: string | null
}

/** A plan's outbox rows in one state: waiting (soonest first), failed or sent (latest first). */
export async function planOutbox(db: Db, planId: number, state: Extract<OutboxState, 'pending' | 'failed' | 'sent'>, limit: number): Promise<PlanOutboxRow[]> {
  const rows = await db
    .selectFrom('outbox as o')
    .leftJoin('contacts as c', 'c.id', 'o.contact_id')
    .leftJoin('units as u', 'u.id', 'c.unit_id')
    .select(['o.id', 'o.kind', 'o.channel', 'o.chat_id', 'o.attempts', 'o.run_after', 'o.sent_at', 'o.last_error', 'c.display_name', 'u.name as unit_name'])
    .where('o.plan_id', '=', planId)
    .where('o.state', '=', state)
    .orderBy(state === 'pending' ? 'o.run_after' : state === 'sent' ? 'o.sent_at' : 'o.id', state === 'pending' ? 'asc' : 'desc')
    .limit(limit)
    .execute()
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    channel: r.channel,
    recipient: [r.display_name, r.unit_name].filter(Boolean).join(', ') || r.chat_id,
    attempts: r.attempts,
    at: r.sent_at ?? r.run_after,
    lastError: r.last_error,
  }))
}

/** What answer_history's item refs name: `indicator:<id>` and `task:<id>` → code and name. */
export async function planItemNames(db: Db, planId: number): Promise<Map<string, string>> {
  const [indicators, tasks] = await Promise.all([
    db.selectFrom('indicators').select(['id', 'code', 'name']).where('plan_id', '=', planId).execute(),
    db.selectFrom('tasks').select(['id', 'code', 'title']).where('plan_id', '=', planId).execute(),
  ])
  return new Map([...indicators.map((i) => [`indicator:${i.id}`, `${i.code} ${i.name}`] as const), ...tasks.map((t) => [`task:${t.id}`, `${t.code} ${t.title}`] as const)])
}

/** Where leaders' digests go: each destination (group or private chat) of a plan. */
export async function planLeaderDestinations(db: Db, planId: number): Promise<{ id: number; channel: Channel; kind: 'group' | 'private'; title: string | null; active: boolean; since: Date; person: string | null }[]> {
  const rows = await db
    .selectFrom('leader_destinations as d')
    .leftJoin('contacts as c', 'c.id', 'd.contact_id')
    .select(['d.id', 'd.channel', 'd.kind', 'd.title', 'd.active', 'd.created_at', 'c.display_name'])
    .where('d.plan_id', '=', planId)
    .orderBy('d.id')
    .execute()
  return rows.map((r) => ({ id: r.id, channel: r.channel, kind: r.kind, title: r.title, active: r.active, since: r.created_at, person: r.display_name }))
}
