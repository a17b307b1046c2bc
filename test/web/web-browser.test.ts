import { existsSync, mkdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { chromium, type Browser, type Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { DatabaseHandle } from '../../src/storage/connection.js'
import { createHarness } from '../support/engine-harness.js'
import { miniPlan } from '../support/mini-plan.js'
import { root } from '../support/service-process.js'
import { createTestDatabase, testDatabaseKind } from '../support/test-database.js'
import { importOtherPlan, startWebServer } from '../support/web-server.js'

/** Debian's Chromium (installed by .ci/run), or CHROMIUM_PATH; browsers are never downloaded. */
const CHROMIUM = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p): p is string => !!p && existsSync(p))
if (!CHROMIUM) console.warn('web browser tests skipped: no Chromium found at /usr/bin/chromium (apt-get install chromium) or CHROMIUM_PATH')

const SHOTS = path.join(root, 'test-output', 'screenshots')
// Tuesday 2 December 2025, 09:00 in Vietnam: the 2025 annual report (with Q4) is open, due 05/12.
const NOW = new Date('2025-12-02T02:00:00Z')

/** Each page at phone width (360 px) and desktop width, into test-output/screenshots/. */
async function screenshots(page: Page, name: string): Promise<void> {
  for (const [label, width] of [
    ['phone', 360],
    ['desktop', 1280],
  ] as const) {
    await page.setViewportSize({ width, height: 800 })
    await page.screenshot({ path: path.join(SHOTS, `${name}-${label}.png`), fullPage: true })
  }
}

describe.skipIf(!CHROMIUM)(`the web page in Chromium on ${testDatabaseKind}`, () => {
  let browser: Browser
  let t: DatabaseHandle
  let web: Awaited<ReturnType<typeof startWebServer>>
  const clock = { now: NOW }
  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true })
    browser = await chromium.launch({ executablePath: CHROMIUM!, args: ['--no-sandbox', '--disable-dev-shm-usage'] })
  }, 120_000)
  afterAll(async () => browser?.close())
  beforeEach(async () => {
    t = await createTestDatabase()
    clock.now = NOW
    web = await startWebServer(t, clock, { telegramBot: 'dondoc_thu_bot' })
  })
  afterEach(async () => {
    await web.close()
    await t.close()
  })

  it('logs in with a link, follows a report on the board, invites, checks a plan, removes a contact, logs out', async () => {
    const h = await createHarness(t, miniPlan(), NOW)
    // Phòng Kinh tế enrols and reports (2, corrected to 3); Thôn 1 enrols and starts.
    await h.say('kt1', `/start ${await h.invite('KT')}`)
    await h.say('kt1', '/baocao')
    await h.press('kt1', 'Báo cáo ngay')
    await h.say('kt1', '2')
    await h.press('kt1', 'Đang thực hiện')
    for (const text of ['Đã trình dự toán 2026', 'Hỗ trợ 2 doanh nghiệp', 'Chưa có hướng dẫn', 'không', 'sửa 1', '3']) await h.say('kt1', text)
    expect(await h.press('kt1', 'Gửi báo cáo')).toContain('(đúng hạn)')

    const { link } = await web.operatorLink(h.planId, 'Chị Lan')
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } })
    const page = await context.newPage()
    await page.goto(link)
    await screenshots(page, 'dang-nhap')
    await page.click('#login')
    await page.waitForURL(web.base + '/')

    // Bảng theo dõi: the request that matters now, states from the domain, grouped, with counts.
    await expect.poll(() => page.textContent('h2')).toBe('Năm 2025 (gồm Quý IV/2025), hạn trước ngày 05/12/2025')
    expect(await page.textContent('#totals')).toBe('1/4 đơn vị đã gửi (25%): 1 đúng hạn, 0 nộp muộn, 0 đang nhập, 3 chưa bắt đầu')
    expect(await page.textContent('tr[data-unit="KT"]')).toBe('Phòng Kinh tếđã gửi đúng hạn 09:00 ngày 02/12/2025')
    // Nobody from Thôn 1 has enrolled yet: no "Nhắc ngay", a note instead.
    expect(await page.textContent('tr[data-unit="THON-01"]')).toBe('Thôn 1chưa bắt đầuchưa có người nhận tin')
    expect(await page.getAttribute('#completeness', 'value')).toBe('25')
    const groups = await page.$$eval('section.group h2', (hs) => hs.map((x) => x.textContent))
    expect(groups).toEqual(['Phòng, ban và đơn vị khác 1/2 đã gửi', '2 thôn, buôn 0/2 đã gửi'])
    await screenshots(page, 'bang-theo-doi')
    // The switcher names another request in words.
    await page.fill('input[name="ky"]', 'quý 3/2025')
    await page.locator('form:has(input[name="ky"]) button').click()
    await expect.poll(() => page.textContent('h2')).toBe('Quý III/2025, hạn trước ngày 05/09/2025')
    expect(await page.textContent('#totals')).toBe('0/4 đơn vị đã gửi (0%): 0 đúng hạn, 0 nộp muộn, 0 đang nhập, 4 chưa bắt đầu')
    expect(await page.textContent('p.note')).toBe('Kỳ này hết hạn trước khi bắt đầu theo dõi, không tính là chậm nộp.')
    // ... or picks one from the list.
    await page.selectOption('select[name="ky"]', '2025-Q2')
    await page.locator('form:has(select[name="ky"]) button').click()
    await expect.poll(() => page.textContent('h2')).toBe('Quý II/2025, hạn trước ngày 05/06/2025')
    await page.fill('input[name="ky"]', 'năm 2031')
    await page.locator('form:has(input[name="ky"]) button').click()
    await expect.poll(() => page.textContent('p.note')).toBe('Không có kỳ "năm 2031". Chọn một kỳ trong danh sách.')

    // Chỉ tiêu: the leaders' period summary, as /tonghop words it.
    await page.goto(web.base + '/tong-hop')
    const summary = await page.textContent('#summary')
    expect(summary).toContain('Năm 2025 (gồm Quý IV/2025)')
    expect(summary).toContain('1/4')
    expect(summary).toContain('Số doanh nghiệp khởi nghiệp sáng tạo')
    await screenshots(page, 'chi-tieu')

    // Đơn vị: contacts and each value's history (who, when, which app, old → new).
    await page.goto(web.base + '/')
    await page.click('tr[data-unit="KT"] a')
    await page.waitForSelector('#contacts')
    // "Since" is the row's creation time (the database clock), so only the app and name are fixed here.
    expect(await page.textContent('#contacts tbody')).toMatch(/^TelegramNgười dùng kt1\d\d:\d\d ngày \d\d\/\d\d\/\d{4}Gỡ$/)
    const history = await page.textContent('table.history')
    expect(history).toContain('CT02 Số doanh nghiệp khởi nghiệp sáng tạo: 3')
    expect(history).toContain('Người dùng kt1, 09:00 ngày 02/12/2025, qua Telegram: 2')
    expect(history).toContain('Người dùng kt1, 09:00 ngày 02/12/2025, qua Telegram: 2 → 3')
    await screenshots(page, 'don-vi')

    // Remove the contact: gone from the unit and written in the log.
    await page.click('#contacts button')
    await page.waitForSelector('p.ok')
    expect(await page.textContent('p.ok')).toBe('Đã gỡ Người dùng kt1.')
    expect(await page.locator('#contacts').count()).toBe(0)
    expect(await t.db.selectFrom('contacts').select('status').execute()).toEqual([{ status: 'removed' }])

    // Mời tham gia: an invite for Thôn 1 gives a printable card with the code and a QR code of the deep link.
    await page.goto(web.base + '/moi')
    await page.check('input[name="unit"][value="THON-01"]')
    await page.fill('input[name="name"]', 'Anh Ba')
    await page.click('form[action="/moi"] button')
    await page.waitForSelector('.card')
    const code = await page.getAttribute('.card', 'data-code')
    expect(code).toMatch(/^[A-Z2-9]{8}$/)
    const card = await page.textContent('.card')
    expect(card).toContain('Thôn 1')
    expect(card).toContain(`/start ${code}`)
    expect(card).toContain(`https://t.me/dondoc_thu_bot?start=${code}`)
    expect(await page.locator('.card svg').count()).toBe(1)
    await screenshots(page, 'the-moi')
    await page.emulateMedia({ media: 'print' })
    await page.pdf({ path: path.join(SHOTS, 'the-moi.pdf'), format: 'A4' })
    await page.emulateMedia({ media: 'screen' })
    // The printed code works in the chat.
    expect(await h.say('thon1', `/start ${code}`)).toContain('Đã liên kết')
    await page.goto(web.base + '/moi')
    expect(await page.textContent('#used')).toContain('Thôn 1, Anh Ba: Người dùng thon1 dùng lúc 09:00 ngày 02/12/2025')
    await screenshots(page, 'moi-tham-gia')

    // Kế hoạch: a broken file shows each problem under its line; nothing is imported.
    const broken = readFileSync(path.join(root, 'test/fixtures/mini-plan.yaml'), 'utf8').replace('2030: "≥ 05"', '2030: "≥ 0,5,5"').replace('period: year', 'period: fortnight')
    await page.goto(web.base + '/ke-hoach')
    await page.setInputFiles('input[type="file"]', { name: 'plan.yaml', mimeType: 'text/yaml', buffer: Buffer.from(broken) })
    await page.click('form[action="/ke-hoach"] button')
    await page.waitForSelector('#problems')
    expect(await page.textContent('#problems')).toBe('Cần sửa 2 chỗ. Các lỗi được ghi ngay dưới dòng của chúng.')
    expect(await page.textContent('#line-40')).toBe('40      2030: "≥ 0,5,5"↑ dòng 40, chỉ tiêu CT02 (indicators[1]).targets.2030: không đọc được "≥ 0,5,5"')
    expect(await page.textContent('#line-67')).toContain('period: fortnight↑ dòng 67, lịch báo cáo nam (schedules[1]).period: phải là một trong')
    await screenshots(page, 'ke-hoach-loi')
    // A good file: checked, then imported, and logged.
    const good = readFileSync(path.join(root, 'test/fixtures/mini-plan.yaml'), 'utf8').replace('Kế hoạch thử nghiệm', 'Kế hoạch thử nghiệm (sửa)')
    await page.setInputFiles('input[type="file"]', { name: 'plan.yaml', mimeType: 'text/yaml', buffer: Buffer.from(good) })
    await page.click('form[action="/ke-hoach"] button')
    await page.click('form[action="/ke-hoach/nap"] button')
    await page.waitForSelector('p.ok')
    expect(await page.textContent('p.ok')).toContain('Đã nạp kế hoạch mini.')
    expect((await t.db.selectFrom('plans').select('title').where('id', '=', h.planId).executeTakeFirstOrThrow()).title).toBe('Kế hoạch thử nghiệm (sửa)')

    // Lịch: the next deadlines as `dondoc calendar` words them.
    await page.goto(web.base + '/lich')
    expect(await page.textContent('#calendar')).toContain('Quý I/2026')
    await screenshots(page, 'lich')

    // Gửi tin and Nhật ký.
    await page.goto(web.base + '/gui-tin')
    await screenshots(page, 'gui-tin')
    // Lãnh đạo: a leader who used a leader code privately receives the digests.
    expect(await h.say('lead', await h.leaderInvite(), 'zalo')).toContain('nhận bản tổng hợp')
    await page.goto(web.base + '/lanh-dao')
    expect(await page.textContent('#leaders tbody')).toMatch(/^Zaloriêng: Người dùng lead/)
    await screenshots(page, 'lanh-dao')
    await page.goto(web.base + '/nhat-ky')
    const log = await page.$$eval('#audit tr', (rows) => rows.map((r) => [...r.querySelectorAll('td')].slice(1, 3).map((td) => td.textContent).join(' ')))
    expect(log).toEqual(['Chị Lan nạp kế hoạch', 'Chị Lan tạo mã mời', 'Chị Lan gỡ người liên hệ', 'Chị Lan đăng nhập'])
    await screenshots(page, 'nhat-ky')

    // Đăng xuất: every page is refused afterwards.
    await page.click('header button')
    await page.waitForURL(/\/dang-nhap\?ra=1$/)
    await page.goto(web.base + '/don-vi')
    expect(page.url()).toBe(web.base + '/dang-nhap')
    expect(await page.textContent('main')).toContain('Trang này cần đăng nhập')
    await context.close()
  }, 300_000)

  it('refuses a used link, and shows another plan\'s operator nothing of this plan', async () => {
    const h = await createHarness(t, miniPlan(), NOW)
    const otherPlan = await importOtherPlan(t, NOW)
    const { link } = await web.operatorLink(otherPlan, 'Anh Khác')
    const first = await browser.newContext()
    const p1 = await first.newPage()
    await p1.goto(link)
    await p1.click('#login')
    await p1.waitForURL(web.base + '/')
    const kt = await t.db.selectFrom('units').select('id').where('plan_id', '=', h.planId).where('code', '=', 'KT').executeTakeFirstOrThrow()
    const visit = await p1.goto(`${web.base}/don-vi/${kt.id}`)
    expect(visit?.status()).toBe(404)
    expect(await p1.textContent('h1')).toBe('Không tìm thấy trang này.')
    const second = await browser.newContext()
    const p2 = await second.newPage()
    await p2.goto(link)
    await p2.click('#login')
    await p2.waitForSelector('p.error')
    expect(await p2.textContent('p.error')).toContain('đã dùng hoặc đã hết hạn')
    await p2.goto(web.base + '/')
    expect(p2.url()).toBe(web.base + '/dang-nhap')
    await first.close()
    await second.close()
  }, 120_000)
})
