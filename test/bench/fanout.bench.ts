/**
 * `npm run bench:fanout`: 3,000 reminders to 3,000 private chats through the
 * fake Telegram Bot API enforcing 30 messages/s for the bot and 1/s per
 * chat, while a person chats with the bot. Prints the achieved rate as a
 * fraction of 30/s, the 429s received, and the interactive reply latency.
 * Not a test: it prints numbers.
 */
import { createTelegramBot, runTelegram } from '../../src/channels/telegram/telegram-bot.js'
import { createTelegramSender } from '../../src/channels/telegram/telegram-sender.js'
import { createServices } from '../../src/cli/services.js'
import { createLogger } from '../../src/logger.js'
import { createDispatcher } from '../../src/scheduler/dispatcher.js'
import { openPGliteInProcess } from '../../src/storage/connection.js'
import { migrateToLatest } from '../../src/storage/migrate.js'
import { enqueueMessage } from '../../src/storage/outbox.js'
import { importPlan } from '../../src/storage/plan-import.js'
import { createFakeTelegram } from '../fakes/telegram-bot-api.js'
import { miniPlan } from '../support/mini-plan.js'

const COUNT = Number(process.env.FANOUT_COUNT ?? 3000)
const log = createLogger('silent')
const fake = createFakeTelegram({ limits: { perSecond: 30, perChatPerSecond: 1 } })
await fake.start()
const { handle } = await openPGliteInProcess()
await migrateToLatest(handle.db)
const now = () => new Date()
const { planId } = await importPlan(handle.db, miniPlan(), { now: now() })
for (let i = 0; i < COUNT; i++) {
  await enqueueMessage(handle.db, { planId, dedupeKey: `fanout:${i}`, kind: 'reminder', channel: 'telegram', chatId: String(100_000 + i), contactId: null, payload: { text: `📋 Nhắc báo cáo Quý IV/2025 (${i})` }, runAfter: now(), now: now() })
}
const services = createServices({ db: handle.db, config: { logLevel: 'silent' }, now, log })
const bot = createTelegramBot({ token: '1:T', apiRoot: fake.apiRoot, engine: services.engine, log, now })
const polling = runTelegram(bot, { mount: () => undefined, log })
await polling.started
const dispatcher = createDispatcher({ db: handle.db, senders: [createTelegramSender({ token: '1:T', apiRoot: fake.apiRoot })], log, now, worker: 'bench' })

const started = performance.now()
dispatcher.start(100)
const latencies: number[] = []
let user = 0
while (true) {
  const sent = await handle.db.selectFrom('outbox').select((eb) => eb.fn.countAll<number>().as('n')).where('state', '=', 'sent').executeTakeFirstOrThrow()
  if (Number(sent.n) >= COUNT) break
  // A person writes to the bot during the broadcast; time until the reply arrives.
  const id = 900 + user++
  const t0 = performance.now()
  fake.sendText({ id, first_name: 'Cán bộ' }, 'xin chào')
  await fake.waitForMessages(id, 1, 30_000)
  latencies.push(performance.now() - t0)
  await new Promise((r) => setTimeout(r, 2000))
}
const seconds = (performance.now() - started) / 1000
await dispatcher.stop()
await polling.stop()
await fake.close()
await handle.close()
latencies.sort((a, b) => a - b)
const rate = COUNT / seconds
console.log(`fanout: ${COUNT} reminders in ${seconds.toFixed(1)} s = ${rate.toFixed(1)} msg/s = ${(rate / 30).toFixed(2)} of the 30/s limit`)
console.log(`429 responses from the fake Bot API: ${fake.stats.tooManyRequests}`)
console.log(`interactive replies during the broadcast: ${latencies.length}, median ${latencies[Math.floor(latencies.length / 2)]?.toFixed(0)} ms, max ${latencies.at(-1)?.toFixed(0)} ms`)
