import { planOutbox, type PlanOutboxRow } from '../../storage/web-reads.js'
import type { PageContext } from '../context.js'
import { appName, when } from '../format.js'
import { html, type Html } from '../html.js'
import { layout } from '../layout.js'
import { wm } from '../messages.js'

/** Gửi tin: the plan's outbox: waiting, failed with the reason, recently sent. */
export async function outboxPage(ctx: PageContext): Promise<Html> {
  const [pending, failed, sent] = await Promise.all([planOutbox(ctx.db, ctx.plan.id, 'pending', 50), planOutbox(ctx.db, ctx.plan.id, 'failed', 50), planOutbox(ctx.db, ctx.plan.id, 'sent', 50)])
  const tz = ctx.plan.timezone
  const list = (title: string, rows: PlanOutboxRow[], id: string) =>
    html`<h2>${title} (${rows.length})</h2>${rows.length ? html`<ul id="${id}">${rows.map((r) => html`<li>${when(r.at, tz)}: ${wm.outboxLine(wm.outboxKind[r.kind] ?? r.kind, r.recipient, appName(r.channel), r.attempts)}${r.lastError ? html` <span class="s-late">— ${r.lastError}</span>` : ''}</li>`)}</ul>` : html`<p class="muted">${wm.outboxNone}</p>`}`
  return layout(wm.outboxTitle, html`${list(wm.outboxPending, pending, 'pending')}${list(wm.outboxFailed, failed, 'failed')}${list(wm.outboxSent, sent, 'sent')}`, ctx.viewer, '/gui-tin')
}
