import type { ChildProcess } from 'node:child_process'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
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
    // Channels connect in the background: /healthz turns 200 once both are working.
    let status = 0
    for (const deadline = Date.now() + 30_000; status !== 200 && Date.now() < deadline; ) {
      status = (await fetch(`http://127.0.0.1:${port}/healthz`)).status
      if (status !== 200) await new Promise((r) => setTimeout(r, 100))
    }
    expect(status).toBe(200)
    telegram.sendText({ id: 42, first_name: 'Hoa' }, '/start')
    zalo.sendText({ id: 'z42', display_name: 'Hoa' }, 'xin chào')
    expect((await telegram.waitForMessages(42, 1, 120_000))[0]!.text).toContain('chưa được liên kết')
    expect((await zalo.waitForMessages('z42', 1, 120_000))[0]).toContain('chưa được liên kết')
    expect(telegram.calls.some((c) => c.method === 'setMyCommands')).toBe(true)
  }, 300_000)
})

/** Telegram down at start must not take Zalo, /healthz or shutdown with it. */
describe('the service when Telegram is unreachable', () => {
  it('answers on Zalo, shows telegram degraded on /healthz, and exits within 10 s of SIGTERM', async () => {
    const zalo = createFakeZalo()
    await zalo.start()
    const closed = http.createServer()
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r))
    const closedPort = (closed.address() as AddressInfo).port
    await new Promise<void>((r) => closed.close(() => r()))
    const dataDir = mkdtempSync(path.join(tmpdir(), 'dondoc-svc-'))
    let service: ChildProcess | undefined
    try {
      let port: number
      ;({ service, port } = await startService({
        DATABASE_URL: '',
        DATA_DIR: dataDir,
        LOG_LEVEL: 'warn',
        TELEGRAM_BOT_TOKEN: '123456:TEST-token',
        TELEGRAM_API_ROOT: `http://127.0.0.1:${closedPort}`,
        ZALO_BOT_TOKEN: zalo.token,
        ZALO_API_ROOT: zalo.apiRoot,
      }))
      zalo.sendText({ id: 'z7', display_name: 'Hoa' }, 'xin chào')
      expect((await zalo.waitForMessages('z7', 1, 30_000))[0]).toContain('chưa được liên kết')
      let report: { parts: Record<string, { state: string; reason?: string }> } | undefined
      for (const deadline = Date.now() + 30_000; ; ) {
        report = (await (await fetch(`http://127.0.0.1:${port}/healthz`)).json()) as typeof report
        if (report?.parts.telegram?.state === 'degraded' && report.parts.zalo?.state === 'ok') break
        if (Date.now() > deadline) throw new Error(`health never showed telegram degraded: ${JSON.stringify(report)}`)
        await new Promise((r) => setTimeout(r, 100))
      }
      expect(report!.parts.telegram!.reason).toMatch(/^telegram unreachable on getMe/)
      const exited = new Promise<number | null>((resolve) => service!.once('exit', (code) => resolve(code)))
      const t0 = Date.now()
      service.kill('SIGTERM')
      expect(await exited).toBe(0)
      expect(Date.now() - t0).toBeLessThan(10_000)
    } finally {
      if (service && service.exitCode === null) service.kill('SIGKILL')
      await zalo.close()
      rmSync(dataDir, { recursive: true, force: true })
    }
  }, 120_000)
})
