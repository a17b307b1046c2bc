import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { runCli } from '../../src/cli/main.js'
import { bin, fromSourceEnv, root } from '../support/service-process.js'

/**
 * Run the real CLI in a child process, stdout and stderr read through pipes;
 * `throughShell` puts an OS pipe (`| cat`, 64 KB of buffer) between the CLI
 * and us, as an operator's `dondoc calendar | less` does.
 */
function dondoc(args: string[], opts: { cwd: string; env?: NodeJS.ProcessEnv; throughShell?: boolean }): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const env: NodeJS.ProcessEnv = { ...process.env, ...fromSourceEnv, ...opts.env }
  for (const name of ['HTTP_PORT', 'DATABASE_URL', 'DATA_DIR', 'PLAN_FILE', 'LOG_LEVEL']) if (!opts.env || !(name in opts.env)) delete env[name]
  const command = opts.throughShell ? ['/bin/sh', ['-c', '"$0" "$@" | cat', process.execPath, bin, ...args]] as const : [process.execPath, [bin, ...args]] as const
  const child = spawn(command[0], command[1], { cwd: opts.cwd, env, stdio: ['ignore', 'pipe', 'pipe'] })
  const out: Buffer[] = []
  const err: Buffer[] = []
  child.stdout.on('data', (b: Buffer) => out.push(b))
  child.stderr.on('data', (b: Buffer) => err.push(b))
  return new Promise((resolve, reject) => {
    child.once('error', reject)
    child.once('close', (code) => resolve({ code, stdout: Buffer.concat(out).toString(), stderr: Buffer.concat(err).toString() }))
  })
}

const plan = path.join(root, 'plans', 'ea-wy.yaml')
const calendarArgs = ['calendar', '--plan', plan, '--from', '2025-01-01', '--to', '2040-12-31', '--json']

describe('the dondoc process', () => {
  const cwd = mkdtempSync(path.join(tmpdir(), 'dondoc-cli-'))
  afterAll(() => rmSync(cwd, { recursive: true, force: true }))

  it('writes all of a long output into a pipe before it exits', async () => {
    const expected: string[] = []
    const now = new Date()
    expect(await runCli(calendarArgs, {}, { out: (t) => expected.push(t), progress: () => undefined, now: () => now })).toBe(0)
    const text = expected.join('\n') + '\n'
    // Well past what a pipe (64 KB) or a socket pair (~200 KB) holds: exiting at once cut the output there.
    expect(Buffer.byteLength(text)).toBeGreaterThan(300 * 1024)
    for (const throughShell of [true, false]) {
      const run = await dondoc(calendarArgs, { cwd, throughShell })
      expect(run.stderr).toBe('')
      expect(run.code).toBe(0)
      expect(run.stdout.split('\n').length).toBe(text.split('\n').length)
      expect(run.stdout.length).toBe(text.length)
      expect(run.stdout.trimEnd().split('\n').at(-1)).toBe('}')
    }
  }, 120_000)

  it('reads .env from the working directory, the environment winning; no .env is fine', async () => {
    rmSync(path.join(cwd, '.env'), { force: true })
    expect((await dondoc(['calendar', '--plan', plan, '--from', '2025-01-01', '--to', '2025-01-31'], { cwd })).code).toBe(0)

    writeFileSync(path.join(cwd, '.env'), '# cấu hình\nLOG_LEVEL=info\nHTTP_PORT=notaport\n')
    const fromFile = await dondoc(['calendar', '--plan', plan, '--from', '2025-01-01', '--to', '2025-01-31'], { cwd })
    expect(fromFile.code).toBe(2)
    expect(fromFile.stderr).toMatch(/^dondoc: invalid configuration: HTTP_PORT: [^\n]*\n$/)

    const envWins = await dondoc(['calendar', '--plan', plan, '--from', '2025-01-01', '--to', '2025-01-31'], { cwd, env: { HTTP_PORT: '8080' } })
    expect(envWins.stderr).toBe('')
    expect(envWins.code).toBe(0)
  }, 120_000)

  it('stops on a malformed .env with one line naming the line', async () => {
    writeFileSync(path.join(cwd, '.env'), 'LOG_LEVEL=info\nthis is not valid\nHTTP_PORT=8080\n')
    const run = await dondoc(['calendar', '--plan', plan, '--from', '2025-01-01', '--to', '2025-01-31'], { cwd })
    expect(run.code).toBe(2)
    expect(run.stdout).toBe('')
    expect(run.stderr).toBe(`dondoc: ${path.join(cwd, '.env')} dòng 2 không đúng dạng TÊN=giá trị: "this is not valid"\n`)
    rmSync(path.join(cwd, '.env'))
  }, 120_000)
})
