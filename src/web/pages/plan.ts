import type { PageContext } from '../context.js'
import { when } from '../format.js'
import { html, type Html } from '../html.js'
import { csrfField, layout } from '../layout.js'
import { wm } from '../messages.js'

/** Kế hoạch: the plan in use and a form to upload a new version of it. */
export function planPage(ctx: PageContext, result?: Html): Html {
  const p = ctx.plan
  const upload =
    ctx.viewer.role === 'operator'
      ? html`<form method="post" action="/ke-hoach" enctype="multipart/form-data" class="noprint">${csrfField(ctx.viewer)}<label>${wm.planUpload} <input type="file" name="file" accept=".yaml,.yml,text/yaml"></label><button type="submit">${wm.planCheck}</button></form>`
      : html``
  return layout(wm.planTitle, html`<p>${wm.planCurrent(p.code, p.title, p.imported_at ? when(p.imported_at, p.timezone) : '—')}</p>${upload}${result ?? ''}`, ctx.viewer, '/ke-hoach')
}
