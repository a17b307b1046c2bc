import { spawn, type ChildProcess } from 'node:child_process'
import path from 'node:path'

export { waitFor } from './wait-for.js'

/** The repository root and the CLI entry the tests run as operators would. */
export const root = path.resolve(import.meta.dirname, '..', '..')
export const bin = path.join(root, 'bin', 'dondoc.js')

/**
 * Makes bin/dondoc.js run src/ through tsx instead of dist/, so spawned
 * commands test the current sources (global-setup also sets it for every test).
 */
export const fromSourceEnv = { DONDOC_FROM_SOURCE: '1' }

/**
 * How long a spawned command or service may take on a loaded machine: a
 * bound for a hang, never a pause (tests wait on readiness, not on time).
 * Starting the service through tsx takes seconds on an idle machine and
 * over a minute on a busy 2-core one.
 */
export const SPAWN_BOUND_MS = 300_000


/**
 * Start `dondoc start` in a child process and wait until it says where its
 * /healthz listens (it says so once ready); resolves with the process and that port.
 */
export async function startService(env: NodeJS.ProcessEnv): Promise<{ service: ChildProcess; port: number }> {
  const service = spawn(process.execPath, [bin, 'start'], { env: { ...process.env, HTTP_PORT: '0', ...env, ...fromSourceEnv }, stdio: ['ignore', 'pipe', 'pipe'] })
  let stderr = ''
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`service did not start within ${SPAWN_BOUND_MS} ms: ${stderr}`)), SPAWN_BOUND_MS)
    service.stderr!.on('data', (chunk: Buffer) => {
      stderr += chunk.toString()
      const m = /http:\/\/[\d.]+:(\d+)\/healthz/.exec(stderr)
      if (m) {
        clearTimeout(timer)
        resolve(Number(m[1]))
      }
    })
    service.once('exit', (code) => reject(new Error(`service exited ${code}: ${stderr}`)))
  })
  return { service, port }
}
