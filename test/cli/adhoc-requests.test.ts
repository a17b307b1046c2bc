import { randomBytes } from 'node:crypto'
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runCli } from '../../src/cli/main.js'
import { openForService } from '../../src/cli/open-database.js'
import { loadConfig } from '../../src/config.js'
import { createLogger } from '../../src/logger.js'
import { writeDigest } from '../../src/reports/digest.js'
import { createReminderScheduler } from '../../src/scheduler/reminder-scheduler.js'
import type { DatabaseHandle } from '../../src/storage/connection.js'
import { createHarness } from '../support/engine-harness.js'
import { miniPlan } from '../support/mini-plan.js'
import { testDatabaseKind } from '../support/test-database.js'

/** The mini plan with an ad-hoc schedule ("báo cáo đột xuất theo yêu cầu"). */
const plan = miniPlan((s) => `${s}\n  - code: dotxuat\n    name: "Báo cáo đột xuất"\n    period: adhoc\n`)

/**
 * The service's database as `dondoc` commands reach it while the service
 * runs: a data folder served by this process (PGlite), or a database of its
 * own on the PostgreSQL server of TEST_DATABASE_URL.
 */
async function serviceDatabase(): Promise<{ env: Record<string, string>; handle: DatabaseHandle; cleanup: () => Promise<void> }> {
  const url = process.env.TEST_DATABASE_URL
  if (!url) {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'dondoc-adhoc-'))
    const env = { DATA_DIR: dataDir, LOG_LEVEL: 'silent', DATABASE_URL: '' }
    const handle = await openForService(loadConfig(env))
    return { env, handle, cleanup: async () => rmSync(dataDir, { recursive: true, force: true }) }
  }
  const name = `adhoc_${randomBytes(6).toString('hex')}`
  const admin = async (q: string) => {
    const c = new pg.Client({ connectionString: url })
    await c.connect()
    try {
      await c.query(q)
    } finally {
      await c.end()
    }
  }
  await admin(`create database ${name}`)
  const own = new URL(url)
  own.pathname = `/${name}`
  const env = { DATABASE_URL: own.toString(), LOG_LEVEL: 'silent' }
  const handle = await openForService(loadConfig(env))
  return { env, handle, cleanup: () => admin(`drop database ${name} with (force)`) }
}

describe(`ad-hoc requests from the command line to the units' chats (${testDatabaseKind})`, () => {
  let db: Awaited<ReturnType<typeof serviceDatabase>>
  beforeAll(async () => {
    db = await serviceDatabase()
  }, 120_000)
  afterAll(async () => {
    await db?.handle.close()
    await db?.cleanup()
  })

  const run = async (at: string, ...args: string[]) => {
    const out: string[] = []
    const code = await runCli(args, db.env, { out: (t) => out.push(t), progress: () => undefined, now: () => new Date(at) })
    return { code, text: out.join('\n') }
  }

  it('opens a request for two units, reminds them on working days only, takes a report, shows it in status, and cancelling stops it', async () => {
    // Monday 6 April 2026, 09:00 in Hà Nội: no other report is open (Q1 closed on 2 April, Q2 opens late May).
    const h = await createHarness(db.handle, plan, new Date('2026-04-06T02:00:00Z'))
    await h.say('kt', `/start ${await h.invite('KT')}`)
    await h.say('t1', `/start ${await h.invite('THON-01')}`)
    await h.say('t2', `/start ${await h.invite('THON-02')}`)

    // Refused: a deadline already past, units that do not report on it, a schedule with its own calendar.
    const past = await run('2026-04-06T02:00:00Z', 'request', 'open', 'dotxuat', '--due', 'trước ngày 06/4/2026')
    expect(past.code).toBe(1)
    const outsider = await run('2026-04-06T02:00:00Z', 'request', 'open', 'dotxuat', '--due', '15/4/2026', '--units', 'KT,DN-VT')
    expect(outsider.code).toBe(1)
    expect((await run('2026-04-06T02:00:00Z', 'request', 'open', 'quy', '--due', '15/4/2026')).code).toBe(1)

    const opened = await run('2026-04-06T02:00:00Z', 'request', 'open', 'dotxuat', '--due', 'trước ngày 15/4/2026', '--units', 'kt, THON-01', '--title', 'Tình hình thiệt hại do mưa lũ')
    expect(opened.code).toBe(0)
    const id = Number(/#(\d+)/.exec(opened.text)?.[1])
    expect(opened.text).toBe(
      `đã mở yêu cầu #${id} (mini): báo cáo đột xuất “Tình hình thiệt hại do mưa lũ”, nộp trước ngày 15/04/2026, 2 đơn vị được hỏi và nhắc theo lịch nhắc của kế hoạch. Xem: dondoc status --period adhoc:${id}`,
    )
    const listed = await run('2026-04-06T02:05:00Z', 'request', 'list')
    expect(listed.text).toContain(`#${id}  dotxuat  báo cáo đột xuất “Tình hình thiệt hại do mưa lũ”  nộp trước ngày 15/04/2026  [đang nhận]  đơn vị: KT, THON-01`)

    // The calendar shows it with its two units and its reminders (the 7-working-day one, Monday 6/4 08:00, came before it opened).
    const calendar = await run('2026-04-06T02:05:00Z', 'calendar', '--from', '2026-04-01', '--to', '2026-04-30', '--json')
    const rows = (JSON.parse(calendar.text) as { periods: { key: string; units: string[]; reminders: { at: string; kind: string }[] }[] }).periods
    const adhoc = rows.find((p) => p.key === `adhoc:${id}`)!
    expect(adhoc.units).toEqual(['KT', 'THON-01'])
    expect(adhoc.reminders.slice(0, 4)).toEqual([
      { at: '2026-04-10T08:00:00+07:00', kind: 'before' },
      { at: '2026-04-14T08:00:00+07:00', kind: 'before' },
      { at: '2026-04-15T08:00:00+07:00', kind: 'overdue' },
      { at: '2026-04-17T08:00:00+07:00', kind: 'overdue' },
    ])

    const scheduler = createReminderScheduler({ db: db.handle.db, log: createLogger('silent'), plans: h.services.plans, digests: writeDigest })
    const tick = async (iso: string) => {
      const at = new Date(iso)
      h.setNow(at)
      await h.services.syncPeriods(at)
      await scheduler.tick(at)
    }
    const reminders = async () =>
      (await db.handle.db.selectFrom('outbox').select(['chat_id', 'dedupe_key', 'payload']).where('kind', '=', 'reminder').orderBy('id').execute()).map((r) => ({
        to: r.chat_id,
        at: /\d{4}-\d\d-\d\dT[\d:.]+Z/.exec(r.dedupe_key)?.[0],
        adhoc: r.dedupe_key.includes(`:adhoc:${id}:`),
        text: (r.payload as { text: string }).text,
      }))

    await tick('2026-04-09T02:00:00Z') // Thursday 09:00: no reminder instant has come yet
    await tick('2026-04-10T15:00:00Z') // Friday 22:00: the 3-day reminder is due, but it is quiet hours
    await tick('2026-04-11T03:00:00Z') // Saturday: not a working day
    expect(await reminders()).toEqual([])

    await tick('2026-04-13T01:00:00Z') // Monday 08:00: Friday's reminder goes out now, to the two units asked
    const monday = await reminders()
    expect(monday.map((r) => [r.to, r.at, r.adhoc])).toEqual([
      ['kt', '2026-04-10T01:00:00.000Z', true],
      ['t1', '2026-04-10T01:00:00.000Z', true],
    ])
    expect(monday[0]!.text).toContain('📋 Nhắc báo cáo đột xuất “Tình hình thiệt hại do mưa lũ”: hạn trước ngày 15/04/2026')

    // THON-02 is not asked: the chat offers it nothing.
    h.setNow(new Date('2026-04-13T02:00:00Z'))
    expect(await h.say('t2', '/baocao')).toContain('Hiện Thôn 2 không có kỳ báo cáo nào đang mở.')

    // KT reports it in the chat.
    expect(await h.say('kt', '/baocao')).toContain('📋 Báo cáo đột xuất “Tình hình thiệt hại do mưa lũ”: hạn trước ngày 15/04/2026')
    await h.press('kt', 'Báo cáo ngay')
    for (let i = 0; i < 20 && !h.lastReply('kt')?.text.startsWith('Rà soát'); i++) {
      const r = h.lastReply('kt')!
      if (r.text.includes('Tình trạng')) await h.press('kt', 'Đang thực hiện')
      else if (r.text.includes('doanh nghiệp khởi nghiệp')) await h.say('kt', '2')
      else if (r.choices?.some((c) => c.id === 'none')) await h.press('kt', 'Không có')
      else if (r.text.includes('Tiến độ')) await h.say('kt', 'bỏ qua')
      else await h.press('kt', 'Bỏ qua')
    }
    expect(await h.press('kt', 'Gửi báo cáo')).toContain('✅ Đã nhận báo cáo đột xuất “Tình hình thiệt hại do mưa lũ” của Phòng Kinh tế')

    await tick('2026-04-14T01:00:00Z') // Tuesday 08:00, the last working day before: only THON-01 still owes it
    expect((await reminders()).slice(2).map((r) => [r.to, r.at])).toEqual([['t1', '2026-04-14T01:00:00.000Z']])

    const status = await run('2026-04-14T02:00:00Z', 'status', '--period', 'đột xuất mưa lũ')
    expect(status.code).toBe(0)
    expect(status.text).toContain(`đột xuất “Tình hình thiệt hại do mưa lũ” (--period adhoc:${id}), hạn trước ngày 15/04/2026.`)
    expect(status.text).toMatch(/KT +đã gửi đúng hạn 09:\d\d ngày 13\/04\/2026 +Phòng Kinh tế/)
    expect(status.text).toMatch(/THON-01 +chưa bắt đầu +Thôn 1/)
    expect(status.text).not.toContain('THON-02')
    expect(status.text).toContain('1/2 đã gửi (50%), 1 đúng hạn, 0 nộp muộn')

    // Leaders find it by its words in the chat; the export writes its files.
    const group = { chatType: 'group' as const, chatId: '-77', chatTitle: 'Lãnh đạo xã' }
    h.setNow(new Date('2026-04-14T02:00:00Z'))
    await h.raw('chairman', { ...group, text: `/start ${await h.leaderInvite()}` })
    const missing = (await h.raw('chairman', { ...group, text: '/chuanop đột xuất' }))[0]!.text
    expect(missing).toContain('📋 đột xuất “Tình hình thiệt hại do mưa lũ” (hạn trước ngày 15/04/2026): 1/2 đơn vị chưa nộp.')
    expect(missing).toContain('• Thôn 1')
    expect(missing).not.toContain('Thôn 2')
    const summary = (await h.raw('chairman', { ...group, text: '/tonghop mưa lũ' })).map((r) => r.text).join('\n')
    expect(summary).toContain('📊 Báo cáo đột xuất “Tình hình thiệt hại do mưa lũ” (hạn trước ngày 15/04/2026): 1/2 đơn vị đã nộp (50%), 1 đúng hạn, 0 nộp muộn.')
    const outDir = mkdtempSync(path.join(tmpdir(), 'dondoc-adhoc-export-'))
    try {
      const exported = await run('2026-04-14T02:00:00Z', 'export', '--period', `adhoc:${id}`, '--out', outDir)
      expect(exported.code).toBe(0)
      expect(exported.text.split('\n').slice(1)).toEqual([path.join(outDir, `mini-adhoc-${id}.xlsx`), path.join(outDir, `mini-adhoc-${id}.docx`)])
      for (const f of readdirSync(outDir)) expect(statSync(path.join(outDir, f)).size).toBeGreaterThan(1000)
    } finally {
      rmSync(outDir, { recursive: true, force: true })
    }

    const cancelled = await run('2026-04-14T03:00:00Z', 'request', 'cancel', String(id))
    expect(cancelled.text).toBe(`đã huỷ yêu cầu #${id}: báo cáo đột xuất “Tình hình thiệt hại do mưa lũ”; không nhắc nữa, các đơn vị không còn thấy yêu cầu này; số liệu đã gửi vẫn được giữ`)
    expect((await run('2026-04-14T03:01:00Z', 'request', 'cancel', String(id))).text).toBe(`yêu cầu #${id} đã huỷ từ 10:00 ngày 14/04/2026; không thay đổi gì`)
    expect((await run('2026-04-14T03:02:00Z', 'request', 'list')).text).toContain(`#${id}  dotxuat  báo cáo đột xuất “Tình hình thiệt hại do mưa lũ”  nộp trước ngày 15/04/2026  [đã huỷ]`)

    // No more reminders: not the overdue nudge on Wednesday, not the escalation on Monday 20/4.
    await tick('2026-04-15T01:00:00Z')
    await tick('2026-04-20T01:00:00Z')
    expect(await reminders()).toHaveLength(3)
    expect(await db.handle.db.selectFrom('outbox').select('id').where('kind', '=', 'escalation').execute()).toEqual([])
    // THON-01 no longer sees it; KT's answers stay.
    h.setNow(new Date('2026-04-15T02:00:00Z'))
    expect(await h.say('t1', '/baocao')).toContain('Hiện Thôn 1 không có kỳ báo cáo nào đang mở.')
    const kept = await db.handle.db.selectFrom('submissions').select(['status']).where('period_id', '=', id).where('status', '<>', 'draft').execute()
    expect(kept).toHaveLength(1)
    expect((await run('2026-04-15T02:00:00Z', 'status', '--period', `adhoc:${id}`)).code).toBe(1)

    const audit = await db.handle.db.selectFrom('audit_log').select(['action', 'operator_id', 'detail']).orderBy('id').execute()
    // Named as every command names its user in "Nhật ký": CLI:<OS user>.
    expect(audit.map((a) => [a.action, a.operator_id, (a.detail as { by: string }).by.startsWith('CLI:'), (a.detail as { request: number }).request])).toEqual([
      ['adhoc_request_opened', null, true, id],
      ['adhoc_request_cancelled', null, true, id],
    ])
    const stored = await db.handle.db.selectFrom('periods').select(['created_by', 'title', 'units']).where('id', '=', id).executeTakeFirstOrThrow()
    expect(stored).toEqual({ created_by: (audit[0]!.detail as { by: string }).by, title: 'Tình hình thiệt hại do mưa lũ', units: ['KT', 'THON-01'] })
  }, 300_000)
})
