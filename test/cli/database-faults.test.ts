import { spawnSync, type ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import net from 'node:net'
import path from 'node:path'
import { Kysely, PostgresDialect } from 'kysely'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../src/storage/database.js'
import { enqueueMessages } from '../../src/storage/outbox.js'
import { createFakeTelegram, type FakeTelegram } from '../fakes/telegram-bot-api.js'
import { bin, root, SPAWN_BOUND_MS, startService, waitFor } from '../support/service-process.js'

/**
 * The real service in a child process on a real PostgreSQL database whose
 * connections are killed under it (pg_terminate_backend) or cut off (a TCP
 * proxy that stops): it stays up, loses nothing, and /healthz says so.
 */
const adminUrl = process.env.TEST_DATABASE_URL

/** A fresh database for one spawned service (its DATABASE_URL has no schema option). */
async function createDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `dondoc_f_${randomBytes(5).toString('hex')}`
  const admin = new pg.Client({ connectionString: adminUrl })
  await admin.connect()
  await admin.query(`create database ${name}`)
  await admin.end()
  const url = new URL(adminUrl!)
  url.pathname = `/${name}`
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: adminUrl })
      await c.connect()
      await c.query(`drop database if exists ${name} with (force)`)
      await c.end()
    },
  }
}

/** Terminate every backend on this database but the test's own (application_name dondoc-test); returns how many. */
async function terminateService(url: string): Promise<number> {
  const c = new pg.Client({ connectionString: url, application_name: 'dondoc-test' })
  await c.connect()
  const r = await c.query(`select pg_terminate_backend(pid) as done from pg_stat_activity where datname = current_database() and application_name <> 'dondoc-test'`)
  await c.end()
  return r.rowCount ?? 0
}

/** The application names of the service's connections (so an operator can find them in pg_stat_activity). */
async function serviceApplicationNames(url: string): Promise<string[]> {
  const c = new pg.Client({ connectionString: url, application_name: 'dondoc-test' })
  await c.connect()
  const r = await c.query<{ name: string }>(`select distinct application_name as name from pg_stat_activity where datname = current_database() and application_name <> 'dondoc-test'`)
  await c.end()
  return r.rows.map((row) => row.name)
}

async function health(port: number): Promise<{ status: number; body: { ready: boolean; parts: Record<string, { state: string; reason?: string }> } }> {
  const res = await fetch(`http://127.0.0.1:${port}/healthz`)
  return { status: res.status, body: (await res.json()) as never }
}

describe.skipIf(!adminUrl)('the service survives database faults (PostgreSQL)', () => {
  let telegram: FakeTelegram
  let db: { url: string; drop(): Promise<void> }
  let service: ChildProcess
  let port: number
  let exited: number | null | undefined
  let test: Kysely<Database>

  beforeAll(async () => {
    telegram = createFakeTelegram()
    await telegram.start()
    db = await createDatabase()
    ;({ service, port } = await startService({
      DATABASE_URL: db.url,
      PLAN_FILE: path.join(root, 'test', 'fixtures', 'mini-plan.yaml'),
      LOG_LEVEL: 'warn',
      TELEGRAM_BOT_TOKEN: '123456:TEST-token',
      TELEGRAM_API_ROOT: telegram.apiRoot,
      ZALO_BOT_TOKEN: '',
    }))
    service.once('exit', (code) => {
      exited = code
    })
    test = new Kysely<Database>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: db.url, application_name: 'dondoc-test', max: 2 }) }) })
  }, SPAWN_BOUND_MS + 30_000)

  afterAll(async () => {
    service?.kill('SIGKILL')
    await test?.destroy()
    await telegram?.close()
    await db?.drop()
  })

  const user = { id: 501, first_name: 'Lan' }
  async function say(text: string, timeoutMs = 60_000) {
    const before = telegram.messagesTo(user.id).length
    telegram.sendText(user, text)
    return (await telegram.waitForMessages(user.id, before + 1, timeoutMs)).at(-1)!
  }
  async function press(label: string) {
    const button = telegram.messagesTo(user.id).at(-1)!.buttons.find((b) => b.text.startsWith(label))
    if (!button) throw new Error(`no button ${label}`)
    const before = telegram.messagesTo(user.id).length
    telegram.pressButton(user, button.data)
    return (await telegram.waitForMessages(user.id, before + 1, 60_000)).at(-1)!
  }
  const storedAnswers = async () => Number((await test.selectFrom('answer_history').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n)

  it('keeps running while every connection is killed during a conversation and a broadcast; nothing is lost', async () => {
    const invite = spawnSync(process.execPath, [bin, 'invite', 'KT'], { env: { ...process.env, DATABASE_URL: db.url, LOG_LEVEL: 'warn' }, encoding: 'utf8', timeout: SPAWN_BOUND_MS })
    expect(invite.status).toBe(0)
    const code = /Mã: ([A-Z0-9]{8})/.exec(invite.stdout)![1]!
    expect((await say(`/start ${code}`)).text).toContain('Phòng Kinh tế')
    expect((await say('/baocao')).buttons.map((b) => b.text)).toContain('Báo cáo ngay')
    expect((await press('Báo cáo ngay')).text).toContain('Chỉ tiêu 1/')

    // A broadcast of 120 messages to 120 chats, queued as the scheduler would.
    const chats = Array.from({ length: 120 }, (_, i) => String(9000 + i))
    const now = new Date()
    await enqueueMessages(test, chats.map((chatId) => ({ planId: null, dedupeKey: `fault-test:${chatId}`, kind: 'reminder', channel: 'telegram' as const, chatId, contactId: null, payload: { text: `Nhắc ${chatId}` }, runAfter: now, now })))
    await waitFor(() => chats.some((c) => telegram.messagesTo(c).length > 0), 60_000, 'the broadcast to start')

    expect(await serviceApplicationNames(db.url)).toEqual(['dondoc'])
    // Kill every connection of the service three times while the broadcast runs, answering in between.
    const before = await storedAnswers()
    let killed = await terminateService(db.url)
    telegram.sendText(user, '2') // answered while the connections die
    killed += await terminateService(db.url)
    killed += await terminateService(db.url)
    expect(killed).toBeGreaterThan(0)

    // The answer sent meanwhile is stored (retried on a fresh connection) and acknowledged.
    await waitFor(async () => (await storedAnswers()) > before, 60_000, 'the answer sent during the kills to be stored')
    // Every broadcast message reaches its chat, each once.
    await waitFor(() => chats.every((c) => telegram.messagesTo(c).length >= 1), 120_000, 'every broadcast message to arrive')
    expect(chats.filter((c) => telegram.messagesTo(c).length !== 1)).toEqual([])
    await waitFor(async () => Number((await test.selectFrom('outbox').select((eb) => eb.fn.countAll<number>().as('n')).where('dedupe_key', 'like', 'fault-test:%').where('state', '=', 'sent').executeTakeFirstOrThrow()).n) === 120, 120_000, 'every broadcast row to be marked sent')

    // After one more kill, the person's next message is handled and stored; the process never exited.
    await terminateService(db.url)
    const updates = async () => Number((await test.selectFrom('processed_updates').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n)
    const handled = await updates()
    expect((await say('/tiendo')).text.length).toBeGreaterThan(0)
    expect(await updates()).toBe(handled + 1)
    expect(exited).toBeUndefined()
    await waitFor(async () => (await health(port)).status === 200, 60_000, '/healthz to be ok again')
  }, 600_000)
})

describe.skipIf(!adminUrl)('/healthz follows a database that goes away and comes back (PostgreSQL behind a proxy)', () => {
  let db: { url: string; drop(): Promise<void> }
  let service: ChildProcess
  let port: number
  let proxy: ReturnType<typeof createProxy>

  beforeAll(async () => {
    db = await createDatabase()
    const target = new URL(db.url)
    proxy = createProxy(target.hostname, Number(target.port || 5432))
    const proxyPort = await proxy.start(0)
    const viaProxy = new URL(db.url)
    viaProxy.port = String(proxyPort)
    ;({ service, port } = await startService({ DATABASE_URL: viaProxy.toString(), LOG_LEVEL: 'warn', TELEGRAM_BOT_TOKEN: '', ZALO_BOT_TOKEN: '', DATABASE_CONNECT_TIMEOUT: '2' }))
  }, SPAWN_BOUND_MS + 30_000)

  afterAll(async () => {
    service?.kill('SIGKILL')
    await proxy?.stop()
    await db?.drop()
  })

  it('answers 503 naming the database while it is unreachable, then 200 again by itself', async () => {
    expect((await health(port)).status).toBe(200)
    const proxyPort = proxy.port
    await proxy.stop()
    await waitFor(async () => (await health(port)).status === 503, 60_000, '/healthz to answer 503')
    const down = await health(port)
    expect(down.body.ready).toBe(false)
    expect(down.body.parts.database).toMatchObject({ state: 'degraded' })
    expect(down.body.parts.database!.reason).toBeTruthy()
    await proxy.start(proxyPort)
    await waitFor(async () => (await health(port)).status === 200, 60_000, '/healthz to be ok again')
    expect((await health(port)).body.parts.database).toMatchObject({ state: 'ok' })
    expect(service.exitCode).toBeNull()
  }, 300_000)
})

/** A TCP proxy to PostgreSQL that can be stopped (every connection cut, new ones refused) and started again on the same port. */
function createProxy(host: string, targetPort: number) {
  let server: net.Server | undefined
  const sockets = new Set<net.Socket>()
  let port = 0
  return {
    get port() {
      return port
    },
    start(at: number): Promise<number> {
      server = net.createServer((client) => {
        const upstream = net.connect({ host, port: targetPort })
        for (const s of [client, upstream]) {
          sockets.add(s)
          s.on('close', () => sockets.delete(s))
          s.on('error', () => undefined)
        }
        client.pipe(upstream).pipe(client)
        client.on('close', () => upstream.destroy())
        upstream.on('close', () => client.destroy())
      })
      return new Promise((resolve, reject) => {
        server!.once('error', reject)
        server!.listen(at, '127.0.0.1', () => {
          port = (server!.address() as net.AddressInfo).port
          resolve(port)
        })
      })
    },
    stop(): Promise<void> {
      for (const s of sockets) s.destroy()
      return new Promise((resolve) => (server ? server.close(() => resolve()) : resolve()))
    },
  }
}
