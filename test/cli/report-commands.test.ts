import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { runCli } from '../../src/cli/main.js'

describe('operator commands: status, digest, outbox, contacts', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'dondoc-ops-'))
  const env = { DATA_DIR: dataDir, LOG_LEVEL: 'silent' }
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }))
  const run = async (...args: string[]) => {
    const out: string[] = []
    const code = await runCli(args, env, { out: (t) => out.push(t), progress: () => undefined, now: () => new Date('2025-12-06T02:00:00Z') })
    return { code, text: out.join('\n') }
  }

  it('work on the embedded database without a running service', async () => {
    expect((await run('plan', 'import', 'test/fixtures/mini-plan.yaml')).code).toBe(0)
    const status = await run('status', '--period', '2025-Q4')
    expect(status.code).toBe(0)
    // Imported the day after the year's deadline: that report is history, shown when asked for, never as a failure.
    expect(status.text).toContain('Năm 2025 (gồm Quý IV/2025) (--period 2025-Y), hạn trước ngày 05/12/2025; kỳ này hết hạn trước khi bắt đầu theo dõi, không tính là chậm nộp.')
    expect(status.text).toContain('KT       chưa bắt đầu  Phòng Kinh tế')
    expect(status.text).toContain('0/4 đã gửi (0%), 0 đúng hạn, 0 nộp muộn')
    // By default: the next request, the first quarter of 2026, before it opens.
    const digest = await run('digest')
    expect(digest.text).toContain('Quý I/2026 (--period 2026-Q1), hạn trước ngày 05/03/2026.')
    expect(digest.text).toContain('📊 Tiến độ báo cáo Quý I/2026 (hạn trước ngày 05/03/2026): 0/4 đơn vị đã gửi, 0 đang nhập, 4 chưa bắt đầu.')
    const named = await run('digest', '--period', 'quý 4/2025')
    expect(named.text).toContain('📊 Báo cáo Năm 2025 (gồm Quý IV/2025) (hạn trước ngày 05/12/2025): 0/4 đơn vị đã nộp (0%), 0 đúng hạn, 0 nộp muộn.')
    expect(named.text).toContain('Chưa nộp: Phòng Văn hóa – Xã hội; Phòng Kinh tế; Thôn 1; Thôn 2')
    expect((await run('digest', '--send')).code).toBe(1)
    expect((await run('outbox')).text).toContain('hộp thư đi: chờ gửi 0, đang gửi 0, đã gửi 0, lỗi 0, bỏ 0')
    expect((await run('contacts')).text).toContain('0 người liên hệ')
    expect((await run('status', '--period', '2031-Q1')).code).toBe(1)
    expect((await run('status', '--period', 'năm 2025')).text).toContain('Năm 2025 (gồm Quý IV/2025) (--period 2025-Y)')
  }, 300_000)
})
