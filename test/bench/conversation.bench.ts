/**
 * `npm run bench:conversation`: drives every unit of the Ea Wy sample plan
 * through a whole quarterly report on the real engine, and prints CPU time
 * and database queries per answered step, on PGlite and (when
 * TEST_DATABASE_URL or BENCH_DATABASE_URL is set) on PostgreSQL.
 * Not a test: it prints numbers, it asserts nothing.
 */
import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { createServices } from '../../src/cli/services.js'
import { createInvite } from '../../src/conversation/invites.js'
import type { EngineInput, Reply } from '../../src/conversation/types.js'
import { createLogger } from '../../src/logger.js'
import { openPGliteInProcess, openPostgres, type DatabaseHandle } from '../../src/storage/connection.js'
import { migrateToLatest } from '../../src/storage/migrate.js'
import { importPlan } from '../../src/storage/plan-import.js'
import { samplePlan } from '../support/mini-plan.js'

const NOW = new Date('2025-12-02T02:00:00Z')
let queries = 0
const onQuery = () => {
  queries++
}

async function run(kind: string, handle: DatabaseHandle) {
  await migrateToLatest(handle.db)
  const plan = samplePlan('ea-wy')
  const { planId } = await importPlan(handle.db, plan, { now: NOW })
  const services = createServices({ db: handle.db, config: { logLevel: 'silent' }, now: () => NOW, log: createLogger('silent') })
  await services.syncPeriods(NOW)
  let seq = 0
  const step = async (user: string, input: Partial<EngineInput>): Promise<Reply> => {
    const out = await services.engine.handle({ channel: 'telegram', updateId: `b${seq++}`, userId: user, chatId: user, chatType: 'private', at: NOW, ...input })
    return out.replies.at(-1)!
  }
  const units = plan.units.filter((u) => !u.external)
  for (const u of units) {
    const { code } = await createInvite(handle.db, { planId, planCode: plan.plan.code, unitCode: u.code, leader: false, now: NOW })
    await step(u.code, { text: `/start ${code}` })
  }

  queries = 0
  let steps = 0
  // Question steps only (answering an indicator, a task, a section): the bulk of a report.
  let answerSteps = 0
  let answerQueries = 0
  let answerCpu = 0
  const cpu0 = process.cpuUsage()
  const t0 = performance.now()
  for (const u of units) {
    let reply = await step(u.code, { text: '/baocao' })
    steps++
    reply = await step(u.code, { choice: { token: reply.token!, id: 'go' } })
    steps++
    for (let guard = 0; guard < 200 && !reply.text.startsWith('Rà soát'); guard++) {
      const choices = reply.choices ?? []
      const pick = (id: string) => choices.find((c) => c.id === id)
      let input: Partial<EngineInput>
      if (reply.text.includes('Tình trạng hiện nay')) input = { choice: { token: reply.token!, id: pick('t:in_progress')!.id } }
      else if (pick('yes')) input = { choice: { token: reply.token!, id: 'yes' } }
      else if (reply.text.includes('ví dụ 72,5')) input = { text: '72,5' }
      else if (reply.text.includes('ví dụ 12')) input = { text: '3' }
      else if (reply.text.includes('ví dụ 3,5')) input = { text: '4,5' }
      else input = { text: 'Đã triển khai theo kế hoạch' }
      const q0 = queries
      const c0 = process.cpuUsage()
      reply = await step(u.code, input)
      const c1 = process.cpuUsage(c0)
      answerCpu += (c1.user + c1.system) / 1000
      answerQueries += queries - q0
      answerSteps++
      steps++
    }
    reply = await step(u.code, { choice: { token: reply.token!, id: 'send' } })
    steps++
    if (!reply.text.startsWith('✅')) throw new Error(`report of ${u.code} not submitted: ${reply.text}`)
  }
  const cpu = process.cpuUsage(cpu0)
  const wall = performance.now() - t0
  const cpuMs = (cpu.user + cpu.system) / 1000
  // Kysely's log sees BEGIN/COMMIT on pg but not on PGlite: count them the same way on both.
  const txn = kind === 'postgres' ? 0 : 2
  console.log(
    `${kind.padEnd(10)} units ${units.length}, all steps ${steps}: CPU ${(cpuMs / steps).toFixed(2)} ms/step, wall ${(wall / steps).toFixed(2)} ms/step, ` +
      `queries ${(queries / steps + txn).toFixed(2)}/step incl. BEGIN/COMMIT`,
  )
  console.log(
    `${''.padEnd(10)} question steps ${answerSteps}: CPU ${(answerCpu / answerSteps).toFixed(2)} ms/step, ` +
      `queries ${(answerQueries / answerSteps + txn).toFixed(2)}/step incl. BEGIN/COMMIT (${(answerQueries / answerSteps + txn - 2).toFixed(2)} without)`,
  )
}

const { handle: pglite } = await openPGliteInProcess(undefined, undefined, onQuery)
await run('pglite', pglite)
await pglite.close()

const url = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL
if (url) {
  const schema = `bench_${randomBytes(4).toString('hex')}`
  const admin = new pg.Client({ connectionString: url })
  await admin.connect()
  await admin.query(`create schema ${schema}`)
  const handle = openPostgres(url, { schema, max: 4, onQuery })
  try {
    await run('postgres', handle)
  } finally {
    await handle.close()
    await admin.query(`drop schema ${schema} cascade`)
    await admin.end()
  }
} else {
  console.log('postgres   skipped: set TEST_DATABASE_URL (or BENCH_DATABASE_URL) to include it')
}
