import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { connectEmbedded } from '../../src/storage/embedded.js'

import { bin, root, SPAWN_BOUND_MS } from '../support/service-process.js'

describe('dondoc chat: the report conversation in a terminal', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'dondoc-chat-'))
  const env = { ...process.env, DATABASE_URL: '', DATA_DIR: dataDir, LOG_LEVEL: 'warn' }
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }))

  // The review is submitted with the word "gửi": a bare "1" there means item 1, never "send" (issue 10, item 13).
  /** Every row of the tables a rehearsal could touch, to compare before and after. */
  const TABLES = ['contacts', 'conversations', 'submissions', 'indicator_values', 'task_progress', 'submission_sections', 'answer_history', 'outbox', 'processed_updates', 'periods', 'invite_failures'] as const
  const snapshot = async () => {
    const handle = await connectEmbedded(dataDir)
    try {
      const out: Record<string, unknown[]> = {}
      for (const table of TABLES) out[table] = await handle.db.selectFrom(table).selectAll().execute()
      return out
    } finally {
      await handle.close()
    }
  }

  it('runs the same engine with numbered choices and typed answers, and leaves no trace in the data', async () => {
    const imported = spawnSync(process.execPath, [bin, 'plan', 'import', path.join(root, 'plans', 'ea-wy.yaml')], { env, encoding: 'utf8', timeout: SPAWN_BOUND_MS })
    expect(imported.status).toBe(0)
    const before = await snapshot()
    const r = spawnSync(process.execPath, [bin, 'chat', '--unit', 'THON-05', '--at', '2025-12-02 09:00'], { env, input: '1\n95\n1\nbỏ qua\nkhông\nkhông\nkhông\ngửi\n/thoat\n', encoding: 'utf8', timeout: SPAWN_BOUND_MS })
    expect(r.status).toBe(0)
    expect(r.stdout).toContain('Thôn/buôn 05 cần báo cáo 5 mục: 1 chỉ tiêu, 1 nhiệm vụ và 3 mục nhận xét (kết quả, khó khăn, đề xuất). Anh/chị đã nhập 0/5 mục.')
    expect(r.stdout).toContain('1. Báo cáo ngay\n   2. Để sau\n   Trả lời 1 hoặc 2')
    expect(r.stdout).toContain('Chỉ tiêu 1/1: Dân số trưởng thành tiếp cận dịch vụ số')
    expect(r.stdout).toContain('Đã ghi: 95%')
    expect(r.stdout).toContain('Rà soát báo cáo')
    expect(r.stdout).toContain('✅ Đã nhận báo cáo Năm 2025 (gồm Quý IV/2025) của Thôn/buôn 05 lúc 09:00 ngày 02/12/2025 (đúng hạn).')
    expect(r.stderr).toContain('Đây là buổi tập: không điều gì được lưu vào dữ liệu thật.')
    // The rehearsal stored nothing: no console contact, draft, answer, submission, notice or period.
    const after = await snapshot()
    expect(after.contacts).toEqual([])
    expect(after).toEqual(before)
  }, 2 * SPAWN_BOUND_MS + 10_000)
})
