import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import net from 'node:net'
import { fileURLToPath } from 'node:url'
import { gunzipSync } from 'node:zlib'
import { openPGliteInProcess, openPostgres, type DatabaseHandle } from './connection.js'
import { migrateToLatest } from './migrate.js'

/**
 * The embedded database (PGlite) can be opened by one process only. The
 * running service therefore opens it and serves it on a loopback port;
 * every other `dondoc` command finds that port in `dondoc-server.json` and
 * talks to the same database through `pg`. With no service running, a
 * command opens the folder itself, holding `dondoc.lock` meanwhile.
 */

/** Raised when the folder is held by another process that is not serving it. */
export class EmbeddedDatabaseBusyError extends Error {
  constructor(readonly dataDir: string, readonly pid: number) {
    super(`the embedded database in ${dataDir} is open in another dondoc process (pid ${pid}); wait for it to finish, or stop it`)
    this.name = 'EmbeddedDatabaseBusyError'
  }
}

interface ServerFile {
  pid: number
  port: number
  startedAt: string
}

const SERVER_FILE = 'dondoc-server.json'
const LOCK_FILE = 'dondoc.lock'
/** The template's name; the build writes it next to dist/src. */
export const TEMPLATE_FILE = 'pgdata-template.tar.gz'

/**
 * Open the embedded database for a one-off command: through the running
 * service when there is one, else directly.
 */
export async function connectEmbedded(dataDir: string): Promise<DatabaseHandle> {
  const served = await findServer(dataDir)
  if (served) {
    const handle = openPostgres(`postgres://postgres@127.0.0.1:${served.port}/postgres`, { max: 1 })
    return { ...handle, kind: 'pglite', describe: `pglite ${dataDir} (through the running service, pid ${served.pid})` }
  }
  const release = acquireLock(dataDir)
  try {
    const { handle } = await openFolder(dataDir)
    return { ...handle, close: async () => { await handle.close(); release() } }
  } catch (err) {
    release()
    throw err
  }
}

/**
 * Open the embedded database for the service and serve it on a loopback port
 * so operators' commands can reach it while the service runs. The service
 * itself also goes through the port: the socket server keeps each
 * connection's transaction apart, which a shared in-process handle would not.
 */
export async function hostEmbedded(dataDir: string): Promise<DatabaseHandle & { port: number }> {
  const served = await findServer(dataDir)
  if (served) throw new EmbeddedDatabaseBusyError(dataDir, served.pid)
  const release = acquireLock(dataDir)
  try {
    const { pglite } = await openFolder(dataDir)
    const { PGLiteSocketServer } = await import('@electric-sql/pglite-socket')
    const server = new PGLiteSocketServer({ db: pglite, host: '127.0.0.1', port: 0, maxConnections: 32 })
    await server.start()
    const port = Number(server.getServerConn().split(':').pop())
    const file: ServerFile = { pid: process.pid, port, startedAt: new Date().toISOString() }
    writeFileSync(path.join(dataDir, SERVER_FILE), JSON.stringify(file))
    const handle = openPostgres(`postgres://postgres@127.0.0.1:${port}/postgres`, { max: 8 })
    return {
      ...handle,
      kind: 'pglite',
      describe: `pglite ${dataDir} (served on 127.0.0.1:${port})`,
      port,
      close: async () => {
        await handle.close()
        await server.stop()
        await pglite.close()
        rmSync(path.join(dataDir, SERVER_FILE), { force: true })
        release()
      },
    }
  } catch (err) {
    release()
    throw err
  }
}

/**
 * The migrated, empty database the build leaves in dist/ (`npm run build`),
 * or the file named by DONDOC_PGLITE_TEMPLATE (the tests build their own).
 * Loading it skips initdb, which takes seconds and leaves the WebAssembly
 * heap hundreds of megabytes larger for the life of the process.
 */
export function embeddedTemplateFile(): string | undefined {
  const candidates = [process.env.DONDOC_PGLITE_TEMPLATE, fileURLToPath(new URL('../../' + TEMPLATE_FILE, import.meta.url))]
  return candidates.find((f): f is string => !!f && existsSync(f))
}

/** Write a migrated, empty embedded database as a gzip tarball that `embeddedTemplateFile` can find. */
export async function writeEmbeddedTemplate(file: string): Promise<void> {
  const { handle, pglite } = await openPGliteInProcess()
  try {
    await migrateToLatest(handle.db)
    // A checkpoint first: the copy then opens without replaying initdb's and the migrations' WAL.
    await pglite.exec('checkpoint')
    const dump = await pglite.dumpDataDir('gzip')
    mkdirSync(path.dirname(file), { recursive: true })
    writeFileSync(file, Buffer.from(await dump.arrayBuffer()))
  } catch (err) {
    throw new Error(`cannot write the embedded database template ${file}: ${err instanceof Error ? err.message : String(err)}`, { cause: err })
  } finally {
    await handle.close()
  }
}

/**
 * Open DATA_DIR/pgdata. A folder with no database yet is first filled from
 * the template when there is one, so a first start is a reopen: no initdb,
 * and none of the memory PGlite keeps after unpacking a dump itself.
 */
async function openFolder(dataDir: string) {
  const pgdata = path.join(dataDir, 'pgdata')
  const template = existsSync(path.join(pgdata, 'PG_VERSION')) ? undefined : embeddedTemplateFile()
  if (template && isEmptyOrMissing(pgdata)) {
    try {
      unpackTemplate(template, pgdata)
    } catch (err) {
      throw new Error(`cannot create ${pgdata} from the template ${template} (delete the template to create the database from scratch): ${err instanceof Error ? err.message : String(err)}`, { cause: err })
    }
  }
  return openPGliteInProcess(pgdata)
}

function isEmptyOrMissing(dir: string): boolean {
  return !existsSync(dir) || readdirSync(dir).length === 0
}

/**
 * Unpack the gzip tarball `dumpDataDir` writes (plain files and folders,
 * paths relative to the data folder) into a sibling folder, then rename it
 * into place, so a crash midway never leaves a half database behind.
 */
function unpackTemplate(file: string, pgdata: string): void {
  const tar = gunzipSync(readFileSync(file))
  const staging = `${pgdata}.unpacking-${process.pid}`
  rmSync(staging, { recursive: true, force: true })
  mkdirSync(staging, { recursive: true })
  const made = new Set([staging])
  const ensureDir = (dir: string) => {
    if (!made.has(dir)) mkdirSync(dir, { recursive: true })
    made.add(dir)
  }
  for (let at = 0; at + 512 <= tar.length; ) {
    const header = tar.subarray(at, at + 512)
    if (header.every((b) => b === 0)) break
    const field = (from: number, to: number) => header.subarray(from, to).toString('utf8').replace(/\0.*$/s, '')
    const prefix = field(345, 500)
    const name = (prefix ? `${prefix}/` : '') + field(0, 100)
    const size = parseInt(field(124, 136).trim() || '0', 8)
    const type = field(156, 157) || '0'
    const target = path.join(staging, name)
    if (!target.startsWith(staging + path.sep) && target !== staging) throw new Error(`unsafe path "${name}" in the tarball`)
    if (type === '5') ensureDir(target)
    else if (type === '0') {
      ensureDir(path.dirname(target))
      writeFileSync(target, tar.subarray(at + 512, at + 512 + size))
    } else throw new Error(`unexpected entry type "${type}" for "${name}" in the tarball`)
    at += 512 + Math.ceil(size / 512) * 512
  }
  if (!existsSync(path.join(staging, 'PG_VERSION'))) throw new Error('the tarball holds no PG_VERSION')
  rmSync(pgdata, { recursive: true, force: true }) // empty or missing, checked by the caller
  renameSync(staging, pgdata)
}

async function findServer(dataDir: string): Promise<ServerFile | undefined> {
  let file: ServerFile
  try {
    file = JSON.parse(readFileSync(path.join(dataDir, SERVER_FILE), 'utf8')) as ServerFile
  } catch {
    return undefined
  }
  if (!isProcessAlive(file.pid) || !(await portAnswers(file.port))) {
    rmSync(path.join(dataDir, SERVER_FILE), { force: true })
    return undefined
  }
  return file
}

function acquireLock(dataDir: string): () => void {
  mkdirSync(dataDir, { recursive: true })
  const lock = path.join(dataDir, LOCK_FILE)
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(lock, String(process.pid), { flag: 'wx' })
      return () => rmSync(lock, { force: true })
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err
      const pid = Number(readFileSync(lock, 'utf8'))
      if (pid && pid !== process.pid && isProcessAlive(pid)) throw new EmbeddedDatabaseBusyError(dataDir, pid)
      rmSync(lock, { force: true }) // stale: its process is gone
    }
  }
  throw new Error(`cannot lock ${lock}`)
}

/** Whether a process id is running (a lock or a claim whose owner died can be taken over). */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM'
  }
}

function portAnswers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port })
    const done = (ok: boolean) => {
      socket.destroy()
      resolve(ok)
    }
    socket.setTimeout(1000, () => done(false))
    socket.once('connect', () => done(true))
    socket.once('error', () => done(false))
  })
}
