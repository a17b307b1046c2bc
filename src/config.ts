import { z } from 'zod'

/**
 * Everything the service reads from the environment, validated once at start
 * so a typo fails with the variable's name instead of a crash an hour later.
 * `.env.example` documents each variable.
 */
const emptyAsUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v)
const optionalString = z.preprocess(emptyAsUndefined, z.string().trim().optional())
/** Telegram and Zalo only deliver webhooks over HTTPS: a plain http:// URL is refused at start, not discovered in production. */
const httpsUrl = (what: string) =>
  z.preprocess(
    emptyAsUndefined,
    z
      .url({ message: `${what} must be a URL like https://host/path` })
      .refine((u) => u.startsWith('https://'), { message: `${what} must start with https:// (the platform only calls webhooks over HTTPS)` })
      .optional(),
  )
const seconds = (name: string, fallback: number) =>
  z.preprocess(emptyAsUndefined, z.coerce.number({ message: `${name} is a number of seconds` }).positive(`${name} must be more than 0 seconds`).max(3600, `${name} must be at most 3600 seconds`).default(fallback))
const port = (fallback: number) =>
  z.preprocess(emptyAsUndefined, z.coerce.number().int().min(0).max(65535).default(fallback))

const schema = z.object({
  DATABASE_URL: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'DATABASE_URL must start with postgres:// or postgresql://')
      .optional(),
  ),
  DATA_DIR: z.preprocess(emptyAsUndefined, z.string().default('./data')),
  DATABASE_CONNECT_TIMEOUT: seconds('DATABASE_CONNECT_TIMEOUT', 10),
  DATABASE_STATEMENT_TIMEOUT: seconds('DATABASE_STATEMENT_TIMEOUT', 30),
  TELEGRAM_BOT_TOKEN: z.preprocess(emptyAsUndefined, z.string().regex(/^\d+:[\w-]+$/, 'TELEGRAM_BOT_TOKEN looks like 123456:ABC-DEF…').optional()),
  TELEGRAM_API_ROOT: z.preprocess(emptyAsUndefined, z.url().default('https://api.telegram.org')),
  TELEGRAM_WEBHOOK_URL: httpsUrl('TELEGRAM_WEBHOOK_URL'),
  TELEGRAM_WEBHOOK_SECRET: z.preprocess(emptyAsUndefined, z.string().regex(/^[A-Za-z0-9_-]{1,256}$/, 'TELEGRAM_WEBHOOK_SECRET: 1-256 characters A-Z a-z 0-9 _ -').optional()),
  ZALO_BOT_TOKEN: z.preprocess(emptyAsUndefined, z.string().regex(/^\d+:.+$/, 'ZALO_BOT_TOKEN looks like {bot_id}:{access_token}').optional()),
  ZALO_API_ROOT: z.preprocess(emptyAsUndefined, z.url().default('https://bot-api.zaloplatforms.com')),
  ZALO_WEBHOOK_URL: httpsUrl('ZALO_WEBHOOK_URL'),
  ZALO_WEBHOOK_SECRET: z.preprocess(emptyAsUndefined, z.string().min(8).max(256).optional()),
  PLAN_FILE: optionalString,
  LOG_LEVEL: z.preprocess(emptyAsUndefined, z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info')),
  HTTP_PORT: port(8080),
  HTTP_HOST: z.preprocess(emptyAsUndefined, z.string().default('127.0.0.1')),
})

export type Env = z.output<typeof schema>

/** The typed configuration every composition root starts from. */
export interface Config {
  database: { kind: 'postgres'; url: string } | { kind: 'pglite'; dataDir: string }
  /** How long to wait for a database connection and for one statement, in milliseconds. */
  databaseTimeouts: { connectMs: number; statementMs: number }
  telegram?: { token: string; apiRoot: string; webhook?: { url: string; secret: string } }
  zalo?: { token: string; apiRoot: string; webhook?: { url: string; secret: string } }
  planFile?: string
  logLevel: Env['LOG_LEVEL']
  http: { port: number; host: string }
}

/** Raised with every bad variable named, so the operator fixes them in one go. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration: ${problems.join('; ')}`)
    this.name = 'ConfigError'
  }
}

/** Validate the environment into a Config, or throw ConfigError naming each bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = schema.safeParse(env)
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${String(i.path[0] ?? '?')}: ${i.message}`))
  }
  const e = parsed.data
  const problems: string[] = []
  const pair = (urlVar: string, secretVar: string, u?: string, s?: string) => {
    if (u && !s) problems.push(`${secretVar}: required when ${urlVar} is set`)
    if (s && !u) problems.push(`${urlVar}: required when ${secretVar} is set`)
    return u && s ? { url: u, secret: s } : undefined
  }
  const tgHook = pair('TELEGRAM_WEBHOOK_URL', 'TELEGRAM_WEBHOOK_SECRET', e.TELEGRAM_WEBHOOK_URL, e.TELEGRAM_WEBHOOK_SECRET)
  const zaloHook = pair('ZALO_WEBHOOK_URL', 'ZALO_WEBHOOK_SECRET', e.ZALO_WEBHOOK_URL, e.ZALO_WEBHOOK_SECRET)
  if (problems.length) throw new ConfigError(problems)
  return {
    database: e.DATABASE_URL ? { kind: 'postgres', url: e.DATABASE_URL } : { kind: 'pglite', dataDir: e.DATA_DIR },
    databaseTimeouts: { connectMs: Math.round(e.DATABASE_CONNECT_TIMEOUT * 1000), statementMs: Math.round(e.DATABASE_STATEMENT_TIMEOUT * 1000) },
    ...(e.TELEGRAM_BOT_TOKEN
      ? { telegram: { token: e.TELEGRAM_BOT_TOKEN, apiRoot: e.TELEGRAM_API_ROOT.replace(/\/$/, ''), ...(tgHook ? { webhook: tgHook } : {}) } }
      : {}),
    ...(e.ZALO_BOT_TOKEN ? { zalo: { token: e.ZALO_BOT_TOKEN, apiRoot: e.ZALO_API_ROOT.replace(/\/$/, ''), ...(zaloHook ? { webhook: zaloHook } : {}) } } : {}),
    ...(e.PLAN_FILE ? { planFile: e.PLAN_FILE } : {}),
    logLevel: e.LOG_LEVEL,
    http: { port: e.HTTP_PORT, host: e.HTTP_HOST },
  }
}
