import type { Kysely } from 'kysely'
import { formatDeadline, instantToLocal } from '../domain/calendar/local-time.js'
import type { Plan } from '../domain/plan-model.js'
import { isSendingTime, reminderChangeInstants, reminderMessages, type PlannedMessage, type TrackedPeriod } from '../domain/reminder-messages.js'
import type { PlanDirectory } from '../conversation/engine.js'
import { msg, standingOfficeName } from '../conversation/messages.js'
import { reminderReply } from '../conversation/reminder-reply.js'
import { canSendFiles } from '../conversation/attachments.js'
import type { Attachment, Reply } from '../conversation/types.js'
import type { Logger } from '../logger.js'
import type { Channel, Database, Db } from '../storage/database.js'
import { listLeaderDestinations } from '../storage/leaders.js'
import { enqueueMessages, existingDedupeKeys, type OutgoingMessage } from '../storage/outbox.js'
import { listPeriods } from '../storage/periods.js'
import { trackingStart } from '../domain/reporting/period-now.js'
import { periodOfRow } from '../domain/reporting/requests.js'
import { loadPlanModel } from '../storage/plan-models.js'
import { planStamps, reminderInputsFingerprint, remindableContacts, unitProgress } from '../storage/reminder-queries.js'

/**
 * Writes a leaders' digest (the reports room does; the composition root
 * passes it in, so the scheduler never imports its sibling).
 */
export type DigestWriter = (
  db: Db,
  kind: 'progress' | 'summary',
  subject: { planId: number; plan: Plan; label: string; dueAt: Date; periods: { id: number; scheduleCode: string; key: string }[] },
) => Promise<string[]>

/**
 * The files a summary digest carries to destinations that can receive
 * files (the completeness chart, the exported report), also written by the
 * reports room and passed in by the composition root.
 */
export type DigestFiles = (db: Db, subject: Parameters<DigestWriter>[2]) => Promise<Attachment[]>

/** A leaders' destination as the scheduler reads it. */
type LeaderDestination = { id: number; channel: Channel; chatId: string; contactId: number | null }
/** What the domain plans, over the rows this shell loads. */
type Planned = PlannedMessage<{ id: number; unitId: number; channel: Channel; chatId: string }, LeaderDestination>

/** How far back the scheduler looks for periods whose reminders may still be due. */
const LOOK_BACK_DAYS = 45
const LOOK_AHEAD_DAYS = 30

/**
 * Turns reminder and digest instants that have come into outbox rows. The
 * decisions are `reminderMessages` in the domain; this shell loads its
 * inputs, words each message and queues it. Every row has a dedupe key per
 * recipient, request and instant, so a repeated tick, two instances ticking
 * at once, or a restart never makes a second copy.
 */
export function createReminderScheduler(deps: { db: Kysely<Database>; log: Logger; plans: PlanDirectory; digests: DigestWriter; digestFiles?: DigestFiles }) {
  /** Per plan: its model by stamp, the change instants by periods, and what the last full plan saw. */
  const models = new Map<number, { stamp: string; plan: Plan }>()
  const instantsCache = new Map<number, { key: string; instants: Date[] }>()
  const lastPlanned = new Map<number, { at: Date; fingerprint: string }>()

  async function tick(now: Date): Promise<{ reminders: number; digests: number }> {
    let reminders = 0
    let digests = 0
    for (const { id: planId, stamp, trackedSince } of await planStamps(deps.db)) {
      let cached = models.get(planId)
      if (cached?.stamp !== stamp) models.set(planId, (cached = { stamp, plan: await loadPlanModel(deps.db, planId) }))
      const plan = cached.plan
      const row = { id: planId, model: plan }
      if (!isSendingTime(plan, now)) continue
      // Reports due before tracking started are history: no reminders, no escalations, no digests.
      const since = trackingStart(plan, trackedSince)
      const lookBack = new Date(Math.max(now.getTime() - LOOK_BACK_DAYS * 86_400_000, since.getTime()))
      const stored = await listPeriods(deps.db, row.id, { dueFrom: lookBack, dueTo: new Date(now.getTime() + LOOK_AHEAD_DAYS * 86_400_000) })
      if (!stored.length) continue
      const periods: TrackedPeriod[] = stored.map((p) => periodOfRow(p, plan.plan.timezone))
      // Idle minutes are the rule: skip the full plan unless an instant passed or an input changed since the last one.
      const periodsKey = `${stamp}#${periods.map((p) => `${p.id}:${p.scheduleCode}:${p.key}:${p.opensAt.getTime()}:${p.dueAt.getTime()}:${p.closesAt.getTime()}`).join(',')}`
      const fingerprint = `${periodsKey}#${await reminderInputsFingerprint(deps.db, row.id, periods.map((p) => p.id), now)}`
      const last = lastPlanned.get(row.id)
      if (last && last.fingerprint === fingerprint && !somethingPassed(row.id, plan, periodsKey, periods, last.at, now)) {
        lastPlanned.set(row.id, { at: now, fingerprint })
        continue
      }
      const [progress, contacts, destinations] = await Promise.all([
        unitProgress(deps.db, row.id, periods.map((p) => p.id)),
        remindableContacts(deps.db, row.id, now),
        listLeaderDestinations(deps.db, row.id),
      ])
      const planned = reminderMessages({
        planId: row.id,
        plan,
        periods,
        progress,
        contacts,
        destinations: destinations.map((d) => ({ id: d.id, channel: d.channel, chatId: d.chat_id, contactId: d.contact_id })) satisfies LeaderDestination[],
        now,
      })
      // Most planned rows are already queued (their instant passed earlier): one batched insert skips them.
      const direct = planned.filter((m) => m.kind !== 'digest')
      const added = await enqueueMessages(deps.db, direct.map((m) => word(row.id, plan, m, now)))
      for (const m of direct.filter((d) => added.has(d.dedupeKey))) {
        if (m.kind === 'escalation-digest') digests++
        else reminders++
      }
      for (const m of planned) if (m.kind === 'digest') digests += await queueDigest(row.id, plan, m, now)
      lastPlanned.set(row.id, { at: now, fingerprint })
    }
    return { reminders, digests }
  }

  /**
   * Whether the reminder plan may answer differently at `now` than at `since`
   * with the same inputs: time went back, the local day changed (units come
   * back from leave), or one of the plan's instants fell in between.
   */
  function somethingPassed(planId: number, plan: Plan, periodsKey: string, periods: TrackedPeriod[], since: Date, now: Date): boolean {
    if (now < since) return true
    const tz = plan.plan.timezone
    if (instantToLocal(since, tz).date !== instantToLocal(now, tz).date) return true
    let cached = instantsCache.get(planId)
    if (cached?.key !== periodsKey) instantsCache.set(planId, (cached = { key: periodsKey, instants: reminderChangeInstants(plan, periods) }))
    return cached.instants.some((t) => t > since && t <= now)
  }

  /** Word one reminder, escalation or escalation list as an outbox row. */
  function word(planId: number, plan: Plan, m: Exclude<Planned, { kind: 'digest' }>, now: Date): OutgoingMessage {
    const row = { planId, dedupeKey: m.dedupeKey, channel: m.to.channel, chatId: m.to.chatId, runAfter: now, now }
    if (m.kind === 'escalation-digest') {
      return { ...row, kind: 'digest', contactId: m.to.contactId, payload: { text: msg.escalationDigest({ label: m.label, late: m.workingDaysLate, units: m.unitNames }) } }
    }
    if (m.kind === 'escalation') {
      return { ...row, kind: 'escalation', contactId: m.to.id, payload: { text: msg.escalation({ unitName: m.unitName, label: m.request.label, late: m.workingDaysLate }) } }
    }
    const deadline = formatDeadline(m.request.dueAt, plan.plan.timezone)
    const office = standingOfficeName(plan)
    const text =
      m.phase === 'before'
        ? msg.reminderBefore({ label: m.request.label, deadline, remaining: deps.plans.remainingText(plan, now, m.request.dueAt), unitName: m.unitName, done: m.answered, office })
        : msg.reminderOverdue({ label: m.request.label, deadline, late: m.workingDaysLate, unitName: m.unitName, done: m.answered, office })
    return { ...row, kind: 'reminder', contactId: m.to.id, payload: reminderReply(text) }
  }

  /**
   * Queue a digest to the destinations that do not have it yet. The digest
   * stays due for days after its instant; it is built (a set of report
   * queries) only while some destination still lacks it, not on every tick.
   */
  async function queueDigest(planId: number, plan: Plan, m: Extract<Planned, { kind: 'digest' }>, now: Date): Promise<number> {
    const queued = await existingDedupeKeys(deps.db, m.to.map((d) => m.dedupeKey(d.id, 0)))
    const missing = m.to.filter((d) => !queued.has(m.dedupeKey(d.id, 0)))
    if (!missing.length) return 0
    const subject = { planId, plan, label: m.request.label, dueAt: m.request.dueAt, periods: m.request.periods.map((p) => ({ id: p.id, scheduleCode: p.scheduleCode, key: p.key })) }
    const parts = await deps.digests(deps.db, m.digest, subject)
    const rows = missing.flatMap((d) =>
      parts.map((text, i): OutgoingMessage => ({
        planId,
        dedupeKey: m.dedupeKey(d.id, i),
        kind: 'digest',
        channel: d.channel,
        chatId: d.chatId,
        contactId: d.contactId,
        payload: { text },
        runAfter: new Date(now.getTime() + i), // parts keep their order
        now,
      })),
    )
    // After the summary's text, each file is a row of its own (a retry resends one file, never the text), for apps that take files.
    const takeFiles = missing.filter((d) => canSendFiles(d.channel))
    const files = m.digest === 'summary' && deps.digestFiles && takeFiles.length ? await deps.digestFiles(deps.db, subject) : []
    const fileRows = takeFiles.flatMap((d) =>
      files.map((a, j): OutgoingMessage => {
        const part = parts.length + j
        return { planId, dedupeKey: m.dedupeKey(d.id, part), kind: 'digest', channel: d.channel, chatId: d.chatId, contactId: d.contactId, payload: { text: '', attachments: [a] } satisfies Reply, runAfter: new Date(now.getTime() + part), now }
      }),
    )
    return (await enqueueMessages(deps.db, [...rows, ...fileRows])).size
  }

  return { tick }
}
