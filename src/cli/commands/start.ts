import { op } from '../operator-messages.js'
import { pruneOldRows } from '../../scheduler/housekeeping.js'
import { writeDigest } from '../../reports/digest.js'
import { digestFiles, type FileBuilder } from '../../reports/chat-export.js'
import type { Config } from '../../config.js'
import { createLogger, logFailures } from '../../logger.js'
import { createHealthBoard } from '../../health.js'
import { listPlans } from '../../storage/plans.js'
import { importPlan } from '../../storage/plan-import.js'
import type { CommandIo } from '../command-io.js'
import { createHttpServer, type RouteHandler } from '../http-server.js'
import { openForService } from '../open-database.js'
import { describeImport } from '../import-summary.js'
import { syncPlanPeriods } from '../../scheduler/period-sync.js'
import { createServices } from '../services.js'
import { createTelegramBot, runTelegram } from '../../channels/telegram/telegram-bot.js'
import { createTelegramSender } from '../../channels/telegram/telegram-sender.js'
import type { ChannelSender } from '../../delivery/outbound.js'
import { createDispatcher } from '../../scheduler/dispatcher.js'
import { createReplyPace } from '../../scheduler/reply-pace.js'
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

/** What the service is built with beyond its configuration. */
export interface StartOptions {
  /**
   * Builds the report files (Excel, Word) that `/xuatbaocao` and the
   * summary digest send on Telegram. Default: the export's workbook and Word
   * draft (`dondoc export`'s files), loaded only when first asked for.
   */
  buildFiles?: FileBuilder
}

/**
 * `dondoc start`: the long-running service. Migrates, loads the plan, serves
 * /healthz (and webhooks), runs whatever channels have tokens, and stops
 * cleanly on SIGTERM/SIGINT.
 */
export async function startCommand(_args: string[], config: Config, io: CommandIo, opts: StartOptions = {}): Promise<number> {
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

    const firstStart = !config.planFile && (await listPlans(handle.db)).length === 0
    if (config.planFile || firstStart) {
      // The plan file reader (YAML and its schema) loads only when there is a file to import.
      const { loadPlanFile, SAMPLE_PLAN_FILE } = await import('../plan-source.js')
      const planFile = config.planFile ?? SAMPLE_PLAN_FILE
      const { plan, sourceHash } = loadPlanFile(planFile)
      const summary = await importPlan(handle.db, plan, { now: io.now(), sourceHash })
      await syncPlanPeriods(handle.db, summary.planId, plan, io.now())
      log.info({ file: planFile, plan: summary.planCode }, 'plan imported')
      io.progress(describeImport(summary))
    }
    planCodes = (await listPlans(handle.db)).map((p) => p.code)

    const buildFiles: FileBuilder =
      opts.buildFiles ?? (async (db, planId, plan, request) => (await import('../../reports/export/export-files.js')).exportFiles(db, planId, plan, request, io.now()))
    const services = createServices({ db: handle.db, config, now: io.now, log, buildFiles })
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

    // Each channel connects in the background and retries on its own: one platform down,
    // a refused token or a second poller degrades that channel, never the others or the scheduler.
    const senders: ChannelSender[] = []
    const mount = (path: string, h: RouteHandler) => http.route(path, h)
    if (config.telegram) {
      const sender = createTelegramSender({ token: config.telegram.token, apiRoot: config.telegram.apiRoot })
      // Replies share the bot's pace with the broadcast (and with every other instance on this database).
      const pace = createReplyPace({ db: handle.db, key: { channel: 'telegram', botId: sender.botId ?? '' }, limits: sender.limits, log })
      const bot = createTelegramBot({ token: config.telegram.token, apiRoot: config.telegram.apiRoot, engine: services.engine, log, now: io.now, pace })
      const telegram = runTelegram(bot, { ...(config.telegram.webhook ? { webhook: config.telegram.webhook } : {}), mount, log, health: (state, reason) => board.set('telegram', state, reason) })
      stopping.unshift(() => telegram.stop())
      senders.push(sender)
    } else board.set('telegram', 'off')
    if (config.zalo) {
      const client = createZaloClient({ token: config.zalo.token, apiRoot: config.zalo.apiRoot })
      const zalo = createZaloChannel({ client, engine: services.engine, log, now: io.now, health: (state, reason) => board.set('zalo', state, reason) })
      zalo.start({ ...(config.zalo.webhook ? { webhook: config.zalo.webhook } : {}), mount })
      stopping.unshift(() => zalo.stop())
      senders.push(createZaloSender(client, { status: zalo }))
    } else board.set('zalo', 'off')
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
    const scheduler = createReminderScheduler({ db: handle.db, log, plans: services.plans, digests: writeDigest, digestFiles: digestFiles(buildFiles) })
    let lastSync = io.now().getTime()
    const cronTask = cron.schedule(
      '* * * * *',
      logFailures(log, 'scheduler tick', async () => {
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
      }),
      { timezone: 'Asia/Ho_Chi_Minh', noOverlap: true, name: 'dondoc-scheduler' },
    )
    stopping.unshift(async () => {
      await cronTask.stop()
    })

    if (!config.telegram) log.warn('Telegram is off: set TELEGRAM_BOT_TOKEN (and optionally TELEGRAM_WEBHOOK_URL + TELEGRAM_WEBHOOK_SECRET) to enable it')
    if (!config.zalo) log.warn('Zalo is off: set ZALO_BOT_TOKEN (and optionally ZALO_WEBHOOK_URL + ZALO_WEBHOOK_SECRET) to enable it')

    board.set('service', 'ok')
    // Listen before saying "running": a supervisor may send SIGTERM the moment it reads the line.
    const signalled = waitForSignal()
    io.progress(op.running(`http://${config.http.host}:${port}/healthz`, handle.describe, planCodes.join(', ')))
    await signalled
    log.info('stopping')
    return 0
  } finally {
    // Shutdown ends within 10 s whatever the network does: each part gets what is left of 9 s.
    const deadline = Date.now() + STOP_WITHIN_MS
    for (const stop of stopping) {
      try {
        const left = Math.max(500, deadline - Date.now())
        let timer: NodeJS.Timeout | undefined
        const late = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), left)))
        const outcome = await Promise.race([stop().then(() => 'done' as const), late]).finally(() => clearTimeout(timer))
        if (outcome === 'late') log.error({ waitedMs: left }, 'a part did not stop in time; going on')
      } catch (err) {
        log.error({ err }, 'error while stopping')
      }
    }
    log.info('stopped')
  }
}

/** The whole shutdown's budget, under the 10 s orchestrators usually give before SIGKILL. */
const STOP_WITHIN_MS = 9000

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

