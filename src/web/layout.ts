import { html, type Html } from './html.js'
import { wm } from './messages.js'

/** Who is looking: enough for the navigation and the forms' CSRF token. */
export interface PageViewer {
  name: string
  role: 'operator' | 'leader'
  csrf: string
}

const CSS = `
*{box-sizing:border-box}body{margin:0;font:16px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1b1b1b;background:#f6f7f9}
header{background:#8b1a1a;color:#fff;padding:.5rem 1rem;display:flex;flex-wrap:wrap;gap:.25rem 1rem;align-items:center}
header a{color:#fff;text-decoration:none;padding:.25rem 0}header a[aria-current]{text-decoration:underline;font-weight:600}
header .who{margin-left:auto;font-size:.9rem}header form{display:inline}
main{padding:1rem;max-width:70rem;margin:0 auto}h1{font-size:1.4rem;margin:.25rem 0 1rem}h2{font-size:1.15rem;margin:1.25rem 0 .5rem}
table{border-collapse:collapse;width:100%;background:#fff}th,td{text-align:left;padding:.4rem .5rem;border-bottom:1px solid #ddd;vertical-align:top}
progress.bar{display:block;width:100%;height:.8rem;margin:.25rem 0 1rem;appearance:none;border:0;border-radius:.4rem;background:#e3e3e3;color:#2e7d32;overflow:hidden}
progress.bar::-webkit-progress-bar{background:#e3e3e3}progress.bar::-webkit-progress-value{background:#2e7d32}progress.bar::-moz-progress-bar{background:#2e7d32}
.s-on_time{color:#1b5e20}.s-late{color:#e65100}.s-drafting{color:#0d47a1}.s-not_started{color:#b71c1c}.muted{color:#666;font-size:.9rem}
.note{background:#fff8e1;border-left:4px solid #f9a825;padding:.5rem .75rem;margin:.5rem 0}.ok{background:#e8f5e9;border-left:4px solid #2e7d32;padding:.5rem .75rem;margin:.5rem 0}
.error{background:#ffebee;border-left:4px solid #c62828;padding:.5rem .75rem;margin:.5rem 0}
button,input,select,textarea{font:inherit;padding:.4rem .6rem;max-width:100%}button{cursor:pointer;background:#8b1a1a;color:#fff;border:0;border-radius:.3rem}
form.inline{display:inline}td.act{width:1%;white-space:nowrap}#remind-all{margin:.5rem 0}label{display:block;margin:.35rem 0}
pre.src{background:#fff;border:1px solid #ddd;overflow-x:auto;font-size:.85rem;margin:0}pre.src .ln{color:#999;display:inline-block;width:3.5em;user-select:none}
pre.src .bad{background:#ffebee;display:block}pre.src .msg{display:block;color:#b71c1c;font-weight:600;white-space:pre-wrap;padding-left:3.5em}
pre.digest{white-space:pre-wrap;background:#fff;border:1px solid #ddd;padding:.75rem;font:inherit}
.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(16rem,1fr));gap:.75rem}.card{background:#fff;border:1px dashed #777;padding:.75rem;break-inside:avoid}
.card .code{font:700 1.6rem/1.2 ui-monospace,monospace;letter-spacing:.1em}.card svg{width:8rem;height:8rem;float:right}
@media (max-width:40rem){main{padding:.5rem}th,td{padding:.3rem}table.wide thead{display:none}table.wide tr{display:block;border-bottom:1px solid #ddd}table.wide td{display:block;border:0;padding:.15rem .3rem}}
@media (max-width:40rem){td.act{white-space:normal}}
@media print{header,.noprint{display:none}body{background:#fff}main{max-width:none;padding:0}@page{size:A4;margin:12mm}.cards{grid-template-columns:1fr 1fr}}
`

const NAV: [string, keyof typeof wm.nav][] = [
  ['/', 'board'],
  ['/tong-hop', 'summary'],
  ['/tai-bao-cao', 'downloads'],
  ['/don-vi', 'units'],
  ['/moi', 'invites'],
  ['/ke-hoach', 'plan'],
  ['/lich', 'calendar'],
  ['/gui-tin', 'outbox'],
  ['/lanh-dao', 'leaders'],
  ['/nhat-ky', 'audit'],
]

/** The hidden field every state-changing form carries. */
export function csrfField(viewer: PageViewer): Html {
  return html`<input type="hidden" name="_csrf" value="${viewer.csrf}">`
}

/** A whole page: navigation (when signed in), the title and the body; readable at 360 px and printable. */
export function layout(title: string, body: Html, viewer?: PageViewer, current?: string): Html {
  const nav = viewer
    ? html`<header><strong>${wm.appName}</strong>${NAV.map(([href, key]) => html`<a href="${href}"${current === href ? html` aria-current="page"` : ''}>${wm.nav[key]}</a>`)}<span class="who">${wm.signedInAs(viewer.name, viewer.role)}
<form class="inline" method="post" action="/dang-xuat">${csrfField(viewer)}<button type="submit">${wm.nav.logout}</button></form></span></header>`
    : html`<header><strong>${wm.appName}</strong></header>`
  return html`<!doctype html><html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${title} · ${wm.appName}</title><style>${CSS}</style></head><body>${nav}<main><h1>${title}</h1>${body}</main></body></html>`
}
