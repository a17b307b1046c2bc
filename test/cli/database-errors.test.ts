import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import net from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { bin, SPAWN_BOUND_MS } from '../support/service-process.js'

/** A bad DATA_DIR or an unreachable DATABASE_URL stops a command at once, in one Vietnamese line naming the variable. */
describe('database settings that cannot work fail fast, naming the variable', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'dondoc-dberr-'))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))
  const run = (env: Record<string, string>, ...args: string[]) =>
    spawnSync(process.execPath, [bin, ...args], { env: { ...process.env, TEST_DATABASE_URL: '', DATABASE_URL: '', LOG_LEVEL: 'warn', ...env }, encoding: 'utf8', timeout: SPAWN_BOUND_MS })

  it('DATA_DIR that is a file', () => {
    const file = path.join(dir, 'not-a-folder')
    writeFileSync(file, 'x')
    const r = run({ DATA_DIR: file }, 'units')
    expect(r.status).toBe(1)
    expect(r.stderr.trim().split('\n')).toHaveLength(1)
    expect(r.stderr).toMatch(new RegExp(`^dondoc: DATA_DIR: không dùng được thư mục ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} cho cơ sở dữ liệu nhúng: EEXIST`))
  }, SPAWN_BOUND_MS)

  it('DATA_DIR inside a folder the user may not write (run as nobody when the tests run as root)', (ctx) => {
    if (process.getuid?.() !== 0) ctx.skip()
    const ro = path.join(dir, 'read-only')
    rmSync(ro, { recursive: true, force: true })
    spawnSync('mkdir', ['-m', '755', ro])
    const r = spawnSync(process.execPath, [bin, 'units'], {
      env: { ...process.env, TEST_DATABASE_URL: '', DATABASE_URL: '', LOG_LEVEL: 'warn', DATA_DIR: path.join(ro, 'data'), HOME: '/tmp' },
      encoding: 'utf8',
      timeout: SPAWN_BOUND_MS,
      uid: 65534,
      gid: 65534,
      cwd: '/tmp',
    })
    expect(r.status).toBe(1)
    expect(r.stderr.trim()).toMatch(/^dondoc: DATA_DIR: không dùng được thư mục .*read-only\/data cho cơ sở dữ liệu nhúng: EACCES/)
  }, SPAWN_BOUND_MS)

  it('DATABASE_URL where nothing listens', async () => {
    // A port that was free a moment ago: nothing answers there.
    const port = await new Promise<number>((resolve) => {
      const s = net.createServer().listen(0, '127.0.0.1', () => {
        const p = (s.address() as net.AddressInfo).port
        s.close(() => resolve(p))
      })
    })
    const r = run({ DATABASE_URL: `postgres://dondoc:secret@127.0.0.1:${port}/dondoc` }, 'units')
    expect(r.status).toBe(1)
    expect(r.stderr.trim()).toBe(`dondoc: DATABASE_URL: không kết nối được cơ sở dữ liệu 127.0.0.1:${port}/dondoc: connect ECONNREFUSED 127.0.0.1:${port}`)
    expect(r.stderr).not.toContain('secret')
  }, SPAWN_BOUND_MS)
})
