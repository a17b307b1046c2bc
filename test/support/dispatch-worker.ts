/**
 * A dispatcher in its own process, for the crash test: sends the outbox of a
 * database (PostgreSQL schema or embedded folder) to a fake Telegram until
 * nothing is left, then exits. The test kills it with SIGKILL midway.
 */
import { createTelegramSender } from '../../src/channels/telegram/telegram-sender.js'
import { createLogger } from '../../src/logger.js'
import { createDispatcher } from '../../src/scheduler/dispatcher.js'
import { openPGliteInProcess, openPostgres } from '../../src/storage/connection.js'

const env = process.env
const handle = env.WORKER_PG_URL ? openPostgres(env.WORKER_PG_URL, { schema: env.WORKER_PG_SCHEMA!, max: 4 }) : (await openPGliteInProcess(env.WORKER_DATA_DIR!)).handle
const sender = createTelegramSender({ token: '1:T', apiRoot: env.WORKER_API_ROOT!, limits: { perSecond: 400, perChatGapMs: 0, perGroupPerMinute: 1000 } })
const dispatcher = createDispatcher({ db: handle.db, senders: [sender], log: createLogger('silent'), now: () => new Date(), worker: `worker-${process.pid}`, batchSize: 50, stuckAfterMs: 1000 })
for (;;) {
  await dispatcher.runOnce()
  const left = await handle.db.selectFrom('outbox').select((eb) => eb.fn.countAll<number>().as('n')).where('state', 'in', ['pending', 'sending']).executeTakeFirstOrThrow()
  if (Number(left.n) === 0) break
  await new Promise((r) => setTimeout(r, 200))
}
await handle.close()
process.stdout.write('done\n')
