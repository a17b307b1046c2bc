import { spawnSync, type ChildProcess } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { bin, root, SPAWN_BOUND_MS, startService } from '../support/service-process.js'

/**
 * The real CLI in child processes on a real embedded database folder: the
 * service holds the PGlite folder and serves it on a loopback port; operator
 * commands run meanwhile reach it through that port.
 */
describe('embedded database shared between the service and operator commands', () => {
  let dataDir: string
  let service: ChildProcess
  let port: number
  const env = () => ({ ...process.env, DATABASE_URL: '', TEST_DATABASE_URL: '', DATA_DIR: dataDir, HTTP_PORT: '0', LOG_LEVEL: 'warn', TELEGRAM_BOT_TOKEN: '', ZALO_BOT_TOKEN: '' })
  const run = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { env: env(), encoding: 'utf8', timeout: SPAWN_BOUND_MS })

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'dondoc-cli-'))
    ;({ service, port } = await startService({ ...env(), PLAN_FILE: path.join(root, 'test', 'fixtures', 'mini-plan.yaml') }))
  }, SPAWN_BOUND_MS + 10_000)

  afterAll(() => {
    service?.kill('SIGKILL')
    rmSync(dataDir, { recursive: true, force: true })
  })

  it('serves /healthz with the database kind and the loaded plan', async () => {
    const res = await fetch(`http://127.0.0.1:${port}/healthz`)
    expect(res.status).toBe(200)
    expect(await res.json()).toMatchObject({ ready: true, database: 'pglite', plans: ['mini'] })
  })

  it('serves the web page on the same port: a link from `operator add` (run while the service runs) opens a session', async () => {
    expect((await fetch(`http://127.0.0.1:${port}/`, { redirect: 'manual' })).headers.get('location')).toBe('/dang-nhap')
    const added = run('operator', 'add', 'Chị Lan', '--url', `http://127.0.0.1:${port}`)
    expect(added.stderr).toBe('')
    const link = /http:\/\/127\.0\.0\.1:\d+\/dang-nhap\?ma=[\w-]{43}/.exec(added.stdout)![0]
    const login = await fetch(`http://127.0.0.1:${port}/dang-nhap`, { method: 'POST', redirect: 'manual', body: new URLSearchParams({ ma: new URL(link).searchParams.get('ma')! }) })
    expect(login.status).toBe(303)
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!
    const board = await fetch(`http://127.0.0.1:${port}/`, { headers: { cookie } })
    expect(board.status).toBe(200)
    expect(await board.text()).toContain('Bảng theo dõi')
  })

  it('serves the database only to its own user: a socket of mode 0600 in a folder of mode 0700, no TCP port', () => {
    const server = JSON.parse(readFileSync(path.join(dataDir, 'dondoc-server.json'), 'utf8')) as Record<string, unknown>
    expect(Object.keys(server).sort()).toEqual(['pid', 'socketDir', 'startedAt'])
    const socketDir = String(server.socketDir)
    const socket = path.join(socketDir, '.s.PGSQL.5432')
    expect(statSync(socket).isSocket()).toBe(true)
    expect(statSync(socket).mode & 0o777).toBe(0o600)
    expect(statSync(socketDir).mode & 0o777).toBe(0o700)
    expect(statSync(path.join(dataDir, 'pgdata')).mode & 0o777).toBe(0o700)
    expect(statSync(path.join(dataDir, 'dondoc-server.json')).mode & 0o777).toBe(0o600)
    // Another local user is refused by the kernel (only checkable when the tests may switch user, i.e. run as root).
    if (process.getuid?.() === 0) {
      const probe = `require('net').connect({ path: ${JSON.stringify(socket)} }).on('connect', () => { console.log('connected'); process.exit(0) }).on('error', (e) => { console.log(e.code); process.exit(0) })`
      const other = spawnSync(process.execPath, ['-e', probe], { uid: 65534, gid: 65534, cwd: '/tmp', encoding: 'utf8', timeout: SPAWN_BOUND_MS })
      expect(other.stdout.trim()).toBe('EACCES')
    }
  })

  it('lets operator commands read and write while the service runs, then stops cleanly on SIGTERM', async () => {
    const units = run('units')
    expect(units.stderr).toBe('')
    expect(units.stdout).toContain('KT       Phòng Kinh tế')
    expect(units.stdout).toContain('5 đơn vị, 0 đơn vị đã có người liên hệ')

    const invite = run('invite', 'KT', '--name', 'Chị Lan')
    expect(invite.status).toBe(0)
    expect(invite.stdout).toMatch(/Mã: [A-Z0-9]{8}/)

    const again = run('plan', 'import', path.join(root, 'test', 'fixtures', 'mini-plan.yaml'))
    expect(again.status).toBe(0)
    expect(again.stdout).toBe('kế hoạch mini: không có thay đổi\n')

    const exited = new Promise<number | null>((resolve) => service.once('exit', (code) => resolve(code)))
    service.kill('SIGTERM')
    expect(await exited).toBe(0)
    expect(() => statSync(path.join(dataDir, 'socket', '.s.PGSQL.5432'))).toThrow(/ENOENT/)

    // With the service gone, a command opens the folder itself and sees the same data.
    const after = run('units')
    expect(after.status).toBe(0)
    expect(after.stdout).toContain('Phòng Văn hóa – Xã hội')
  }, 5 * SPAWN_BOUND_MS)

  it('checks the sample plan and lists every problem of a broken copy with its path, writing nothing', { timeout: 2 * SPAWN_BOUND_MS }, () => {
    const ok = run('plan', 'check', path.join(root, 'plans', 'ea-wy.yaml'))
    expect(ok.status).toBe(0)
    expect(ok.stdout.split('\n')[0]).toBe('units: 55, indicators: 44, tasks: 12, schedules: 7')
    expect(ok.stdout).toContain('Cảnh báo (4, không chặn việc nạp kế hoạch):\n  dòng 87, chỉ tiêu CT01 (indicators[0]).targets: mục tiêu chỉ đến năm 2030')
    const broken = path.join(dataDir, 'broken.yaml')
    const source = readFileSync(path.join(root, 'plans', 'ea-wy.yaml'), 'utf8')
      .replace('2030: "≥ 1,5%"', '2030: "≥ 1,5,0%"')
      .replace('responsible: [CAX]\n    monitor: [CAX]\n\n', 'responsible: [CAXX]\n    monitor: [CAX]\n\n')
      .replace('due: "trước ngày 10/6" }', 'due: "giữa năm" }')
    writeFileSync(broken, source)
    const r = run('plan', 'import', broken)
    expect(r.status).toBe(1)
    expect(r.stderr).toContain('dòng 114, chỉ tiêu CT05 (indicators[4]).targets.2030: không đọc được "≥ 1,5,0%"')
    expect(r.stderr).toContain('dòng 107, chỉ tiêu CT04 (indicators[3]).responsible[0]: không có đơn vị hay nhóm mã "CAXX"')
    expect(r.stderr).toContain('dòng 471, lịch báo cáo 6thang (schedules[1]).due: không đọc được thời hạn "giữa năm"')
    expect(r.stdout).toBe('')
  })

  it('says clearly what is wrong, in one line, without a stack trace', { timeout: SPAWN_BOUND_MS }, () => {
    const r = run('plan', 'check', 'no-such-file.yaml')
    expect(r.status).toBe(1)
    expect(r.stderr.trim()).toBe('dondoc: không đọc được tệp kế hoạch no-such-file.yaml: không có tệp này')
  })
})
