import { existsSync, mkdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import ExcelJS from 'exceljs'
import { chromium, type Browser, type Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createTelegramSender } from '../../src/channels/telegram/telegram-sender.js'
import type { Reply } from '../../src/conversation/types.js'
import type { DatabaseHandle } from '../../src/storage/connection.js'
import { claimDue } from '../../src/storage/outbox.js'
import { createFakeTelegram, type FakeTelegram } from '../fakes/telegram-bot-api.js'
import { createHarness } from '../support/engine-harness.js'
import { miniPlan } from '../support/mini-plan.js'
import { root } from '../support/service-process.js'
import { createTestDatabase, testDatabaseKind } from '../support/test-database.js'
import { startWebServer } from '../support/web-server.js'

/** Debian's Chromium (installed by .ci/run), or CHROMIUM_PATH; browsers are never downloaded. */
const CHROMIUM = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p): p is string => !!p && existsSync(p))

const SHOTS = path.join(root, 'test-output', 'screenshots')
// Tuesday 2 December 2025, 09:00 in Vietnam: the 2025 annual report (with Q4) is open, due 05/12.
const NOW = new Date('2025-12-02T02:00:00Z')
// The same Tuesday at 22:30, in the quiet hours: sending waits for Wednesday 08:00 (01:00Z).
const NIGHT = new Date('2025-12-02T15:30:00Z')
const WEDNESDAY_MORNING = new Date('2025-12-03T01:00:00Z')
const REQUEST = 'Năm 2025 (gồm Quý IV/2025)'
const OFFICE_NUDGE_KT = `📣 Phòng Văn hóa – Xã hội nhắc: báo cáo ${REQUEST} hạn trước ngày 05/12/2025 — Phòng Kinh tế chưa gửi.\nĐề nghị đồng chí bấm "Báo cáo ngay" hoặc gõ /baocao để hoàn thành và gửi báo cáo.`

describe.skipIf(!CHROMIUM)(`the board's "Nhắc ngay", leaders' summary and report downloads in Chromium on ${testDatabaseKind}`, () => {
  let browser: Browser
  let t: DatabaseHandle
  let fake: FakeTelegram
  let web: Awaited<ReturnType<typeof startWebServer>>
  const clock = { now: NOW }
  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true })
    browser = await chromium.launch({ executablePath: CHROMIUM!, args: ['--no-sandbox', '--disable-dev-shm-usage'] })
  }, 120_000)
  afterAll(async () => browser?.close())
  beforeEach(async () => {
    t = await createTestDatabase()
    fake = createFakeTelegram()
    await fake.start()
    clock.now = NOW
    web = await startWebServer(t, clock)
  })
  afterEach(async () => {
    await web.close()
    await fake.close()
    await t.close()
  })

  /** The dispatcher's part: send the Telegram rows due at `at` through the real sender to the fake. */
  async function dispatch(at: Date): Promise<number> {
    const sender = createTelegramSender({ token: '123456:TEST-token', apiRoot: fake.apiRoot })
    const rows = await claimDue(t.db, 'telegram', 'test', at, 50)
    for (const row of rows) expect(await sender.send({ ...row, payload: row.payload as Reply })).toEqual({ ok: true })
    return rows.length
  }

  async function logIn(planId: number, name: string, role: 'operator' | 'leader' = 'operator'): Promise<Page> {
    const { link } = await web.operatorLink(planId, name, role)
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, acceptDownloads: true })
    const page = await context.newPage()
    await page.goto(link)
    await page.click('#login')
    await page.waitForURL(web.base + '/')
    return page
  }

  const officeReminders = () => t.db.selectFrom('outbox').select(['chat_id', 'run_after']).where('dedupe_key', 'like', 'office-nudge:%').orderBy('id').execute()

  it('reminds one unit now, never twice for a double press, all outstanding units, and waits for the morning at night', async () => {
    const h = await createHarness(t, miniPlan(), NOW)
    // Phòng Kinh tế enrols through Telegram; Thôn 1 enrols and enters one value; the others have nobody.
    await h.say('kt1', `/start ${await h.invite('KT')}`)
    await h.say('thon1', `/start ${await h.invite('THON-01')}`)
    await h.say('thon1', '/baocao')
    await h.press('thon1', 'Báo cáo ngay')
    await h.say('thon1', '2')
    const page = await logIn(h.planId, 'Chị Lan')

    // Outstanding units with someone enrolled get a button; the rest say nobody can receive it.
    expect(await page.textContent('tr[data-unit="KT"]')).toBe('Phòng Kinh tếchưa bắt đầuNhắc ngay')
    expect(await page.textContent('tr[data-unit="THON-01"]')).toBe('Thôn 1đang nhập 1 mụcNhắc ngay')
    expect(await page.textContent('tr[data-unit="THON-02"]')).toBe('Thôn 2chưa bắt đầuchưa có người nhận tin')
    expect(await page.textContent('#remind-all button')).toBe('Nhắc tất cả đơn vị chưa nộp (2)')

    await page.click('tr[data-unit="KT"] button.remind')
    await page.waitForSelector('#flash')
    expect(await page.textContent('#flash')).toBe('Đã xếp 1 tin nhắc tới 1 đơn vị chưa nộp.')
    expect(page.url()).toMatch(/\/\?ky=2025-Y&da-nhac=\d+$/)
    expect(await dispatch(NOW)).toBe(1)
    const arrived = await fake.waitForMessages('kt1', 1)
    expect(arrived).toEqual([{ text: OFFICE_NUDGE_KT, buttons: [{ text: 'Báo cáo ngay', data: expect.any(String) }, { text: 'Nhắc lại ngày mai', data: expect.any(String) }] }])

    // Pressed again (a double click, a resubmitted form): nothing new is queued or sent.
    await page.goBack()
    await page.click('tr[data-unit="KT"] button.remind')
    await page.waitForSelector('#flash')
    expect(await page.textContent('#flash')).toBe('Các đơn vị này vừa được nhắc: không gửi thêm tin trùng.')
    expect(await dispatch(NOW)).toBe(0)
    expect(fake.messagesTo('kt1')).toHaveLength(1)

    // "Nhắc tất cả": Thôn 1 gets one; Phòng Kinh tế was just reminded; Thôn 2 and the others have nobody.
    await page.goto(web.base + '/')
    await page.click('#remind-all button')
    await page.waitForSelector('#flash')
    const flash = await page.$$eval('#flash p', (ps) => ps.map((p) => p.textContent))
    expect(flash[0]).toBe('Đã xếp 1 tin nhắc tới 1 đơn vị chưa nộp.')
    expect(flash[1]).toBe('Vừa được nhắc, không gửi lại: Phòng Kinh tế.')
    expect(flash[2]).toMatch(/^Chưa có người liên hệ nhận tin, không gửi được: .*Thôn 2.*\.$/)
    expect(flash).toHaveLength(3)
    expect(await dispatch(NOW)).toBe(1)
    expect((await fake.waitForMessages('thon1', 1))[0]!.text).toContain('— Thôn 1 chưa gửi (đã nhập 1 mục).')
    expect(fake.messagesTo('kt1')).toHaveLength(1)

    // At 22:30 the reminder is queued for Wednesday 08:00 and the page says so.
    clock.now = NIGHT
    await page.goto(web.base + '/')
    await page.click('tr[data-unit="THON-01"] button.remind')
    await page.waitForSelector('#flash')
    expect(await page.$$eval('#flash p', (ps) => ps.map((p) => p.textContent))).toEqual(['Đã xếp 1 tin nhắc tới 1 đơn vị chưa nộp.', 'Đã xếp lịch gửi lúc 08:00 thứ Tư 03/12 (ngoài giờ hành chính).'])
    // Pressed again later that night: the same morning message, not a second one.
    clock.now = new Date(NIGHT.getTime() + 30 * 60_000)
    await page.goto(web.base + '/')
    await page.click('tr[data-unit="THON-01"] button.remind')
    await page.waitForSelector('#flash')
    expect(await page.$$eval('#flash p', (ps) => ps.map((p) => p.textContent))).toEqual(['Các đơn vị này vừa được nhắc: không gửi thêm tin trùng.', 'Đã xếp lịch gửi lúc 08:00 thứ Tư 03/12 (ngoài giờ hành chính).'])
    const rows = await officeReminders()
    expect(rows.map((r) => [r.chat_id, r.run_after.toISOString()])).toEqual([
      ['kt1', NOW.toISOString()],
      ['thon1', NOW.toISOString()],
      ['thon1', WEDNESDAY_MORNING.toISOString()],
    ])
    expect(await dispatch(clock.now)).toBe(0)
    expect(fake.messagesTo('thon1')).toHaveLength(1)
    expect(await dispatch(WEDNESDAY_MORNING)).toBe(1)
    expect(await fake.waitForMessages('thon1', 2)).toHaveLength(2)
    // Phòng Kinh tế reports on time: the board with every state, for docs/board.png.
    await h.say('kt1', '/baocao')
    await h.press('kt1', 'Báo cáo ngay')
    await h.say('kt1', '2')
    await h.press('kt1', 'Đang thực hiện')
    for (const text of ['Đã trình dự toán 2026', 'Hỗ trợ 2 doanh nghiệp', 'Chưa có hướng dẫn', 'không']) await h.say('kt1', text)
    expect(await h.press('kt1', 'Gửi báo cáo')).toContain('(đúng hạn)')
    await page.reload()
    await page.waitForSelector('#flash')
    expect(await page.textContent('tr[data-unit="KT"]')).toBe('Phòng Kinh tếđã gửi đúng hạn 09:00 ngày 02/12/2025')
    for (const [label, width] of [['phone', 360], ['desktop', 1024]] as const) {
      await page.setViewportSize({ width, height: 700 })
      await page.screenshot({ path: path.join(SHOTS, `nhac-ngay-${label}.png`), fullPage: true })
    }

    // Each press is in the log: who, which units, which request.
    await page.goto(web.base + '/nhat-ky')
    const log = await page.$$eval('#audit tr', (trs) => trs.map((tr) => [...tr.querySelectorAll('td')].slice(1).map((td) => td.textContent)))
    const presses = log.filter((r) => r[1] === 'nhắc ngay các đơn vị chưa nộp')
    expect(presses).toHaveLength(5)
    expect(presses.every((r) => r[0] === 'Chị Lan')).toBe(true)
    // The first press (the log is newest first); the database may order the detail's keys its own way.
    expect(presses.at(-1)![2]!.split(', ').sort()).toEqual(['queued: 1', `request: ${REQUEST}`, 'units: Phòng Kinh tế'])
    await page.context().close()
  }, 300_000)

  it('shows a leader the leaders\' summary and no reminder button', async () => {
    const h = await createHarness(t, miniPlan(), NOW)
    await h.say('kt1', `/start ${await h.invite('KT')}`)
    const page = await logIn(h.planId, 'Chủ tịch Hà', 'leader')
    expect(await page.locator('button.remind').count()).toBe(0)
    expect(await page.locator('#remind-all').count()).toBe(0)
    // The first lines of the summary digest: nobody has submitted, so all four expected units are listed as missing.
    const summary = await page.textContent('#leader-summary pre')
    expect(summary).toMatch(new RegExp(`^📊 Báo cáo ${REQUEST.replace(/[()]/g, '\\$&')} \\(hạn trước ngày 05/12/2025\\): 0/4 đơn vị đã nộp \\(0%\\), 0 đúng hạn, 0 nộp muộn\\.`))
    expect(summary).toContain('Thôn 1')
    await page.context().close()
  }, 120_000)

  it('downloads the workbook and the Word draft of the request that matters now', async () => {
    const h = await createHarness(t, miniPlan(), NOW)
    const page = await logIn(h.planId, 'Chị Lan')
    await page.click('header a[href="/tai-bao-cao"]')
    await page.waitForSelector('#downloads')
    expect(await page.getAttribute('#current', 'data-key')).toBe('2025-Y')
    expect(await page.textContent('#current td')).toBe(`${REQUEST} hạn trước ngày 05/12/2025`)
    await page.screenshot({ path: path.join(SHOTS, 'tai-bao-cao-desktop.png'), fullPage: true })

    const [xlsx] = await Promise.all([page.waitForEvent('download'), page.click('#current a[href$=".xlsx"]')])
    expect(xlsx.suggestedFilename()).toBe('mini-2025-Y.xlsx')
    const book = new ExcelJS.Workbook()
    await book.xlsx.readFile((await xlsx.path())!)
    expect(book.worksheets.map((s) => s.name)).toEqual(['Chỉ tiêu', 'Theo đơn vị', 'Nhiệm vụ', 'Tiến độ nộp', 'Khó khăn – Đề xuất'])

    const [docx] = await Promise.all([page.waitForEvent('download'), page.click('#current a[href$=".docx"]')])
    expect(docx.suggestedFilename()).toBe('mini-2025-Y.docx')
    const bytes = readFileSync((await docx.path())!)
    // A zip (local file header "PK\3\4") whose directory names word/document.xml (names are stored uncompressed).
    expect(bytes.subarray(0, 4)).toEqual(Buffer.from([0x50, 0x4b, 0x03, 0x04]))
    expect(bytes.includes(Buffer.from('word/document.xml'))).toBe(true)
    await page.context().close()
  }, 300_000)
})
