import { canSendFiles, toAttachment } from '../conversation/attachments.js'
import type { Attachment, Reply } from '../conversation/types.js'
import type { Plan } from '../domain/plan-model.js'
import type { PeriodSummary } from '../domain/reporting/period-summary.js'
import type { Channel, Db } from '../storage/database.js'
import { summaryText, type DigestSubject } from './digest.js'
import { leaderMsg } from './messages.js'
import { pickRequest, requestOfPeriods, type PlanRequest } from './period-request.js'
import { readPeriodSummary } from './period-summary.js'

/** One file of a report export. */
export interface ExportFile {
  name: string
  bytes: Buffer
  mime: string
}

/**
 * Builds a request's report files (Excel, Word). The export lives in its own
 * module; the composition root hands it in, and without one chat gets the
 * summary text and the charts only.
 */
export type FileBuilder = (db: Db, planId: number, plan: Plan, request: PlanRequest) => Promise<ExportFile[]>

/**
 * What a summary sends as files to an app that can take them: the
 * completeness chart as a picture, then the built files as documents.
 */
export async function summaryAttachments(db: Db, planId: number, plan: Plan, summary: PeriodSummary, request: PlanRequest, buildFiles?: FileBuilder): Promise<Attachment[]> {
  // Loaded on first use: ECharts and the native rasteriser stay out of every other command's start-up.
  const { completenessChart } = await import('./charts/index.js')
  const chart = await completenessChart(plan, summary)
  const files = buildFiles ? await buildFiles(db, planId, plan, request) : []
  return [
    toAttachment('photo', { name: 'tien-do-nop-bao-cao.png', mime: 'image/png', bytes: chart.png }, chart.title),
    ...files.map((f, i) => toAttachment('document', f, i === 0 ? leaderMsg.exportCaption(request.label) : undefined)),
  ]
}

/**
 * `/xuatbaocao [kỳ]`: the report of the period the words name (or the one
 * that matters now), as files. On Telegram: the summary's first lines with
 * the completeness chart and the built files. Apps that cannot send files
 * (Zalo) get the whole summary text and where the operator downloads them.
 */
export async function exportToChat(db: Db, planId: number, plan: Plan, words: string | undefined, now: Date, channel: Channel, buildFiles?: FileBuilder): Promise<Reply[]> {
  const pick = await pickRequest(db, planId, plan, words, now)
  if (!pick.ok) return [{ text: leaderMsg.noSuchPeriod(words, pick.choices.map((c) => c.label)) }]
  const summary = await readPeriodSummary(db, planId, plan, pick.request, 'breakdown')
  const texts = summaryText(plan, summary, { history: pick.history })
  if (!canSendFiles(channel)) return [...texts.map((text) => ({ text })), { text: leaderMsg.exportNoFilesHere(pick.request.label) }]
  return [{ text: texts[0]!, attachments: await summaryAttachments(db, planId, plan, summary, pick.request, buildFiles) }]
}

/**
 * The files of a summary digest, as the scheduler asks for them (by the
 * periods of its request): the completeness chart and, with a builder, the
 * exported report.
 */
export function digestFiles(buildFiles?: FileBuilder) {
  return async (db: Db, subject: DigestSubject): Promise<Attachment[]> => {
    const request = await requestOfPeriods(db, subject.planId, subject.plan, subject.periods.map((p) => p.id))
    if (!request) throw new Error(`digest files for plan ${subject.planId}: periods ${subject.periods.map((p) => p.key).join(', ')} not found`)
    const summary = await readPeriodSummary(db, subject.planId, subject.plan, request, 'breakdown')
    return summaryAttachments(db, subject.planId, subject.plan, summary, request, buildFiles)
  }
}
