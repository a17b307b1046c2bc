import { createHttpServer } from '../../src/cli/http-server.js'
import { createLogger } from '../../src/logger.js'
import type { DatabaseHandle } from '../../src/storage/connection.js'
import type { OperatorRole } from '../../src/storage/database.js'
import { importPlan } from '../../src/storage/plan-import.js'
import { syncPlanPeriods } from '../../src/scheduler/period-sync.js'
import { createWebApp } from '../../src/web/app.js'
import { addOperator, loginLink } from '../../src/web/login-codes.js'
import { miniPlan } from './mini-plan.js'

/**
 * The web page served by the service's own HTTP server, in this process,
 * on a test database, with a clock the test moves. Returns its base URL.
 */
export async function startWebServer(t: DatabaseHandle, clock: { now: Date }, opts: { telegramBot?: string } = {}) {
  const log = createLogger('silent')
  const server = createHttpServer({ log, health: () => ({ ready: true }) })
  server.fallback(
    createWebApp({
      db: t.db,
      now: () => clock.now,
      log,
      afterImport: (planId, plan, now) => syncPlanPeriods(t.db, planId, plan, now).then(() => undefined),
      ...(opts.telegramBot ? { telegramBot: async () => opts.telegramBot } : {}),
    }),
  )
  const port = await server.listen(0, '127.0.0.1')
  const base = `http://127.0.0.1:${port}`
  return {
    base,
    close: () => server.close(),
    /** A one-time login link as `dondoc operator add` prints it. */
    async operatorLink(planId: number, name: string, role: OperatorRole = 'operator') {
      const added = await addOperator(t.db, { planId, name, role, now: clock.now })
      return { ...added, link: loginLink(base, added.code) }
    },
  }
}

/** A second plan ("khac") beside the mini plan, for cross-plan checks. */
export async function importOtherPlan(t: DatabaseHandle, now: Date): Promise<number> {
  const plan = miniPlan((s) => s.replace('code: mini', 'code: khac').replace('Kế hoạch thử nghiệm', 'Kế hoạch khác'))
  const { planId } = await importPlan(t.db, plan, { now })
  await syncPlanPeriods(t.db, planId, plan, now)
  return planId
}

/** Plain-HTTP client keeping one cookie, for tests without a browser. */
export function httpClient(base: string) {
  let cookie = ''
  async function request(path: string, init: RequestInit = {}) {
    const res = await fetch(base + path, { ...init, redirect: 'manual', headers: { ...(cookie ? { cookie } : {}), ...(init.headers as Record<string, string> | undefined) } })
    const set = res.headers.get('set-cookie')
    if (set) cookie = set.split(';')[0]!.endsWith('=') ? '' : set.split(';')[0]!
    return { status: res.status, location: res.headers.get('location'), setCookie: set, text: await res.text() }
  }
  return {
    get: (path: string) => request(path),
    post: (path: string, fields: Record<string, string>) => request(path, { method: 'POST', body: new URLSearchParams(fields), headers: { 'content-type': 'application/x-www-form-urlencoded' } }),
    /** Log in with a login link's code (the page's button posts it). */
    async login(link: string) {
      const code = new URL(link).searchParams.get('ma')!
      return request('/dang-nhap', { method: 'POST', body: new URLSearchParams({ ma: code }), headers: { 'content-type': 'application/x-www-form-urlencoded' } })
    },
    /** The CSRF token of the signed-in page. */
    async csrf() {
      const page = await request('/')
      return /name="_csrf" value="([^"]+)"/.exec(page.text)?.[1] ?? ''
    },
    get cookie() {
      return cookie
    },
  }
}
