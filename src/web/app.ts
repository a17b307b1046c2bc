import type http from 'node:http'
import { recordAudit } from '../storage/audit.js'
import { removeContact } from '../storage/contacts.js'
import { operatorPlanId } from '../storage/operators.js'
import { planById, planContact } from '../storage/web-reads.js'
import type { PageContext, WebDeps } from './context.js'
import { html, type Html } from './html.js'
import { field, FormTooLargeError, readForm, redirect, requestSource, sendFile, sendHtml } from './http-io.js'
import { layout } from './layout.js'
import { wm } from './messages.js'
import { auditPage } from './pages/audit.js'
import { boardPage } from './pages/board.js'
import { downloadsPage, reportFile } from './pages/downloads.js'
import { createInvites, invitesPage } from './pages/invites.js'
import { calendarPage } from './pages/calendar.js'
import { leadersPage } from './pages/leaders.js'
import { outboxPage } from './pages/outbox.js'
import { remindNow } from './pages/remind-now.js'
import { planPage } from './pages/plan.js'
import { summaryPage } from './pages/summary.js'
import { unitPage, unitsPage } from './pages/units.js'
import { csrfMatches, currentSession, logIn, logOut, sameOrigin } from './session.js'

/** A handler the HTTP server falls back to for paths no webhook claims. */
export type WebHandler = (req: http.IncomingMessage, res: http.ServerResponse) => Promise<void>

const UNIT_PATH = /^\/don-vi\/(\d{1,9})$/
const REMOVE_CONTACT_PATH = /^\/don-vi\/(\d{1,9})\/go-lien-he$/
const DOWNLOAD_PATH = /^\/tai-bao-cao\/([A-Za-z0-9_.-]{1,60})\.(xlsx|docx)$/

/**
 * The standing office's web page. Security model: every page needs a session
 * (a cookie from a one-time login link); every read and change is scoped to
 * the session operator's plan; every change is a POST carrying the session's
 * CSRF token from a same-origin page; leaders only read; operator actions are
 * written to the audit log in the same transaction.
 */
export function createWebApp(deps: WebDeps): WebHandler {
  return async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost')
    const now = deps.now()
    const method = req.method ?? 'GET'
    if (method !== 'GET' && method !== 'HEAD' && method !== 'POST') {
      res.writeHead(405, { allow: 'GET, POST' }).end()
      return
    }
    try {
      if (url.pathname === '/dang-nhap') return await loginRoute(deps, req, res, url, now)
      const found = await currentSession(deps.db, req, now)
      if (!found) {
        if (method === 'POST') {
          res.writeHead(401, { 'content-type': 'text/plain; charset=utf-8' }).end(wm.loginNeedLink)
        } else redirect(res, '/dang-nhap')
        return
      }
      const { session } = found
      const cookie: Record<string, string> = found.setCookie ? { 'set-cookie': found.setCookie } : {}
      const plan = await planById(deps.db, session.planId)
      if (!plan) throw new Error(`operator ${session.operatorId} has plan ${session.planId} that does not exist`)
      const ctx: PageContext = { deps, db: deps.db, now, url, session, plan, viewer: { name: session.operatorName, role: session.role, csrf: session.csrfToken } }
      if (method === 'POST') {
        const form = await readForm(req)
        if (!sameOrigin(req) || !csrfMatches(session, field(form, '_csrf'))) return sendHtml(res, 403, layout(wm.forbidden, html``, ctx.viewer), cookie)
        if (url.pathname === '/dang-xuat') return redirect(res, '/dang-nhap?ra=1', { 'set-cookie': await logOut(deps.db, req, session) })
        if (session.role !== 'operator') return sendHtml(res, 403, layout(wm.readOnly, html``, ctx.viewer), cookie)
        const page = await postRoute(ctx, form)
        if (page === undefined) return notFound(res, ctx)
        if (typeof page === 'string') return redirect(res, page, cookie)
        return sendHtml(res, 200, page, cookie)
      }
      const download = DOWNLOAD_PATH.exec(url.pathname)
      if (download) {
        const file = await reportFile(ctx, download[1]!, download[2] as 'xlsx' | 'docx')
        return file ? sendFile(res, file, cookie) : notFound(res, ctx)
      }
      const page = await getRoute(ctx)
      if (!page) return notFound(res, ctx)
      sendHtml(res, 200, page, cookie)
    } catch (err) {
      if (err instanceof FormTooLargeError) {
        res.writeHead(413, { 'content-type': 'text/plain; charset=utf-8', connection: 'close' }).end(wm.tooLarge)
        return
      }
      throw err
    }
  }
}

async function getRoute(ctx: PageContext): Promise<Html | undefined> {
  const path = ctx.url.pathname
  if (path === '/') return boardPage(ctx)
  if (path === '/tong-hop') return summaryPage(ctx)
  if (path === '/tai-bao-cao') return downloadsPage(ctx)
  if (path === '/don-vi') return unitsPage(ctx)
  const unit = UNIT_PATH.exec(path)
  if (unit) return unitPage(ctx, Number(unit[1]), ctx.url.searchParams.get('da-go') ? wm.contactRemoved(ctx.url.searchParams.get('da-go')!) : undefined)
  if (path === '/moi') return invitesPage(ctx)
  if (path === '/ke-hoach') return planPage(ctx)
  if (path === '/gui-tin') return outboxPage(ctx)
  if (path === '/nhat-ky') return auditPage(ctx)
  if (path === '/lanh-dao') return leadersPage(ctx)
  if (path === '/lich') return calendarPage(ctx)
  return undefined
}

/** A page to show, a path to redirect to, or undefined for not found. */
async function postRoute(ctx: PageContext, form: FormData): Promise<Html | string | undefined> {
  const path = ctx.url.pathname
  const remove = REMOVE_CONTACT_PATH.exec(path)
  if (remove) {
    const unitId = Number(remove[1])
    const contact = await planContact(ctx.db, ctx.plan.id, Number(field(form, 'contact')))
    if (!contact || contact.unitId !== unitId) return undefined
    await ctx.db.transaction().execute(async (trx) => {
      await removeContact(trx, ctx.plan.id, contact.id, ctx.now)
      await recordAudit(trx, { planId: ctx.plan.id, operatorId: ctx.session.operatorId, action: 'contact_removed', detail: { contact: contact.id, name: contact.displayName, unit: unitId }, at: ctx.now })
    })
    return `/don-vi/${unitId}?da-go=${encodeURIComponent(contact.displayName ?? `#${contact.id}`)}`
  }
  if (path === '/moi') return createInvites(ctx, { unitCodes: form.getAll('unit').filter((v): v is string => typeof v === 'string'), leader: field(form, 'leader') === '1', name: field(form, 'name') })
  if (path === '/ke-hoach') {
    const file = form.get('file')
    if (!file || typeof file === 'string' || file.size === 0) return planPage(ctx, html`<p class="error">${wm.planNoFile}</p>`)
    return (await import('./pages/plan-upload.js')).checkUploadedPlan(ctx, await file.text())
  }
  if (path === '/ke-hoach/nap') return (await import('./pages/plan-upload.js')).importUploadedPlan(ctx, field(form, 'source'))
  if (path === '/nhac') return remindNow(ctx, form)
  return undefined
}

function notFound(res: http.ServerResponse, ctx: PageContext): void {
  sendHtml(res, 404, layout(wm.notFound, html`<p><a href="/">${wm.nav.board}</a></p>`, ctx.viewer))
}

/**
 * GET shows a button (a link preview opening the URL spends nothing); POST
 * spends the code, rate-limited per source, and starts the session.
 */
async function loginRoute(deps: WebDeps, req: http.IncomingMessage, res: http.ServerResponse, url: URL, now: Date): Promise<void> {
  if (req.method !== 'POST') {
    const code = url.searchParams.get('ma') ?? ''
    const body = url.searchParams.get('ra')
      ? html`<p class="ok">${wm.loggedOut}</p><p>${wm.loginNeedLink}</p>`
      : code
        ? html`<p>${wm.loginPrompt}</p><form method="post" action="/dang-nhap"><input type="hidden" name="ma" value="${code}"><button type="submit" id="login">${wm.loginButton}</button></form>`
        : html`<p>${wm.loginNeedLink}</p>`
    return sendHtml(res, 200, layout(wm.loginTitle, body))
  }
  const form = await readForm(req, 4096)
  if (!sameOrigin(req)) return sendHtml(res, 403, layout(wm.loginTitle, html`<p class="error">${wm.forbidden}</p>`))
  const result = await deps.db.transaction().execute(async (trx) => {
    const r = await logIn(trx, req, field(form, 'ma').trim(), requestSource(req), now)
    if (r.ok) {
      await recordAudit(trx, { planId: await operatorPlanId(trx, r.operatorId), operatorId: r.operatorId, action: 'operator_login', detail: {}, at: now })
    }
    return r
  })
  if (result.ok) return redirect(res, '/', { 'set-cookie': result.setCookie })
  const status = result.reason === 'rate_limited' ? 429 : 403
  sendHtml(res, status, layout(wm.loginTitle, html`<p class="error">${result.reason === 'rate_limited' ? wm.loginRateLimited : wm.loginRefused}</p>`))
}
