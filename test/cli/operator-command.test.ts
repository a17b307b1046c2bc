import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { loadConfig } from '../../src/config.js'
import { runCli } from '../../src/cli/main.js'
import { openForCommand } from '../../src/cli/open-database.js'
import { createWebApp } from '../../src/web/app.js'
import { createHttpServer } from '../../src/cli/http-server.js'
import { createLogger } from '../../src/logger.js'
import { httpClient } from '../support/web-server.js'

const NOW = new Date('2025-12-02T02:00:00Z')

describe('dondoc operator add | list | link | remove', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'dondoc-operator-'))
  const env = { DATA_DIR: dataDir, LOG_LEVEL: 'silent', HTTP_PORT: '8099' }
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }))
  const run = async (...args: string[]) => {
    const out: string[] = []
    const code = await runCli(args, env, { out: (t) => out.push(t), progress: () => undefined, now: () => NOW })
    return { code, text: out.join('\n') }
  }

  it('prints a one-time login link with its QR code, lists operators, and removing one ends their sessions', async () => {
    expect((await run('plan', 'import', 'test/fixtures/mini-plan.yaml')).code).toBe(0)
    const added = await run('operator', 'add', 'Chị Lan', '--plan', 'mini')
    expect(added.code).toBe(0)
    expect(added.text).toContain('Đã thêm người vận hành #1 Chị Lan cho kế hoạch mini.')
    expect(added.text).toContain('Đường dẫn đăng nhập (dùng một lần, hiệu lực đến 09:00 ngày 03/12/2025):')
    const link = /http:\/\/127\.0\.0\.1:8099\/dang-nhap\?ma=[A-Za-z0-9_-]{43}/.exec(added.text)?.[0]
    expect(link).toBeDefined()
    // The QR code is drawn with block characters in the terminal.
    expect(added.text).toMatch(/[█▀▄]{10}/)
    expect((await run('operator', 'add', 'X', '--role', 'boss')).code).toBe(2)
    const leader = await run('operator', 'add', 'Anh Hùng', '--role', 'leader', '--url', 'https://dondoc.example.gov.vn/')
    expect(leader.text).toMatch(/https:\/\/dondoc\.example\.gov\.vn\/dang-nhap\?ma=/)
    const list = await run('operator', 'list')
    expect(list.text).toContain('#1  Chị Lan  vận hành  kế hoạch mini')
    expect(list.text).toContain('#2  Anh Hùng  lãnh đạo  kế hoạch mini')
    expect(list.text).toContain('2 người dùng trang web')

    // The printed link opens a session on the web page of this database.
    const handle = await openForCommand(loadConfig(env))
    const server = createHttpServer({ log: createLogger('silent'), health: () => ({ ready: true }) })
    server.fallback(createWebApp({ db: handle.db, now: () => NOW, log: createLogger('silent') }))
    const port = await server.listen(0, '127.0.0.1')
    try {
      const client = httpClient(`http://127.0.0.1:${port}`)
      expect((await client.login(link!)).status).toBe(303)
      expect((await client.get('/')).status).toBe(200)
    } finally {
      await server.close()
      await handle.close()
    }
    expect((await run('operator', 'remove', '1')).text).toBe('đã gỡ người dùng #1; mọi phiên đăng nhập của họ đã kết thúc')
    expect((await run('operator', 'remove', '1')).code).toBe(1)
    expect((await run('operator', 'list')).text).not.toContain('Chị Lan')
    const reopened = await openForCommand(loadConfig(env))
    try {
      expect(await reopened.db.selectFrom('operator_sessions').select('id').where('operator_id', '=', 1).execute()).toEqual([])
      const audit = await reopened.db.selectFrom('audit_log').select(['action', 'operator_id']).orderBy('id').execute()
      expect(audit).toEqual([
        { action: 'operator_added', operator_id: null },
        { action: 'operator_added', operator_id: null },
        { action: 'operator_login', operator_id: 1 },
        { action: 'operator_removed', operator_id: null },
      ])
    } finally {
      await reopened.close()
    }
  }, 300_000)
})
