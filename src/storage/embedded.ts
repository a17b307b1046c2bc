import { accessSync, chmodSync, constants, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, truncateSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import net from 'node:net'
import { fileURLToPath } from 'node:url'
import { gunzipSync } from 'node:zlib'
import { openPGliteInProcess, openPostgres, type DatabaseHandle, type DatabaseTimeouts } from './connection.js'
import { migrateToLatest } from './migrate.js'

/**
 * The embedded database (PGlite) can be opened by one process only. The
 * running service therefore opens it and serves it on a Unix socket in the
 * data folder; every other `dondoc` command finds the socket in
 * `dondoc-server.json` and talks to the same database through `pg`. With no
 * service running, a command opens the folder itself, holding `dondoc.lock`
 * meanwhile.
 *
 * The socket server has no password check of its own, so it is reachable
 * only through the file system: the socket lives in a folder of mode 0700
 * and is itself mode 0600, and the data folder is created 0700. Other local
 * users cannot connect (root can read the files anyway).
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
  /** The folder holding the socket `.s.PGSQL.5432` (pg's convention for a Unix socket). */
  socketDir: string
  startedAt: string
}

/** pg finds a Unix socket as `<host folder>/.s.PGSQL.<port>`. */
const SOCKET_PORT = 5432
const socketFile = (dir: string) => path.join(dir, `.s.PGSQL.${SOCKET_PORT}`)
/** Linux refuses socket paths of 108 bytes or more. */
const MAX_SOCKET_PATH = 100

const SERVER_FILE = 'dondoc-server.json'
const LOCK_FILE = 'dondoc.lock'
/** The template's name; the build writes it next to dist/src. */
export const TEMPLATE_FILE = 'pgdata-template.tar.gz'

/**
 * Open the embedded database for a one-off command: through the running
 * service when there is one, else directly.
 */
export async function connectEmbedded(dataDir: string, timeouts?: DatabaseTimeouts): Promise<DatabaseHandle> {
  const served = await findServer(dataDir)
  if (served) {
    const handle = openPostgres(socketUrl(served.socketDir), { max: 1, clientSideTimeoutOnly: true, ...(timeouts ? { timeouts } : {}) })
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
export async function hostEmbedded(dataDir: string, timeouts?: DatabaseTimeouts): Promise<DatabaseHandle & { socket: string }> {
  const served = await findServer(dataDir)
  if (served) throw new EmbeddedDatabaseBusyError(dataDir, served.pid)
  const release = acquireLock(dataDir)
  let socketDir: string | undefined
  try {
    // Asked for before the folder opens: a module loaded right after PGlite opened a folder took ~250 ms (measured).
    const socketModule = import('@electric-sql/pglite-socket')
    const { pglite } = await openFolder(dataDir)
    const { PGLiteSocketServer } = await socketModule
    socketDir = privateSocketDir(dataDir)
    const socket = socketFile(socketDir)
    const server = new PGLiteSocketServer({ db: pglite, path: socket, maxConnections: 32 })
    await server.start()
    chmodSync(socket, 0o600)
    const file: ServerFile = { pid: process.pid, socketDir, startedAt: new Date().toISOString() }
    writeFileSync(path.join(dataDir, SERVER_FILE), JSON.stringify(file), { mode: 0o600 })
    const handle = openPostgres(socketUrl(socketDir), { max: 8, clientSideTimeoutOnly: true, ...(timeouts ? { timeouts } : {}) })
    const dir = socketDir
    return {
      ...handle,
      kind: 'pglite',
      describe: `pglite ${dataDir} (served on ${socket})`,
      socket,
      close: async () => {
        await handle.close()
        await server.stop()
        await pglite.close()
        rmSync(path.join(dataDir, SERVER_FILE), { force: true })
        removeSocketDir(dataDir, dir)
        release()
      },
    }
  } catch (err) {
    if (socketDir) removeSocketDir(dataDir, socketDir)
    release()
    throw err
  }
}

/** A pg URL for the socket in `dir` (the socket server takes any user and database name). */
function socketUrl(dir: string): string {
  return `postgres://postgres@/postgres?host=${encodeURIComponent(dir)}&port=${SOCKET_PORT}`
}

/**
 * A folder only this user may enter, for the socket: DATA_DIR/socket, or a
 * fresh one in the system's temporary folder when that path would be too
 * long for a socket.
 */
function privateSocketDir(dataDir: string): string {
  const inData = path.resolve(dataDir, 'socket')
  if (socketFile(inData).length > MAX_SOCKET_PATH) return mkdtempSync(path.join(tmpdir(), 'dondoc-'))
  mkdirSync(inData, { recursive: true, mode: 0o700 })
  chmodSync(inData, 0o700)
  rmSync(socketFile(inData), { force: true }) // left by a crashed service
  return inData
}

function removeSocketDir(dataDir: string, dir: string): void {
  rmSync(socketFile(dir), { force: true })
  if (dir !== path.resolve(dataDir, 'socket')) rmSync(dir, { recursive: true, force: true })
}

/** The embedded database's folder when its path is a folder this process can write to; otherwise an error saying why. */
export function checkDataDir(dataDir: string): void {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 })
  accessSync(dataDir, constants.W_OK | constants.X_OK)
  const pgdata = path.join(dataDir, 'pgdata')
  if (existsSync(pgdata)) accessSync(pgdata, constants.W_OK | constants.X_OK)
  // access() says yes to root everywhere, and to anyone on a read-only mount: write a file to be sure.
  const probe = path.join(dataDir, `.dondoc-write-test-${process.pid}`)
  writeFileSync(probe, '')
  rmSync(probe, { force: true })
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
  const opened = await openPGliteInProcess(pgdata)
  chmodSync(pgdata, 0o700) // the database files are nobody else's business
  return opened
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
      writeSparse(target, tar.subarray(at + 512, at + 512 + size))
    } else throw new Error(`unexpected entry type "${type}" for "${name}" in the tarball`)
    at += 512 + Math.ceil(size / 512) * 512
  }
  if (!existsSync(path.join(staging, 'PG_VERSION'))) throw new Error('the tarball holds no PG_VERSION')
  rmSync(pgdata, { recursive: true, force: true }) // empty or missing, checked by the caller
  renameSync(staging, pgdata)
}

/**
 * Write a file, leaving its trailing zeros as a hole: the template's one WAL
 * segment is 16 MB of which the first 6 MB hold records, and
 * writing the zeros out was a third of a first start's unpacking. Reading a
 * hole gives zeros, so the file is the same to PostgreSQL.
 */
function writeSparse(file: string, bytes: Uint8Array): void {
  let end = bytes.length
  while (end > 0 && bytes[end - 1] === 0) end--
  if (bytes.length - end < 1 << 16) return writeFileSync(file, bytes)
  writeFileSync(file, bytes.subarray(0, end))
  truncateSync(file, bytes.length)
}

async function findServer(dataDir: string): Promise<ServerFile | undefined> {
  let file: ServerFile
  try {
    file = JSON.parse(readFileSync(path.join(dataDir, SERVER_FILE), 'utf8')) as ServerFile
  } catch {
    return undefined
  }
  if (typeof file.socketDir !== 'string' || !isProcessAlive(file.pid) || !(await socketAnswers(socketFile(file.socketDir)))) {
    rmSync(path.join(dataDir, SERVER_FILE), { force: true })
    return undefined
  }
  return file
}

function acquireLock(dataDir: string): () => void {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 })
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

function socketAnswers(file: string): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ path: file })
    const done = (ok: boolean) => {
      socket.destroy()
      resolve(ok)
    }
    socket.setTimeout(1000, () => done(false))
    socket.once('connect', () => done(true))
    socket.once('error', () => done(false))
  })
}
