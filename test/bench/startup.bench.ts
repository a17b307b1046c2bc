/**
 * `npm run bench:startup`: how fast the built CLI starts and how much memory
 * the idle service holds, each next to the floor it cannot beat (node itself,
 * PGlite creating or reopening a folder). Runs dist/ (build first), 5 runs of
 * each, medians. It prints; it does not assert.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { cpus, tmpdir } from 'node:os'
import path from 'node:path'

const RUNS = 5
const IDLE_MS = 5_000
const READY_TIMEOUT_MS = 60_000
const root = path.resolve(import.meta.dirname, '..', '..')
const bin = path.join(root, 'bin', 'dondoc.js')

if (!existsSync(path.join(root, 'dist', 'src', 'bundle', 'main.js'))) {
  process.stderr.write('bench:startup measures the built CLI: run `npm run build` first\n')
  process.exit(1)
}

const scratch = mkdtempSync(path.join(tmpdir(), 'dondoc-bench-'))
const children = new Set<ChildProcess>()
const cleanUp = () => {
  for (const c of children) c.kill('SIGKILL')
  rmSync(scratch, { recursive: true, force: true })
}
process.on('exit', cleanUp)
process.on('SIGINT', () => process.exit(130))

// The service's environment: nothing from the test setup, no chat tokens, loopback on a free port.
const baseEnv: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: '', TELEGRAM_BOT_TOKEN: '', ZALO_BOT_TOKEN: '', PLAN_FILE: '', HTTP_PORT: '0', LOG_LEVEL: 'warn' }
delete baseEnv.DONDOC_FROM_SOURCE
delete baseEnv.DONDOC_PGLITE_TEMPLATE

// The PGlite floor: open a folder, answer one query, say so, stay idle.
const floorScript = path.join(scratch, 'pglite-floor.mjs')
writeFileSync(
  floorScript,
  `import { PGlite } from ${JSON.stringify(import.meta.resolve('@electric-sql/pglite'))}
const db = await PGlite.create(process.argv[2])
await db.query('select 1')
process.stderr.write('ready\\n')
const idle = setInterval(() => {}, 1000)
// Close cleanly like the service does, so the reopen floor does no crash recovery.
process.once('SIGTERM', async () => { clearInterval(idle); await db.close(); process.exit(0) })
`,
)

let dirSeq = 0
const freshDir = () => path.join(scratch, `d${++dirSeq}`)

/** Spawn a process and resolve when its stderr matches `ready`; the time includes node's own start. */
async function startUntil(args: string[], env: NodeJS.ProcessEnv, ready: RegExp): Promise<{ ms: number; child: ChildProcess; stderr: () => string }> {
  const t0 = performance.now()
  const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'ignore', 'pipe'] })
  children.add(child)
  let stderr = ''
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`not ready after ${READY_TIMEOUT_MS} ms: node ${args.join(' ')}\n${stderr}`)), READY_TIMEOUT_MS)
    child.stderr!.on('data', (chunk: Buffer) => {
      stderr += chunk.toString()
      if (ready.test(stderr)) {
        clearTimeout(timer)
        resolve()
      }
    })
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`exited ${code} before ready: node ${args.join(' ')}\n${stderr}`))
    })
  })
  return { ms: performance.now() - t0, child, stderr: () => stderr }
}

/** Resident memory of a running process in MB (ps works on Linux and macOS). */
function rssMb(pid: number): number {
  const r = spawnSync('ps', ['-o', 'rss=', '-p', String(pid)], { encoding: 'utf8' })
  const kb = Number(r.stdout.trim())
  if (!kb) throw new Error(`cannot read the memory of pid ${pid}: ${r.stderr}`)
  return kb / 1024
}

async function idleRss(child: ChildProcess): Promise<number> {
  await new Promise((r) => setTimeout(r, IDLE_MS))
  return rssMb(child.pid!)
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return void children.delete(child)
  const exited = new Promise((r) => child.once('exit', r))
  child.kill('SIGTERM')
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000)
  await exited
  clearTimeout(timer)
  children.delete(child)
}

function timeSync(args: string[], env: NodeJS.ProcessEnv): number {
  const t0 = performance.now()
  const r = spawnSync(process.execPath, args, { env, encoding: 'utf8', timeout: READY_TIMEOUT_MS })
  const ms = performance.now() - t0
  if (r.status !== 0) throw new Error(`node ${args.join(' ')} exited ${r.status}: ${r.stderr}`)
  return ms
}

const samples = new Map<string, number[]>()
const add = (name: string, v: number) => samples.set(name, [...(samples.get(name) ?? []), v])
const median = (name: string) => {
  const xs = [...(samples.get(name) ?? [])].sort((a, b) => a - b)
  return xs[Math.floor(xs.length / 2)] ?? NaN
}

for (let run = 1; run <= RUNS; run++) {
  process.stderr.write(`run ${run}/${RUNS}\n`)
  add('node -e 0', timeSync(['-e', '0'], baseEnv))

  const floorDir = freshDir()
  const created = await startUntil([floorScript, floorDir], baseEnv, /ready/)
  add('pglite create', created.ms)
  add('pglite create rss', await idleRss(created.child))
  await stop(created.child)
  const reopened = await startUntil([floorScript, floorDir], baseEnv, /ready/)
  add('pglite reopen', reopened.ms)
  add('pglite reopen rss', await idleRss(reopened.child))
  await stop(reopened.child)

  add('help', timeSync([bin, 'help'], baseEnv))

  const env = { ...baseEnv, DATA_DIR: freshDir() }
  const fresh = await startUntil([bin, 'start'], env, /http:\/\/[\d.]+:\d+\/healthz/)
  add('fresh start', fresh.ms)
  add('fresh start rss', await idleRss(fresh.child))
  await stop(fresh.child)

  const restarted = await startUntil([bin, 'start'], env, /http:\/\/[\d.]+:\d+\/healthz/)
  add('restart', restarted.ms)
  add('restart rss', await idleRss(restarted.child))
  add('units (service running)', timeSync([bin, 'units'], env))
  add('status (service running)', timeSync([bin, 'status'], env))
  await stop(restarted.child)
}

const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`
const mb = (v: number) => `${v.toFixed(0)} MB`
const rows: [string, string, string, string, string][] = []
function row(name: string, floorName: string, unit: (v: number) => string, target: string, met: boolean) {
  const v = median(name)
  const f = median(floorName)
  rows.push([name, unit(v), `${floorName} ${unit(f)}`, `×${(v / f).toFixed(2)}`, `${target}: ${met ? 'met' : 'MISSED'}`])
}
const reopen = median('pglite reopen')
row('node -e 0', 'node -e 0', s, 'floor', true)
row('pglite create', 'pglite reopen', s, 'floor', true)
row('pglite reopen', 'pglite reopen', s, 'floor', true)
row('fresh start', 'pglite reopen', s, `≤ reopen + 1.5 s = ${s(reopen + 1500)}`, median('fresh start') <= reopen + 1500)
row('restart', 'pglite reopen', s, `≤ reopen + 0.7 s = ${s(reopen + 700)}`, median('restart') <= reopen + 700)
row('help', 'node -e 0', s, `≤ 3 × node = ${s(3 * median('node -e 0'))}`, median('help') <= 3 * median('node -e 0'))
row('units (service running)', 'node -e 0', s, '≤ 0.60 s', median('units (service running)') <= 600)
row('status (service running)', 'node -e 0', s, '≤ 0.60 s', median('status (service running)') <= 600)
const rssFloor = median('pglite reopen rss')
row('pglite create rss', 'pglite reopen rss', mb, 'floor', true)
row('pglite reopen rss', 'pglite reopen rss', mb, 'floor', true)
row('fresh start rss', 'pglite reopen rss', mb, `≤ floor + 100 MB = ${mb(rssFloor + 100)}`, median('fresh start rss') <= rssFloor + 100)
row('restart rss', 'pglite reopen rss', mb, `≤ floor + 100 MB = ${mb(rssFloor + 100)}`, median('restart rss') <= rssFloor + 100)

const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)))
console.log(`startup, median of ${RUNS} runs, node ${process.version}, ${cpus().length} cores; RSS after ${IDLE_MS / 1000} s idle`)
for (const r of rows) console.log(r.map((c, i) => c.padEnd(widths[i]!)).join('  '))
