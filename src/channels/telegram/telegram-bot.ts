import { Bot, type Context } from 'grammy'
import type { UserFromGetMe } from 'grammy/types'
import { autoRetry } from '@grammyjs/auto-retry'
import { sequentialize } from '@grammyjs/runner'
import type { ConversationEngine } from '../../conversation/engine.js'
import type { EngineInput } from '../../conversation/types.js'
import type { ReplyPace } from '../../delivery/outbound.js'
import { callEngine } from '../engine-call.js'
import type { Logger } from '../../logger.js'
import { decodeChoice } from './telegram-render.js'
import { sendTelegramReply } from './telegram-reply.js'
export { runTelegram, type TelegramRunOptions } from './telegram-run.js'

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
  /** The bot's shared send pace: replies take their place in it, so they and the broadcast never draw a 429 together. */
  pace?: ReplyPace
}

/**
 * Create the grammY bot that maps Telegram updates to the engine and renders
 * its replies. It knows nothing of reports: every decision is the engine's.
 */
export function createTelegramBot(deps: TelegramDeps): Bot {
  const bot = new Bot(deps.token, { client: { apiRoot: deps.apiRoot, timeoutSeconds: 60 }, ...(deps.botInfo ? { botInfo: deps.botInfo } : {}) })
  // Interactive replies wait out a 429 (and retry a 5xx) instead of failing; broadcasts pace
  // themselves elsewhere. Network errors are not retried here: auto-retry would retry them
  // without end. getUpdates bypasses it: the polling loop has its own capped backoff and
  // must stop at once on shutdown.
  const retry = autoRetry({ maxRetryAttempts: 3, maxDelaySeconds: 30, rethrowHttpErrors: true })
  // Each attempt at sending a message (a retry too) first takes its place in the bot's shared pace.
  const pace = deps.pace
  const paced: typeof retry = pace
    ? async (prev, method, payload, signal) => {
        if (!method.startsWith('send') || method === 'sendChatAction') return prev(method, payload, signal)
        const done = await pace.acquire()
        try {
          return await prev(method, payload, signal)
        } finally {
          await done()
        }
      }
    : (prev, method, payload, signal) => prev(method, payload, signal)
  bot.api.config.use((prev, method, payload, signal) =>
    method === 'getUpdates' ? prev(method, payload, signal) : retry((m, p, s) => paced(prev, m, p, s), method, payload, signal),
  )
  // Updates are handled concurrently (runner or parallel webhook calls); one chat's stay in order.
  bot.use(sequentialize((ctx: Context) => (ctx.chat ? String(ctx.chat.id) : ctx.from ? `user:${ctx.from.id}` : undefined)))

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

