import { readFileSync } from 'node:fs'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { DatabaseHandle } from '../../src/storage/connection.js'
import { createHarness } from '../support/engine-harness.js'
import { root } from '../support/service-process.js'
import { miniPlan } from '../support/mini-plan.js'
import { createTestDatabase, testDatabaseKind } from '../support/test-database.js'
import { httpClient, importOtherPlan, startWebServer } from '../support/web-server.js'

// Tuesday 2 December 2025, 09:00 in Vietnam: the 2025 annual report (with Q4) is open, due 05/12.
const NOW = new Date('2025-12-02T02:00:00Z')
const PAGES = ['/', '/tong-hop', '/tai-bao-cao', '/tai-bao-cao/2025-Y.xlsx', '/don-vi', '/don-vi/1', '/moi', '/ke-hoach', '/lich', '/gui-tin', '/lanh-dao', '/nhat-ky']
const POSTS = ['/dang-xuat', '/don-vi/1/go-lien-he', '/moi', '/ke-hoach', '/ke-hoach/nap', '/nhac']

describe(`web page security on ${testDatabaseKind}`, () => {
  let t: DatabaseHandle
  let web: Awaited<ReturnType<typeof startWebServer>>
  const clock = { now: NOW }
  beforeEach(async () => {
    t = await createTestDatabase()
    clock.now = NOW
    web = await startWebServer(t, clock)
  })
  afterEach(async () => {
    await web.close()
    await t.close()
  })

  it('sends every page without a session to the login page, and answers 401 to every POST', async () => {
    const anon = httpClient(web.base)
    for (const path of PAGES) {
      const r = await anon.get(path)
      expect([path, r.status, r.location]).toEqual([path, 303, '/dang-nhap'])
    }
    for (const path of POSTS) expect([path, (await anon.post(path, { _csrf: 'x' })).status]).toEqual([path, 401])
    // A made-up cookie is no session either.
    const forged = await fetch(web.base + '/', { redirect: 'manual', headers: { cookie: 'dondoc_session=abc' } })
    expect(forged.status).toBe(303)
  })

  it('logs in once with a link, sets a safe cookie, slides it, and refuses a used or expired link', async () => {
    const h = await createHarness(t, miniPlan(), NOW)
    const { link } = await web.operatorLink(h.planId, 'Chị Lan')
    expect(link).toMatch(new RegExp(`^${web.base}/dang-nhap\\?ma=[A-Za-z0-9_-]{43}$`))
    // Opening the link only shows a button: a chat app's link preview spends nothing.
    const a = httpClient(web.base)
    expect((await a.get(new URL(link).pathname + new URL(link).search)).text).toContain('id="login"')
    const ok = await a.login(link)
    expect(ok.status).toBe(303)
    expect(ok.location).toBe('/')
    expect(ok.setCookie).toMatch(/^dondoc_session=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Lax; Max-Age=2592000$/)
    expect((await a.get('/')).status).toBe(200)
    // Used: refused.
    const b = httpClient(web.base)
    expect((await b.login(link)).status).toBe(403)
    expect((await b.get('/')).status).toBe(303)
    // Expired after 24 hours.
    const late = await web.operatorLink(h.planId, 'Anh Minh')
    clock.now = new Date(NOW.getTime() + 24 * 3_600_000 + 1000)
    const c = httpClient(web.base)
    const refused = await c.login(late.link)
    expect(refused.status).toBe(403)
    expect(refused.text).toContain('đã dùng hoặc đã hết hạn')
    // The first session slides: a visit after 20 days renews it for 30 more, so day 45 still works.
    clock.now = new Date(NOW.getTime() + 20 * 86_400_000)
    expect((await a.get('/')).setCookie).toContain('Max-Age=2592000')
    clock.now = new Date(NOW.getTime() + 45 * 86_400_000)
    expect((await a.get('/')).status).toBe(200)
    // ... and lapses after 30 days without a visit.
    clock.now = new Date(NOW.getTime() + 76 * 86_400_000)
    expect((await a.get('/')).status).toBe(303)
  })

  it('marks the cookie Secure when the request came over HTTPS through a proxy', async () => {
    const h = await createHarness(t, miniPlan(), NOW)
    const { link } = await web.operatorLink(h.planId, 'Chị Lan')
    const res = await fetch(web.base + '/dang-nhap', { method: 'POST', redirect: 'manual', body: new URLSearchParams({ ma: new URL(link).searchParams.get('ma')! }), headers: { 'x-forwarded-proto': 'https' } })
    expect(res.headers.get('set-cookie')).toMatch(/; Secure$/)
  })

  it('rate-limits login attempts per source', async () => {
    const h = await createHarness(t, miniPlan(), NOW)
    const a = httpClient(web.base)
    for (let i = 0; i < 10; i++) expect((await a.login(`${web.base}/dang-nhap?ma=wrong${i}`)).status).toBe(403)
    const { link } = await web.operatorLink(h.planId, 'Chị Lan')
    // Even a good link is refused from this source for 15 minutes.
    expect((await a.login(link)).status).toBe(429)
    clock.now = new Date(NOW.getTime() + 16 * 60_000)
    expect((await a.login(link)).status).toBe(303)
  })

  it('refuses a POST without or with a wrong CSRF token, or from another site', async () => {
    const h = await createHarness(t, miniPlan(), NOW)
    const a = httpClient(web.base)
    await a.login((await web.operatorLink(h.planId, 'Chị Lan')).link)
    const csrf = await a.csrf()
    expect(csrf).toMatch(/^[A-Za-z0-9_-]{43}$/)
    expect((await a.post('/moi', { unit: 'KT' })).status).toBe(403)
    expect((await a.post('/moi', { unit: 'KT', _csrf: csrf.slice(0, -1) + (csrf.endsWith('A') ? 'B' : 'A') })).status).toBe(403)
    const crossSite = await fetch(web.base + '/moi', { method: 'POST', redirect: 'manual', body: new URLSearchParams({ unit: 'KT', _csrf: csrf }), headers: { cookie: a.cookie, origin: 'https://evil.example' } })
    expect(crossSite.status).toBe(403)
    expect(await t.db.selectFrom('invites').select('id').execute()).toEqual([])
    expect((await a.post('/moi', { unit: 'KT', _csrf: csrf })).status).toBe(200)
    expect(await t.db.selectFrom('invites').select('id').execute()).toHaveLength(1)
    // Logging out ends the session on the server: the old cookie is refused.
    const cookie = a.cookie
    expect((await a.post('/dang-xuat', { _csrf: csrf })).location).toBe('/dang-nhap?ra=1')
    expect((await fetch(web.base + '/', { redirect: 'manual', headers: { cookie } })).status).toBe(303)
  })

  it('keeps an operator of one plan out of another plan, whatever ids the URL names', async () => {
    const h = await createHarness(t, miniPlan(), NOW)
    const otherPlan = await importOtherPlan(t, NOW)
    const ours = await t.db.selectFrom('units').select(['id', 'code']).where('plan_id', '=', h.planId).where('code', '=', 'KT').executeTakeFirstOrThrow()
    const theirs = await t.db.selectFrom('units').select(['id']).where('plan_id', '=', otherPlan).where('code', '=', 'KT').executeTakeFirstOrThrow()
    const contact = await t.db
      .insertInto('contacts')
      .values({ plan_id: otherPlan, unit_id: theirs.id, role: 'reporter', display_name: 'Người khác', channel: 'telegram', user_id: 'u9', chat_id: 'u9' })
      .returning('id')
      .executeTakeFirstOrThrow()
    const a = httpClient(web.base)
    await a.login((await web.operatorLink(h.planId, 'Chị Lan')).link)
    const csrf = await a.csrf()
    expect((await a.get(`/don-vi/${ours.id}`)).status).toBe(200)
    expect((await a.get(`/don-vi/${theirs.id}`)).status).toBe(404)
    // Removing the other plan's contact, through our unit's URL or theirs: not found, and the contact stays.
    expect((await a.post(`/don-vi/${theirs.id}/go-lien-he`, { contact: String(contact.id), _csrf: csrf })).status).toBe(404)
    expect((await a.post(`/don-vi/${ours.id}/go-lien-he`, { contact: String(contact.id), _csrf: csrf })).status).toBe(404)
    expect((await t.db.selectFrom('contacts').select('status').where('id', '=', contact.id).executeTakeFirstOrThrow()).status).toBe('active')
    // An invite for a unit code our plan does not have: refused, nothing stored.
    const forgedInvite = await a.post('/moi', { unit: 'NOPE', _csrf: csrf })
    expect(forgedInvite.text).toContain('Kế hoạch không có đơn vị &quot;NOPE&quot;.')
    expect(await t.db.selectFrom('invites').select('id').execute()).toEqual([])
    // The board lists only our plan's units; importing a file of the other plan is refused.
    expect((await a.get('/')).text).not.toContain('Kế hoạch khác')
    const otherSource = readFileSync(path.join(root, 'test/fixtures/mini-plan.yaml'), 'utf8').replace('code: mini', 'code: khac')
    const imported = await a.post('/ke-hoach/nap', { source: otherSource, _csrf: csrf })
    expect(imported.text).toContain('Tệp là kế hoạch &quot;khac&quot;, còn bạn quản lý kế hoạch &quot;mini&quot;.')
    expect(await t.db.selectFrom('audit_log').select('action').where('action', '=', 'plan_imported').execute()).toEqual([])
  })

  it('lets a leader read but not change anything', async () => {
    const h = await createHarness(t, miniPlan(), NOW)
    const kt = await t.db.selectFrom('units').select('id').where('plan_id', '=', h.planId).where('code', '=', 'KT').executeTakeFirstOrThrow()
    const a = httpClient(web.base)
    await a.login((await web.operatorLink(h.planId, 'Lãnh đạo', 'leader')).link)
    const csrf = await a.csrf()
    expect((await a.get('/moi')).text).not.toContain('action="/moi"')
    expect((await a.post('/moi', { unit: 'KT', _csrf: csrf })).status).toBe(403)
    expect(await t.db.selectFrom('invites').select('id').execute()).toEqual([])
    await h.say('kt1', `/start ${await h.invite('KT')}`)
    // No "Nhắc ngay" for a leader, and a forged one is refused: nothing queued, nothing logged.
    expect((await a.get('/')).text).not.toContain('action="/nhac"')
    expect((await a.post('/nhac', { ky: '2025-Y', unit: String(kt.id), _csrf: csrf })).status).toBe(403)
    expect((await a.post('/nhac', { ky: '2025-Y', _csrf: csrf })).status).toBe(403)
    expect(await t.db.selectFrom('outbox').select('id').where('dedupe_key', 'like', 'office-nudge:%').execute()).toEqual([])
    expect(await t.db.selectFrom('audit_log').select('id').where('action', '=', 'reminder_sent').execute()).toEqual([])
  })

  it('refuses "Nhắc ngay" without the CSRF token, for a request or unit the plan does not have, or a unit that already submitted', async () => {
    const h = await createHarness(t, miniPlan(), NOW)
    await h.say('kt1', `/start ${await h.invite('KT')}`)
    const otherPlan = await importOtherPlan(t, NOW)
    const ours = await t.db.selectFrom('units').select('id').where('plan_id', '=', h.planId).where('code', '=', 'KT').executeTakeFirstOrThrow()
    const theirs = await t.db.selectFrom('units').select('id').where('plan_id', '=', otherPlan).where('code', '=', 'THON-01').executeTakeFirstOrThrow()
    const a = httpClient(web.base)
    await a.login((await web.operatorLink(h.planId, 'Chị Lan')).link)
    const csrf = await a.csrf()
    expect((await a.post('/nhac', { ky: '2025-Y', unit: String(ours.id) })).status).toBe(403)
    expect((await a.post('/nhac', { ky: '2031-Y', unit: String(ours.id), _csrf: csrf })).status).toBe(404)
    expect((await a.post('/nhac', { ky: 'năm 2025', unit: String(ours.id), _csrf: csrf })).status).toBe(404)
    expect((await a.post('/nhac', { ky: '2025-Y', unit: String(theirs.id), _csrf: csrf })).status).toBe(404)
    // A request that ended before tracking started (Q3 2025) is history: nobody is reminded of it.
    expect((await a.post('/nhac', { ky: '2025-Q3', unit: String(ours.id), _csrf: csrf })).status).toBe(404)
    expect(await t.db.selectFrom('outbox').select('id').where('dedupe_key', 'like', 'office-nudge:%').execute()).toEqual([])
    // The real thing: queued, then redirected to the board with the flash.
    const done = await a.post('/nhac', { ky: '2025-Y', unit: String(ours.id), _csrf: csrf })
    expect(done.status).toBe(303)
    expect(done.location).toMatch(/^\/\?ky=2025-Y&da-nhac=\d+$/)
    expect((await a.get(done.location!)).text).toContain('Đã xếp 1 tin nhắc tới 1 đơn vị chưa nộp.')
    // Another plan's audit id shows no flash of ours.
    expect((await a.get('/?da-nhac=999999')).text).not.toContain('id="flash"')
  })

  it('serves report files of the operator\'s plan only, with a safe file name', async () => {
    const h = await createHarness(t, miniPlan(), NOW)
    const a = httpClient(web.base)
    await a.login((await web.operatorLink(h.planId, 'Chị Lan')).link)
    const res = await fetch(web.base + '/tai-bao-cao/2025-Y.docx', { headers: { cookie: a.cookie } })
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document')
    expect(res.headers.get('content-disposition')).toBe('attachment; filename=mini-2025-Y.docx')
    expect(res.headers.get('cache-control')).toBe('no-store')
    expect(Buffer.from(await res.arrayBuffer()).subarray(0, 2).toString('latin1')).toBe('PK')
    for (const path of ['/tai-bao-cao/2031-Y.xlsx', '/tai-bao-cao/nam-2025.xlsx', '/tai-bao-cao/2025-Y.pdf', '/tai-bao-cao/..%2F2025-Y.xlsx']) expect([path, (await a.get(path)).status]).toEqual([path, 404])
  }, 60_000)
})
