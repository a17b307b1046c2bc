import { requestChoices } from '../../domain/reporting/period-words.js'
import { digestFor } from '../../reports/digest.js'
import { planRequests } from '../../reports/period-request.js'
import type { PageContext } from '../context.js'
import { html, type Html } from '../html.js'
import { layout } from '../layout.js'
import { wm } from '../messages.js'
import { switcher } from './board.js'

/**
 * Chỉ tiêu (tổng hợp): the period summary leaders get with /tonghop, for the
 * request that matters now or the one chosen: completeness, each indicator
 * against its milestone, overdue tasks, the narrative sections. Worded by
 * reports/, never recomputed here; printable.
 */
export async function summaryPage(ctx: PageContext): Promise<Html> {
  const words = ctx.url.searchParams.get('ky') ?? undefined
  const view = await digestFor(ctx.db, ctx.plan.id, ctx.plan.model, words, ctx.now, 'summary')
  if (!view.ok) {
    const note = view.reason === 'unknown' ? wm.unknownPeriod(words ?? '') : wm.noRequest
    return layout(wm.nav.summary, html`<p class="note">${note}</p>${switcher(view.choices, words, ctx.now, '/tong-hop')}`, ctx.viewer, '/tong-hop')
  }
  const choices = requestChoices(await planRequests(ctx.db, ctx.plan.id, ctx.plan.model), ctx.now)
  const body = html`${switcher(choices, view.request.key.split('+')[0], ctx.now, '/tong-hop')}<div id="summary">${view.texts.map((t) => html`<pre class="digest">${t}</pre>`)}</div>`
  return layout(wm.nav.summary, body, ctx.viewer, '/tong-hop')
}
