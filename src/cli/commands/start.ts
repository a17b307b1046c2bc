import { op } from '../operator-messages.js'
import { pruneOldRows } from '../../scheduler/housekeeping.js'
import { writeDigest } from '../../reports/digest.js'
import type { Config } from '../../config.js'
import { createLogger } from '../../logger.js'
import { createHealthBoard } from '../../health.js'
import { listPlans } from '../../storage/plans.js'
import { importPlan } from '../../storage/plan-import.js'
import type { CommandIo } from '../command-io.js'
import { createHttpServer } from '../http-server.js'
import { openForService } from '../open-database.js'
import { loadPlanFile, SAMPLE_PLAN_FILE } from '../plan-source.js'
import { describeImport } from './plan.js'
import { syncPlanPeriods } from '../../scheduler/period-sync.js'
import { createServices } from '../services.js'
import { createTelegramBot, runTelegram } from '../../channels/telegram/telegram-bot.js'
import { createTelegramSender } from '../../channels/telegram/telegram-sender.js'
import type { ChannelSender } from '../../delivery/outbound.js'
import { createDispatcher } from '../../scheduler/dispatcher.js'
import { hostname } from 'node:os'
import cron from 'node-cron'
import { reclaimFromDeadWorkers } from '../../storage/outbox.js'
import { isProcessAlive } from '../../storage/embedded.js'
import { createReminderScheduler } from '../../scheduler/reminder-scheduler.js'
import { notifyBlocked } from '../../scheduler/blocked-notice.js'
import { createZaloClient } from '../../channels/zalo/zalo-client.js'
import { createZaloChannel } from '../../channels/zalo/zalo-channel.js'
import { createZaloSender } from '../../channels/zalo/zalo-sender.js'
import { createWebApp } from '../../web/app.js'
import { pruneWebRows } from '../../storage/operators.js'
import { cachedTelegramUsername } from '../telegram-username.js'

/**
 * `dondoc start`: the long-running service. Migrates, loads the plan, serves
 * /healthz (and webhooks), runs whatever channels have tokens, and stops
 * cleanly on SIGTERM/SIGINT.
 */
export async function startCommand(_args: string[], config: Config, io: CommandIo): Promise<number> {
  const log = createLogger(config.logLevel)
  const board = createHealthBoard(io.now)
  board.set('service', 'starting')
  let planCodes: string[] = []
  // The watcher keeps the board's `database` part true: degraded while the database fails, ok again by itself.
  const handle = await openForService(config, { board, log })
  const http = createHttpServer({
    log,
    health: () => ({ ...board.report(), database: handle.kind, plans: planCodes }),
  })
  const stopping: (() => Promise<void>)[] = [() => handle.close()]
  try {
    const port = await http.listen(config.http.port, config.http.host)
    stopping.unshift(() => http.close())
    log.info({ port, database: handle.describe }, 'http server listening')

    const planFile = config.planFile ?? ((await listPlans(handle.db)).length === 0 ? SAMPLE_PLAN_FILE : undefined)
    if (planFile) {
      const { plan, sourceHash } = loadPlanFile(planFile)
      const summary = await importPlan(handle.db, plan, { now: io.now(), sourceHash })
      await syncPlanPeriods(handle.db, summary.planId, plan, io.now())
      log.info({ file: planFile, plan: summary.planCode }, 'plan imported')
      io.progress(describeImport(summary))
    }
    planCodes = (await listPlans(handle.db)).map((p) => p.code)

    const services = createServices({ db: handle.db, config, now: io.now, log })
    await services.syncPeriods(io.now())

    http.fallback(
      createWebApp({
        db: handle.db,
        now: io.now,
        log,
        afterImport: async (planId, plan, now) => {
          await syncPlanPeriods(handle.db, planId, plan, now)
        },
        ...(config.telegram ? { telegramBot: cachedTelegramUsername(config.telegram) } : {}),
      }),
    )

    const senders: ChannelSender[] = []
    if (config.telegram) {
      const bot = createTelegramBot({ token: config.telegram.token, apiRoot: config.telegram.apiRoot, engine: services.engine, log, now: io.now })
      const telegram = await runTelegram(bot, { ...(config.telegram.webhook ? { webhook: config.telegram.webhook } : {}), mount: (path, h) => http.route(path, h), log })
      stopping.unshift(() => telegram.stop())
      senders.push(createTelegramSender({ token: config.telegram.token, apiRoot: config.telegram.apiRoot }))
    }
    if (config.zalo) {
      const client = createZaloClient({ token: config.zalo.token, apiRoot: config.zalo.apiRoot })
      const zalo = createZaloChannel({ client, engine: services.engine, log, now: io.now })
      if (config.zalo.webhook) {
        http.route(new URL(config.zalo.webhook.url).pathname, zalo.webhookHandler(config.zalo.webhook.secret))
        await client.setWebhook(config.zalo.webhook.url, config.zalo.webhook.secret)
        log.info('zalo webhook set')
      } else {
        await client.deleteWebhook().catch(() => undefined)
        zalo.startPolling()
        stopping.unshift(() => zalo.stopPolling())
        log.info('zalo long polling')
      }
      senders.push(createZaloSender(client))
    }
    // Rows a crashed earlier run of this host left in flight go back to the queue at once.
    const reclaimed = await reclaimFromDeadWorkers(handle.db, hostname(), isProcessAlive)
    if (reclaimed) log.warn({ reclaimed }, 'outbox rows left in flight by a previous run were requeued')
    const dispatcher = createDispatcher({
      db: handle.db,
      senders,
      log,
      now: io.now,
      worker: `${hostname()}:${process.pid}`,
      onBlocked: (message, failure) => notifyBlocked(handle.db, message, failure, io.now()),
    })
    dispatcher.start(1000)
    stopping.unshift(() => dispatcher.stop())

    // Every minute, Vietnam time: periods are refreshed hourly, reminders and digests queued as their instants come.
    const scheduler = createReminderScheduler({ db: handle.db, log, plans: services.plans, digests: writeDigest })
    let lastSync = io.now().getTime()
    const cronTask = cron.schedule(
      '* * * * *',
      async () => {
        const now = io.now()
        if (now.getTime() - lastSync >= 60 * 60_000) {
          lastSync = now.getTime()
          await services.syncPeriods(now)
          const pruned = await pruneOldRows(handle.db, now)
          if (pruned.outbox || pruned.updates) log.info(pruned, 'old sent messages and update ids pruned')
          const web = await pruneWebRows(handle.db, now)
          if (web) log.info({ rows: web }, 'expired web sessions, login codes and failed logins pruned')
        }
        const queued = await scheduler.tick(now)
        if (queued.reminders || queued.digests) log.info(queued, 'reminders and digests queued')
      },
      { timezone: 'Asia/Ho_Chi_Minh', noOverlap: true, name: 'dondoc-scheduler' },
    )
    stopping.unshift(async () => {
      await cronTask.stop()
    })

    if (!config.telegram) log.warn('Telegram is off: set TELEGRAM_BOT_TOKEN (and optionally TELEGRAM_WEBHOOK_URL + TELEGRAM_WEBHOOK_SECRET) to enable it')
    if (!config.zalo) log.warn('Zalo is off: set ZALO_BOT_TOKEN (and optionally ZALO_WEBHOOK_URL + ZALO_WEBHOOK_SECRET) to enable it')

    board.set('service', 'ok')
    io.progress(op.running(`http://${config.http.host}:${port}/healthz`, handle.describe, planCodes.join(', ')))
    await waitForSignal()
    log.info('stopping')
    return 0
  } finally {
    for (const stop of stopping) {
      try {
        await stop()
      } catch (err) {
        log.error({ err }, 'error while stopping')
      }
    }
  }
}

function waitForSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const onSignal = (signal: NodeJS.Signals) => {
      process.off('SIGTERM', onSignal)
      process.off('SIGINT', onSignal)
      resolve(signal)
    }
    process.on('SIGTERM', onSignal)
    process.on('SIGINT', onSignal)
  })
}

