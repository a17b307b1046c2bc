/**
 * `npm run bench:fanout`: 3,000 reminders to 3,000 private chats through the
 * fake Telegram Bot API enforcing 30 messages/s for the bot and 1/s per
 * chat, while a person chats with the bot. Prints the achieved rate as a
 * fraction of 30/s, the 429s received, the chats reached twice, and the
 * interactive reply latency.
 * Runs one dispatcher on PGlite, then, when TEST_DATABASE_URL or
 * BENCH_DATABASE_URL is set, two dispatchers (two pools, as two instances)
 * on one PostgreSQL database sharing the bot's pace. Not a test: it prints numbers.
 */
import { randomBytes } from 'node:crypto'
import { loadavg } from 'node:os'
import pg from 'pg'
import { createTelegramBot, runTelegram } from '../../src/channels/telegram/telegram-bot.js'
import { createTelegramSender } from '../../src/channels/telegram/telegram-sender.js'
import { createServices } from '../../src/cli/services.js'
import { createLogger } from '../../src/logger.js'
import { createDispatcher } from '../../src/scheduler/dispatcher.js'
import { createReplyPace } from '../../src/scheduler/reply-pace.js'
import { openPGliteInProcess, openPostgres, type DatabaseHandle } from '../../src/storage/connection.js'
import { migrateToLatest } from '../../src/storage/migrate.js'
import { enqueueMessages } from '../../src/storage/outbox.js'
import { importPlan } from '../../src/storage/plan-import.js'
import { createFakeTelegram, type RecordedCall } from '../fakes/telegram-bot-api.js'
import { miniPlan } from '../support/mini-plan.js'

const COUNT = Number(process.env.FANOUT_COUNT ?? 3000)
const log = createLogger('silent')
const now = () => new Date()

/** One broadcast of COUNT reminders by one dispatcher per handle, all handles on one database. */
async function run(label: string, handles: DatabaseHandle[]): Promise<void> {
  const db = handles[0]!.db
  const fake = createFakeTelegram({ limits: { perSecond: 30, perChatPerSecond: 1 } })
  await fake.start()
  const { planId } = await importPlan(db, miniPlan(), { now: now() })
  await enqueueMessages(
    db,
    Array.from({ length: COUNT }, (_, i) => ({ planId, dedupeKey: `fanout:${i}`, kind: 'reminder', channel: 'telegram' as const, chatId: String(100_000 + i), contactId: null, payload: { text: `📋 Nhắc báo cáo Quý IV/2025 (${i})` }, runAfter: now(), now: now() })),
  )
  const services = createServices({ db, config: { logLevel: 'silent' }, now, log })
  // As the service wires it: the bot's replies take their place in the pace the broadcast shares.
  const senders = handles.map(() => createTelegramSender({ token: '1:T', apiRoot: fake.apiRoot }))
  const pace = createReplyPace({ db, key: { channel: 'telegram', botId: senders[0]!.botId ?? '' }, limits: senders[0]!.limits, log })
  const bot = createTelegramBot({ token: '1:T', apiRoot: fake.apiRoot, engine: services.engine, log, now, pace })
  const polling = runTelegram(bot, { mount: () => undefined, log })
  await polling.started
  const dispatchers = handles.map((h, i) => createDispatcher({ db: h.db, senders: [senders[i]!], log, now, worker: `bench-${i}` }))

  const load = loadavg()
  const started = Date.now()
  for (const d of dispatchers) d.start(100)
  const latencies: number[] = []
  const isReminder = (c: RecordedCall) => c.method === 'sendMessage' && !c.failed && Number(c.params.chat_id) >= 100_000
  let user = 0
  while (fake.calls.filter(isReminder).length < COUNT) {
    // A person writes to the bot during the broadcast; time until the reply arrives.
    const id = 900 + user++
    const t0 = performance.now()
    fake.sendText({ id, first_name: 'Cán bộ' }, 'xin chào')
    await fake.waitForMessages(id, 1, 30_000)
    latencies.push(performance.now() - t0)
    // The next person writes a second later, or as soon as the broadcast is over.
    for (let i = 0; i < 10 && fake.calls.filter(isReminder).length < COUNT; i++) await new Promise((r) => setTimeout(r, 100))
  }
  // The rate is the reminders over the time from the dispatchers' start to the last reminder the fake accepted.
  const last = Math.max(...fake.calls.filter(isReminder).map((c) => c.at))
  const seconds = (last - started) / 1000
  for (const d of dispatchers) await d.stop()
  await polling.stop()
  await fake.close()
  const sent = await db.selectFrom('outbox').select((eb) => eb.fn.countAll<number>().as('n')).where('state', '=', 'sent').executeTakeFirstOrThrow()
  const duplicates = [...fake.deliveredPerChat().values()].filter((n) => n > 1).length
  const reminderDuplicates = [...fake.deliveredPerChat().entries()].filter(([chat, n]) => Number(chat) >= 100_000 && n > 1).length
  latencies.sort((a, b) => a - b)
  const rate = COUNT / seconds
  console.log(`${label}: load average at start ${load.map((l) => l.toFixed(2)).join(' ')}, at end ${loadavg().map((l) => l.toFixed(2)).join(' ')}`)
  console.log(`${label}: ${COUNT} reminders in ${seconds.toFixed(1)} s = ${rate.toFixed(1)} msg/s = ${(rate / 30).toFixed(3)} of the 30/s limit; busiest second at the fake (replies included): ${fake.busiestSecond()}`)
  console.log(`${label}: 429 responses from the fake Bot API: ${fake.stats.tooManyRequests}; chats that got a reminder twice: ${reminderDuplicates} (any chat: ${duplicates}); outbox rows marked sent: ${Number(sent.n)}`)
  console.log(`${label}: interactive replies during the broadcast: ${latencies.length}, median ${latencies[Math.floor(latencies.length / 2)]?.toFixed(0)} ms, max ${latencies.at(-1)?.toFixed(0)} ms`)
}

const { handle } = await openPGliteInProcess()
await migrateToLatest(handle.db)
await run('PGlite, one dispatcher', [handle])
await handle.close()

const url = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL
if (url) {
  const schema = `fanout_${randomBytes(4).toString('hex')}`
  const admin = new pg.Client({ connectionString: url })
  await admin.connect()
  await admin.query(`create schema ${schema}`)
  const handles = [openPostgres(url, { schema, max: 4 }), openPostgres(url, { schema, max: 4 })]
  try {
    await migrateToLatest(handles[0]!.db)
    await run('PostgreSQL, two dispatchers', handles)
  } finally {
    for (const h of handles) await h.close()
    await admin.query(`drop schema ${schema} cascade`)
    await admin.end()
  }
}
