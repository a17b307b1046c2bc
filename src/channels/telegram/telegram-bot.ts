import { Bot, type Context, webhookCallback } from 'grammy'
import type { UserFromGetMe } from 'grammy/types'
import { autoRetry } from '@grammyjs/auto-retry'
import type { ConversationEngine } from '../../conversation/engine.js'
import type { EngineInput } from '../../conversation/types.js'
import { callEngine } from '../engine-call.js'
import type { Logger } from '../../logger.js'
import { decodeChoice } from './telegram-render.js'
import { sendTelegramReply } from './telegram-reply.js'

/** The commands users see in Telegram's menu, in Vietnamese. */
export const TELEGRAM_COMMANDS = [
  { command: 'baocao', description: 'Báo cáo hoặc tiếp tục báo cáo' },
  { command: 'tiendo', description: 'Đơn vị còn phải báo cáo gì' },
  { command: 'huongdan', description: 'Hướng dẫn sử dụng' },
  { command: 'huy', description: 'Tạm dừng bước hiện tại (giữ bản nháp)' },
  { command: 'tonghop', description: 'Lãnh đạo: tổng hợp kỳ báo cáo' },
  { command: 'xuatbaocao', description: 'Lãnh đạo: nhận tệp báo cáo tổng hợp và biểu đồ' },
  { command: 'chuanop', description: 'Lãnh đạo: đơn vị chưa nộp' },
  { command: 'chitieu', description: 'Lãnh đạo: một chỉ tiêu qua các đơn vị' },
  { command: 'nhac', description: 'Lãnh đạo: nhắc đơn vị chưa nộp' },
]

/** What the Telegram channel needs from the rest of the service. */
export interface TelegramDeps {
  token: string
  apiRoot: string
  engine: ConversationEngine
  log: Logger
  now: () => Date
  /** Tests pass the bot's identity to skip getMe. */
  botInfo?: UserFromGetMe
}

/**
 * Create the grammY bot that maps Telegram updates to the engine and renders
 * its replies. It knows nothing of reports: every decision is the engine's.
 */
export function createTelegramBot(deps: TelegramDeps): Bot {
  const bot = new Bot(deps.token, { client: { apiRoot: deps.apiRoot }, ...(deps.botInfo ? { botInfo: deps.botInfo } : {}) })
  // Interactive replies wait out a 429 instead of failing; broadcasts pace themselves elsewhere.
  bot.api.config.use(autoRetry({ maxRetryAttempts: 3, maxDelaySeconds: 30 }))

  bot.on('callback_query:data', async (ctx) => {
    const choice = decodeChoice(ctx.callbackQuery.data)
    await ctx.answerCallbackQuery().catch((err: unknown) => deps.log.warn({ err }, 'answerCallbackQuery failed'))
    if (!choice || !ctx.chat) return
    await handle(ctx, { choice })
  })
  bot.on('message:text', (ctx) => handle(ctx, { text: ctx.message.text }))
  bot.on('message', async (ctx) => {
    const m = ctx.message
    const media: EngineInput['media'] = m.sticker ? 'sticker' : m.photo ? 'photo' : m.voice || m.audio ? 'voice' : m.document ? 'file' : 'other'
    if (ctx.chat.type !== 'private') return // never answer media in groups
    await handle(ctx, { media })
  })
  bot.catch((err) => deps.log.error({ err: err.error, update: err.ctx.update.update_id }, 'telegram update failed'))
  return bot

  async function handle(ctx: Context, what: Pick<EngineInput, 'text' | 'choice' | 'media'>): Promise<void> {
    const chat = ctx.chat!
    const from = ctx.from
    if (!from) return
    const input: EngineInput = {
      channel: 'telegram',
      updateId: String(ctx.update.update_id),
      userId: String(from.id),
      chatId: String(chat.id),
      chatType: chat.type === 'private' ? 'private' : 'group',
      ...('title' in chat && chat.title ? { chatTitle: chat.title } : {}),
      displayName: [from.first_name, from.last_name].filter(Boolean).join(' '),
      at: deps.now(),
      ...what,
    }
    for (const reply of await callEngine(deps.engine, input, deps.log)) await sendTelegramReply(ctx.api, chat.id, reply)
  }
}

/** Start receiving: a webhook mounted on the service's HTTP server, or long polling. */
export async function runTelegram(
  bot: Bot,
  opts: { webhook?: { url: string; secret: string }; mount: (path: string, handler: (req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => void | Promise<void>) => void; log: Logger },
): Promise<{ stop(): Promise<void> }> {
  await bot.init()
  await bot.api.setMyCommands(TELEGRAM_COMMANDS).catch((err: unknown) => opts.log.warn({ err }, 'setMyCommands failed'))
  if (opts.webhook) {
    const path = new URL(opts.webhook.url).pathname
    opts.mount(path, webhookCallback(bot, 'http', { secretToken: opts.webhook.secret }))
    await bot.api.setWebhook(opts.webhook.url, { secret_token: opts.webhook.secret, allowed_updates: ['message', 'callback_query', 'my_chat_member'] })
    opts.log.info({ path, bot: bot.botInfo.username }, 'telegram webhook set')
    return { stop: async () => {} }
  }
  await bot.api.deleteWebhook().catch(() => undefined)
  const polling = bot.start({ allowed_updates: ['message', 'callback_query', 'my_chat_member'], onStart: (info) => opts.log.info({ bot: info.username }, 'telegram long polling') })
  polling.catch((err: unknown) => opts.log.error({ err }, 'telegram polling stopped'))
  return {
    stop: async () => {
      await bot.stop()
    },
  }
}
