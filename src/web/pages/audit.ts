import { listAudit, type AuditEntry } from '../../storage/audit.js'
import type { PageContext } from '../context.js'
import { when } from '../format.js'
import { html, type Html } from '../html.js'
import { layout } from '../layout.js'
import { wm } from '../messages.js'

/** Who did it: the signed-in operator, the OS user of a command (`by: "CLI:root"`), or the system. */
function actor(r: AuditEntry): string {
  if (r.operatorName) return r.operatorName
  const by = r.detail.by
  return typeof by === 'string' && by.startsWith('CLI:') ? wm.cli(by.slice(4)) : wm.system
}

/** Nhật ký: who did what on this plan, newest first. */
export async function auditPage(ctx: PageContext): Promise<Html> {
  const rows = await listAudit(ctx.db, ctx.plan.id, 200)
  const tz = ctx.plan.timezone
  const body = rows.length
    ? html`<table class="wide" id="audit"><tbody>${rows.map(
        (r) => html`<tr><td>${when(r.at, tz)}</td><td>${actor(r)}</td><td>${wm.action[r.action] ?? r.action}</td><td class="muted">${Object.entries(r.detail)
          .filter(([k, v]) => v !== null && !(Array.isArray(v) && !v.length) && k !== 'counts' && k !== 'sourceHash' && k !== 'by')
          .map(([k, v]) => `${k}: ${Array.isArray(v) ? v.join(', ') : String(v)}`)
          .join(', ')}</td></tr>`,
      )}</tbody></table>`
    : html`<p class="muted">${wm.auditNone}</p>`
  return layout(wm.auditTitle, body, ctx.viewer, '/nhat-ky')
}
