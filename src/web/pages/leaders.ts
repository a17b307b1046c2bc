import { planLeaderDestinations } from '../../storage/web-reads.js'
import type { PageContext } from '../context.js'
import { appName, when } from '../format.js'
import { html, type Html } from '../html.js'
import { layout } from '../layout.js'
import { wm } from '../messages.js'

/** Lãnh đạo: where the leaders' digests go (groups and private chats), active or not. */
export async function leadersPage(ctx: PageContext): Promise<Html> {
  const rows = await planLeaderDestinations(ctx.db, ctx.plan.id)
  const tz = ctx.plan.timezone
  const body = rows.length
    ? html`<table class="wide" id="leaders"><thead><tr><th>${wm.app}</th><th>${wm.leaderWhere}</th><th>${wm.since}</th></tr></thead><tbody>${rows.map(
        (r) => html`<tr><td>${appName(r.channel)}</td><td>${r.kind === 'group' ? wm.leaderGroup(r.title ?? '') : wm.leaderPrivate(r.person ?? r.title ?? wm.noName)}${r.active ? '' : html` <span class="muted">(${wm.inactive})</span>`}</td><td>${when(r.since, tz)}</td></tr>`,
      )}</tbody></table>`
    : html`<p class="muted">${wm.noLeaders}</p>`
  return layout(wm.nav.leaders, html`${body}<p><a href="/moi">${wm.leaderInviteHint}</a></p>`, ctx.viewer, '/lanh-dao')
}
