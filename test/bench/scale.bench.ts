/**
 * `npm run bench:scale`: a province-sized plan (10,000 units in groups, 74
 * indicators of which a third on `all`, 60 tasks) through plan check, import
 * and re-import, a year's calendar, one idle scheduler tick, 3,000 units'
 * complete reports for one period and that period's summary digest, on
 * PGlite and (when TEST_DATABASE_URL or BENCH_DATABASE_URL is set) on
 * PostgreSQL. Each engine also gets a floor measured in the same run (a
 * `select 1` round trip, plain rows inserted per second) to read the other
 * numbers against. Not a test: it prints numbers, it asserts nothing.
 * Targets from the issue: import < 30 s, idle tick < 50 ms, digest < 2 s,
 * export < 5 s. Ticks and the export print the median of several runs.
 * BENCH_EXPORT_DIR=folder also writes the exported files there.
 */
import { randomBytes } from 'node:crypto'
import { mkdir, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { sql } from 'kysely'
import pg from 'pg'
import { buildCalendarPreview, renderCalendarText } from '../../src/domain/calendar/calendar-preview.js'
import { planCounts } from '../../src/domain/plan-file.js'
import type { Plan } from '../../src/domain/plan-model.js'
import { createPlanDirectory } from '../../src/conversation/plan-directory.js'
import { createLogger } from '../../src/logger.js'
import { writeDigest } from '../../src/reports/digest.js'
import { exportFiles } from '../../src/reports/export/export-files.js'
import { requestOfPeriods } from '../../src/reports/period-request.js'
import { createReminderScheduler } from '../../src/scheduler/reminder-scheduler.js'
import { syncPlanPeriods } from '../../src/scheduler/period-sync.js'
import { insertInChunks } from '../../src/storage/batched-insert.js'
import { openPGliteInProcess, openPostgres, type DatabaseHandle } from '../../src/storage/connection.js'
import { migrateToLatest } from '../../src/storage/migrate.js'
import { importPlan } from '../../src/storage/plan-import.js'
import { readScalePlan, scalePlanSource } from '../storage/scale-plan.js'

const UNITS = Number(process.env.BENCH_UNITS ?? 10_000)
const REPORTING_UNITS = Math.min(3_000, UNITS - 1)
/** Tuesday 2 December 2025, 10:00 in Vietnam: inside the Q4 window, a working morning. */
const NOW = new Date('2025-12-02T03:00:00Z')
/** The Q4 summary goes out after the deadline (5 December). */
const DIGEST_AT = new Date('2025-12-08T03:00:00Z')

function record(engine: string, step: string, value: string, note?: string) {
  console.log(`${engine.padEnd(9)} ${step.padEnd(34)} ${value.padStart(12)}${note ? `  ${note}` : ''}`)
}
async function timed<T>(fn: () => Promise<T> | T): Promise<{ ms: number; value: T }> {
  const t0 = performance.now()
  const value = await fn()
  return { ms: performance.now() - t0, value }
}
let queries = 0
const onQuery = () => {
  queries++
}
/** Time a step and count its database round trips (Kysely's log sees every query on both drivers). */
async function counted<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T; queries: number }> {
  const q0 = queries
  const r = await timed(fn)
  return { ...r, queries: queries - q0 }
}
const ms = (n: number) => `${n.toFixed(n < 10 ? 2 : 0)} ms`
/** Run a step `n` times; the median with the spread, so one unlucky run (a GC, autovacuum, a neighbour) does not stand for the step. */
async function repeated<T>(n: number, fn: () => Promise<T>): Promise<{ ms: number; value: T; queries: number; spread: string }> {
  const runs: { ms: number; value: T; queries: number }[] = []
  for (let i = 0; i < n; i++) runs.push(await counted(fn))
  const sorted = [...runs].sort((a, b) => a.ms - b.ms)
  const mid = sorted[Math.floor(n / 2)]!
  return { ...mid, spread: `median of ${n}, ${ms(sorted[0]!.ms)}–${ms(sorted[n - 1]!.ms)}` }
}
const rssMb = () => `${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`

function checkPlan(): { plan: Plan; source: string } {
  const source = scalePlanSource({ units: UNITS, groupSize: 100, indicators: 74, allShare: 1 / 3, tasks: 60, code: 'province' })
  const t = performance.now()
  const plan = readScalePlan(source)
  record('-', 'plan check (parse + validate)', ms(performance.now() - t), `${(source.length / 1e6).toFixed(1)} MB YAML; ${planCounts(plan)}`)
  const cal = performance.now()
  const preview = buildCalendarPreview(plan, { from: '2026-01-01', to: '2026-12-31' })
  const text = renderCalendarText(preview, plan.plan.timezone)
  record('-', 'calendar for 2026', ms(performance.now() - cal), `${preview.periods.length} periods, ${text.length} chars`)
  return { plan, source }
}

/** Floors for this engine in this run: one trivial round trip, and plain rows per second through the same batching. */
async function floors(engine: string, h: DatabaseHandle) {
  await sql`select 1`.execute(h.db)
  const n = 200
  const rt = await timed(async () => {
    for (let i = 0; i < n; i++) await sql`select 1`.execute(h.db)
  })
  record(engine, 'floor: select 1 round trip', ms(rt.ms / n))
  await sql`create table bench_floor (a integer not null, b text not null, c double precision)`.execute(h.db)
  const plain = Array.from({ length: 100_000 }, (_, i) => ({ a: i, b: `row ${i}`, c: i / 3 }))
  const ins = await timed(() =>
    insertInChunks('bench_floor', plain, (chunk) => h.db.insertInto('bench_floor' as never).values(chunk as never).execute()),
  )
  record(engine, 'floor: 100,000 plain rows × 3 cols', ms(ins.ms), `${((plain.length * 3) / ins.ms / 1000).toFixed(2)} M params/s`)
  await sql`drop table bench_floor`.execute(h.db)
}

async function run(engine: string, h: DatabaseHandle, plan: Plan) {
  await migrateToLatest(h.db)
  await floors(engine, h)

  const first = await timed(async () => {
    const s = await importPlan(h.db, plan, { now: NOW })
    await syncPlanPeriods(h.db, s.planId, plan, NOW)
    return s
  })
  record(engine, 'import (+ period sync)', ms(first.ms), 'target < 30 s')
  const again = await timed(async () => {
    const s = await importPlan(h.db, plan, { now: NOW })
    await syncPlanPeriods(h.db, s.planId, plan, NOW)
    return s
  })
  record(engine, 're-import unchanged', ms(again.ms), `${again.value.counts.units.updated} units updated`)
  const planId = first.value.planId

  let scheduler = createReminderScheduler({ db: h.db, log: createLogger('silent'), plans: createPlanDirectory(), digests: writeDigest })
  // The first idle tick after a change: a new scheduler plans in full once (the plan and its periods are new to it), then looks again. 5 times.
  const firsts: { ms: number; queries: number; value: { reminders: number; digests: number } }[] = []
  for (let i = 0; i < 5; i++) {
    scheduler = createReminderScheduler({ db: h.db, log: createLogger('silent'), plans: createPlanDirectory(), digests: writeDigest })
    await scheduler.tick(NOW)
    firsts.push(await counted(() => scheduler.tick(NOW)))
  }
  firsts.sort((a, b) => a.ms - b.ms)
  const afterChange = firsts[2]!
  record(engine, 'idle tick after a change, no contacts', ms(afterChange.ms), `target < 50 ms; median of 5 (${ms(firsts[0]!.ms)}–${ms(firsts[4]!.ms)}), ${afterChange.queries} queries, queued ${afterChange.value.reminders} reminders, ${afterChange.value.digests} digests`)
  const steady = await repeated(5, () => scheduler.tick(NOW))
  record(engine, 'idle tick, steady, no contacts', ms(steady.ms), `target < 50 ms; ${steady.spread}, ${steady.queries} queries`)
  // One reporter per unit: the first tick queues the reminders due, a repeat at the same instant finds nothing new.
  const units = await h.db.selectFrom('units').select('id').where('plan_id', '=', planId).execute()
  await insertInChunks(
    'contacts',
    units.map((u) => ({ plan_id: planId, unit_id: u.id, role: 'reporter' as const, channel: 'telegram' as const, user_id: `u${u.id}`, chat_id: `c${u.id}` })),
    (chunk) => h.db.insertInto('contacts').values(chunk).execute(),
  )
  const busy = await counted(() => scheduler.tick(NOW))
  record(engine, `tick, ${units.length} contacts, queues`, ms(busy.ms), `${busy.queries} queries, queued ${busy.value.reminders} reminders`)
  const idle = await repeated(5, () => scheduler.tick(NOW))
  record(engine, `idle tick, ${units.length} contacts`, ms(idle.ms), `target < 50 ms; ${idle.spread}, ${idle.queries} queries, queued ${idle.value.reminders} (all deduped)`)

  const period = await h.db
    .selectFrom('periods as p')
    .innerJoin('schedules as s', 's.id', 'p.schedule_id')
    .select(['p.id', 'p.key', 'p.label', 'p.due_at', 's.code'])
    .where('p.plan_id', '=', planId)
    .where('s.code', '=', 'quy')
    .where('p.key', '=', '2025-Q4')
    .executeTakeFirstOrThrow()
  const fill = await timed(() => fillReports(h, planId, period.id))
  record(engine, `fill ${REPORTING_UNITS} complete reports`, ms(fill.ms), `${fill.value.values} indicator values, ${fill.value.tasks} task rows, ${fill.value.sections} sections`)
  // On PostgreSQL, autovacuum analyses the tables within a minute of such a bulk insert; done here at once so it does not
  // land in the middle of a measurement. PGlite has no autovacuum, and the product runs none: it is measured as it is.
  if (engine === 'postgres') await sql`vacuum analyze`.execute(h.db)

  const subject = { planId, plan, label: period.label, dueAt: period.due_at, periods: [{ id: period.id, scheduleCode: period.code, key: period.key }] }
  await writeDigest(h.db, 'summary', subject) // warm
  const digest = await counted(() => writeDigest(h.db, 'summary', subject))
  record(engine, `summary digest ${REPORTING_UNITS} × 74`, ms(digest.ms), `target < 2 s; ${digest.queries} queries, ${digest.value.length} messages, first: ${digest.value[0]!.split('\n')[0]!.slice(0, 70)}…`)
  const request = await requestOfPeriods(h.db, planId, plan, [period.id])
  if (!request) throw new Error(`period ${period.key} not found`)
  await exportFiles(h.db, planId, plan, request, new Date()) // warm (loads exceljs, docx, ECharts, resvg)
  const exported = await repeated(3, () => exportFiles(h.db, planId, plan, request, new Date()))
  record(engine, `export ${REPORTING_UNITS} × 74 (xlsx + docx with charts)`, ms(exported.ms), `target < 5 s; ${exported.spread}, ${exported.queries} queries, ${exported.value.map((f) => `${f.name} ${(f.bytes.length / 1024).toFixed(0)} KB`).join(', ')}`)
  // BENCH_EXPORT_DIR=folder keeps the files, to open them by hand (Excel, LibreOffice) at this size.
  const keep = process.env.BENCH_EXPORT_DIR
  if (keep) {
    await mkdir(keep, { recursive: true })
    for (const f of exported.value) await writeFile(path.join(keep, `${engine}-${f.name}`), f.bytes)
  }
  record(engine, 'peak RSS so far (process)', rssMb())
}

/**
 * Complete reports of the first REPORTING_UNITS units for one period, written
 * straight into the tables the way answers.ts leaves them: a submitted
 * submission, a value for every indicator, progress on the tasks the unit
 * leads, and the three sections.
 */
async function fillReports(h: DatabaseHandle, planId: number, periodId: number) {
  const units = await h.db.selectFrom('units').select('id').where('plan_id', '=', planId).where('standing', '=', false).orderBy('position').limit(REPORTING_UNITS).execute()
  const indicators = await h.db.selectFrom('indicators').select(['id', 'value_type']).where('plan_id', '=', planId).orderBy('position').execute()
  const at = new Date(DIGEST_AT.getTime() - 5 * 86_400_000)
  const subs = await insertInChunks(
    'submissions',
    units.map((u) => ({ plan_id: planId, unit_id: u.id, period_id: periodId, status: 'submitted' as const, started_at: at, submitted_at: at, submitted_channel: 'telegram' as const, updated_at: at })),
    (chunk) => h.db.insertInto('submissions').values(chunk).returning(['id', 'unit_id']).execute(),
  )
  const values = subs.flatMap((s, n) =>
    indicators.map((ind, k) => ({
      plan_id: planId,
      submission_id: s.id,
      indicator_id: ind.id,
      about_unit_id: s.unit_id,
      value_num: ind.value_type === 'yes_no' || ind.value_type === 'text' ? null : (n + k) % 100,
      value_bool: ind.value_type === 'yes_no' ? (n + k) % 2 === 0 : null,
      value_text: ind.value_type === 'text' ? `Đã thực hiện ${n}` : null,
      updated_at: at,
      channel: 'telegram' as const,
    })),
  )
  await insertInChunks('indicator_values', values, (chunk) => h.db.insertInto('indicator_values').values(chunk).execute())
  const tasks = await sql<{ n: number }>`
    with t as (
      insert into task_progress (plan_id, submission_id, task_id, status, detail, updated_at, channel)
      select ${planId}, s.id, tu.task_id, 'in_progress', 'Đang triển khai', ${at}, 'telegram'
      from submissions s join task_units tu on tu.unit_id = s.unit_id and tu.role = 'lead'
      where s.period_id = ${periodId}
      returning 1
    ) select count(*)::int as n from t`.execute(h.db)
  const sections = subs.flatMap((s, n) =>
    (['results', 'difficulties', 'proposals'] as const).map((section) => ({ plan_id: planId, submission_id: s.id, section, body: `${section} ${n}`, updated_at: at, channel: 'telegram' as const })),
  )
  await insertInChunks('submission_sections', sections, (chunk) => h.db.insertInto('submission_sections').values(chunk).execute())
  return { values: values.length, tasks: tasks.rows[0]!.n, sections: sections.length }
}

const { plan } = checkPlan()

const { handle: pglite } = await openPGliteInProcess(undefined, undefined, onQuery)
try {
  await run('pglite', pglite, plan)
} finally {
  await pglite.close()
}

const url = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL
if (url) {
  const schema = `bench_${randomBytes(4).toString('hex')}`
  const admin = new pg.Client({ connectionString: url })
  await admin.connect()
  await admin.query(`create schema ${schema}`)
  const handle = openPostgres(url, { schema, max: 4, onQuery })
  try {
    await run('postgres', handle, plan)
  } finally {
    await handle.close()
    await admin.query(`drop schema ${schema} cascade`)
    await admin.end()
  }
} else {
  console.log('postgres  skipped: set TEST_DATABASE_URL (or BENCH_DATABASE_URL) to include it')
}
console.log(`peak RSS ${rssMb()} (both engines, one process)`)
