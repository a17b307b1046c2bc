import type { IncomingMessage, ServerResponse } from 'node:http'
import { type Bot, GrammyError, HttpError } from 'grammy'
import type { Update } from 'grammy/types'
import { createConcurrentSink, createRunner, createSource, type RunnerHandle } from '@grammyjs/runner'
import type { Logger } from '../../logger.js'
import { type ChannelHealth, DEFAULT_RETRY_PACE, type RetryPace, retryDelayMs, sleep } from '../backoff.js'
import { readWebhookJson } from '../webhook-request.js'
import { TELEGRAM_COMMANDS } from './telegram-bot.js'

const ALLOWED_UPDATES = ['message', 'callback_query', 'my_chat_member'] as const

/** How the service runs the bot: webhook or polling, where to mount, whom to tell about its health. */
export interface TelegramRunOptions {
  webhook?: { url: string; secret: string }
  mount: (path: string, handler: (req: IncomingMessage, res: ServerResponse) => void | Promise<void>) => void
  log: Logger
  /** Told 'starting', 'ok' or 'degraded' (with the reason) as the connection changes. */
  health?: ChannelHealth
  retry?: RetryPace
  /** Long-poll window of getUpdates, seconds (30 in production). */
  pollTimeoutSeconds?: number
  /** Updates handled at once across chats (one chat's are always in order). */
  concurrency?: number
}

/**
 * Start receiving in the background and return at once: the bot connects
 * (getMe), publishes its menu, then sets its webhook or long-polls. Every
 * failure is retried with a capped backoff and reported on the health board,
 * so an unreachable Telegram, a rejected token (401) or a second process
 * polling the same token (409) degrade this channel and nothing else. Polling
 * uses grammY's runner (concurrent sink) fed by our own getUpdates loop:
 * the runner's built-in fetcher stops for good on 409 and its retry sleeps
 * cannot be interrupted, which would delay shutdown. `started` resolves once
 * the channel first works (or it is stopped); `stop` ends within moments
 * whatever the network does.
 */
export function runTelegram(bot: Bot, opts: TelegramRunOptions): { started: Promise<void>; stop(): Promise<void> } {
  const abort = new AbortController()
  const signal = abort.signal
  const pace = opts.retry ?? DEFAULT_RETRY_PACE
  const health = opts.health ?? (() => undefined)
  const log = opts.log
  let problem: string | undefined
  let runner: RunnerHandle | undefined

  health('starting')

  /** Report a failure once per distinct problem; returns whether it was a conflict with a webhook. */
  function failed(err: unknown, during: string): void {
    const reason = describeFailure(err, during)
    if (reason !== problem) {
      const fields = { during, code: err instanceof GrammyError ? err.error_code : null }
      if (err instanceof GrammyError && (err.error_code === 401 || err.error_code === 409)) log.error(fields, reason)
      else log.warn(fields, reason)
    }
    problem = reason
    health('degraded', reason)
  }

  function working(what: string): void {
    if (problem !== undefined) log.info({ bot: bot.isInited() ? bot.botInfo.username : undefined }, `telegram ${what} again`)
    problem = undefined
    health('ok')
  }

  /** Run `step` until it succeeds or the channel stops; false when stopped. */
  async function persist(during: string, step: () => Promise<unknown>): Promise<boolean> {
    for (let failures = 1; !signal.aborted; failures++) {
      try {
        await step()
        return true
      } catch (err) {
        if (signal.aborted) return false
        failed(err, during)
        await sleep(retryDelayMs(failures, pace), signal)
      }
    }
    return false
  }

  if (opts.webhook) opts.mount(new URL(opts.webhook.url).pathname, webhookHandler(bot, opts.webhook.secret, log))

  const started = (async () => {
    if (!bot.isInited() && !(await persist('getMe', async () => (bot.botInfo = await bot.api.getMe(grammySignal(signal)))))) return
    await bot.api.setMyCommands(TELEGRAM_COMMANDS, undefined, grammySignal(signal)).catch((err: unknown) => log.warn({ err }, 'setMyCommands failed'))
    if (opts.webhook) {
      const hook = opts.webhook
      if (!(await persist('setWebhook', () => bot.api.setWebhook(hook.url, { secret_token: hook.secret, allowed_updates: [...ALLOWED_UPDATES] }, grammySignal(signal))))) return
      log.info({ path: new URL(hook.url).pathname, bot: bot.botInfo.username }, 'telegram webhook set')
      working('webhook')
      return
    }
    await bot.api.deleteWebhook(undefined, grammySignal(signal)).catch(() => undefined)
    if (signal.aborted) return
    let firstBatch: () => void = () => undefined
    const firstPoll = new Promise<void>((resolve) => (firstBatch = resolve))
    runner = createRunner(
      createSource({ supply: (limit, sourceSignal) => poll(limit, sourceSignal as unknown as AbortSignal).finally(firstBatch) }),
      createConcurrentSink(
        { consume: (update: Update) => bot.handleUpdate(update) },
        async (err: unknown) => log.error({ err }, 'telegram update failed'),
        { concurrency: opts.concurrency ?? 64 },
      ),
    )
    runner.start()
    log.info({ bot: bot.botInfo.username }, 'telegram long polling')
    await firstPoll
  })()

  let offset = 0
  /** One getUpdates batch for the runner, retried here with the capped backoff until it succeeds or stops. */
  async function poll(limit: number, sourceSignal: AbortSignal): Promise<Update[]> {
    const both = AbortSignal.any([signal, sourceSignal])
    for (let failures = 1; ; failures++) {
      try {
        const updates = await bot.api.getUpdates({ offset, limit: Math.max(1, Math.min(limit, 100)), timeout: opts.pollTimeoutSeconds ?? 30, allowed_updates: [...ALLOWED_UPDATES] }, grammySignal(both))
        working('long polling')
        const last = updates.at(-1)
        if (last) offset = last.update_id + 1
        return updates
      } catch (err) {
        if (both.aborted) throw err
        failed(err, 'getUpdates')
        // A webhook left by an earlier configuration blocks polling: take it down.
        if (err instanceof GrammyError && err.error_code === 409 && /webhook/i.test(err.description)) await bot.api.deleteWebhook(undefined, grammySignal(both)).catch(() => undefined)
        await sleep(retryDelayMs(failures, pace), both)
        if (both.aborted) throw err
      }
    }
  }

  return {
    started,
    async stop() {
      abort.abort()
      await runner?.stop()
      await started.catch(() => undefined)
      // Let updates already being handled send their replies, briefly.
      for (const deadline = Date.now() + 3000; runner && runner.size() > 0 && Date.now() < deadline; ) await sleep(25)
    },
  }
}

/** grammY types its signal with the abort-controller shim; Node's own signal is what it uses at run time. */
function grammySignal(signal: AbortSignal): Parameters<Bot['api']['getMe']>[0] {
  return signal as unknown as Parameters<Bot['api']['getMe']>[0]
}

/** One line an operator can act on, naming the variable when the token is wrong. */
function describeFailure(err: unknown, during: string): string {
  if (err instanceof GrammyError) {
    if (err.error_code === 401) return `TELEGRAM_BOT_TOKEN was rejected by Telegram (401 Unauthorized on ${during}): set the token @BotFather gave and restart`
    if (err.error_code === 409) return `telegram ${during} conflict (409: ${err.description}): another process is receiving updates for this bot token; retrying`
    return `telegram ${during} failed (${err.error_code}: ${err.description}); retrying`
  }
  const message = err instanceof HttpError ? err.message : err instanceof Error ? err.message : String(err)
  return `telegram unreachable on ${during} (${message}); retrying`
}

/**
 * The webhook route: secret checked (401), body bounded (413), malformed JSON
 * refused (400), then the update handled before answering 200, so a crash
 * makes Telegram resend it (the engine ignores the repeat). Until the bot has
 * reached Telegram once it answers 503 and Telegram retries later.
 */
function webhookHandler(bot: Bot, secret: string, log: Logger) {
  return async (req: IncomingMessage, res: ServerResponse) => {
    const got = await readWebhookJson(req, res, { header: 'x-telegram-bot-api-secret-token', secret })
    if (!got) return
    const update = got.body as Update | null
    if (!update || typeof update !== 'object' || typeof update.update_id !== 'number') {
      res.writeHead(400, { 'content-type': 'text/plain' }).end('not a Telegram update')
      return
    }
    if (!bot.isInited()) {
      res.writeHead(503, { 'content-type': 'text/plain' }).end('starting')
      return
    }
    await bot.handleUpdate(update).catch((err: unknown) => log.error({ err, update: update.update_id }, 'telegram webhook update failed'))
    res.writeHead(200, { 'content-type': 'application/json' }).end('{}')
  }
}
