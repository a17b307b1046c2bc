import { formatDeadline } from '../../domain/calendar/local-time.js'
import { requestChoices } from '../../domain/reporting/period-words.js'
import { pickRequest, planRequests, type PlanRequest } from '../../reports/period-request.js'
import { recordAudit } from '../../storage/audit.js'
import type { PageContext } from '../context.js'
import { html, type Html } from '../html.js'
import { layout } from '../layout.js'
import { wm } from '../messages.js'
import { switcher } from './board.js'
import { requestKey } from './remind-now.js'

/** A built report file, ready to send. */
export interface ReportFile {
  name: string
  bytes: Buffer
  mime: string
}

/** How many requests around now the page lists (the switcher reaches any other). */
const LISTED = 12

/**
 * Tải báo cáo: the request that matters now (or the one `?ky=` names) first,
 * then the plan's requests around now, newest first, each with its workbook
 * and Word draft to download.
 */
export async function downloadsPage(ctx: PageContext): Promise<Html> {
  const words = ctx.url.searchParams.get('ky') ?? undefined
  const pick = await pickRequest(ctx.db, ctx.plan.id, ctx.plan.model, words, ctx.now)
  if (!pick.ok) {
    const note = pick.reason === 'unknown' ? wm.unknownPeriod(words ?? '') : wm.downloadsNone
    return layout(wm.downloadsTitle, html`<p class="note">${note}</p>${switcher(pick.choices, words, ctx.now, '/tai-bao-cao')}`, ctx.viewer, '/tai-bao-cao')
  }
  const chosen = pick.request
  const others = requestChoices(pick.requests, ctx.now, LISTED)
    .filter((r) => r.key !== chosen.key)
    .reverse()
  const tz = ctx.plan.timezone
  const row = (r: PlanRequest, id?: string) =>
    html`<tr${id ? html` id="${id}"` : ''} data-key="${requestKey(r)}"><td>${r.label} <span class="muted">${wm.deadlineShort(formatDeadline(r.dueAt, tz))}</span></td><td><a href="/tai-bao-cao/${requestKey(r)}.xlsx" download>${wm.downloadXlsx}</a></td><td><a href="/tai-bao-cao/${requestKey(r)}.docx" download>${wm.downloadDocx}</a></td></tr>`
  const body = html`<p class="muted">${wm.downloadsNote}</p>
<table class="wide" id="downloads"><tbody>${row(chosen, 'current')}${others.map((r) => row(r))}</tbody></table>
${switcher(requestChoices(pick.requests, ctx.now), requestKey(chosen), ctx.now, '/tai-bao-cao')}`
  return layout(wm.downloadsTitle, body, ctx.viewer, '/tai-bao-cao')
}

/**
 * One report file of a request of the operator's plan, built now by the
 * export (loaded on first use, as the chat's export is); undefined when the
 * key names no request of this plan. The download is written to the log.
 */
export async function reportFile(ctx: PageContext, key: string, ext: 'xlsx' | 'docx'): Promise<ReportFile | undefined> {
  const request = (await planRequests(ctx.db, ctx.plan.id, ctx.plan.model)).find((r) => requestKey(r) === key)
  if (!request) return undefined
  const { exportFiles } = await import('../../reports/export/export-files.js')
  const file = (await exportFiles(ctx.db, ctx.plan.id, ctx.plan.model, request, ctx.now)).find((f) => f.name.endsWith(`.${ext}`))
  if (!file) throw new Error(`export of plan ${ctx.plan.id} request ${request.key} made no .${ext} file`)
  await recordAudit(ctx.db, { planId: ctx.plan.id, operatorId: ctx.session.operatorId, action: 'report_downloaded', detail: { request: request.label, file: file.name }, at: ctx.now })
  return file
}
