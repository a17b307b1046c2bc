import type { ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createFakeTelegram, type FakeTelegram } from '../fakes/telegram-bot-api.js'
import { createFakeZalo, type FakeZalo } from '../fakes/zalo-bot-api.js'

import { SPAWN_BOUND_MS, startService } from '../support/service-process.js'

/** `dondoc start` with both tokens set serves Telegram and Zalo from one process. */
describe('the service with Telegram and Zalo at once', () => {
  let dataDir: string
  let service: ChildProcess
  let telegram: FakeTelegram
  let zalo: FakeZalo
  let port: number

  beforeAll(async () => {
    telegram = createFakeTelegram()
    zalo = createFakeZalo()
    await telegram.start()
    await zalo.start()
    dataDir = mkdtempSync(path.join(tmpdir(), 'dondoc-svc-'))
    ;({ service, port } = await startService({
      DATABASE_URL: '',
      DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      TELEGRAM_BOT_TOKEN: '123456:TEST-token',
      TELEGRAM_API_ROOT: telegram.apiRoot,
      ZALO_BOT_TOKEN: zalo.token,
      ZALO_API_ROOT: zalo.apiRoot,
    }))
  }, SPAWN_BOUND_MS + 10_000)

  afterAll(async () => {
    service?.kill('SIGKILL')
    await telegram?.close()
    await zalo?.close()
    rmSync(dataDir, { recursive: true, force: true })
  })

  it('answers on both apps', async () => {
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200)
    telegram.sendText({ id: 42, first_name: 'Hoa' }, '/start')
    zalo.sendText({ id: 'z42', display_name: 'Hoa' }, 'xin chào')
    expect((await telegram.waitForMessages(42, 1, 120_000))[0]!.text).toContain('chưa được liên kết')
    expect((await zalo.waitForMessages('z42', 1, 120_000))[0]).toContain('chưa được liên kết')
    expect(telegram.calls.some((c) => c.method === 'setMyCommands')).toBe(true)
  }, 300_000)
})
