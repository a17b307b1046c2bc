import { describe, expect, it } from 'vitest'
import { ConfigError, loadConfig } from '../src/config.js'

/** The error loadConfig throws for an environment, or undefined when it is valid. */
function problems(env: NodeJS.ProcessEnv): string[] | undefined {
  try {
    loadConfig(env)
    return undefined
  } catch (err) {
    if (err instanceof ConfigError) return err.problems
    throw err
  }
}

describe('loadConfig', () => {
  it('defaults to the embedded database, no channels, port 8080', () => {
    expect(loadConfig({})).toEqual({ database: { kind: 'pglite', dataDir: './data' }, databaseTimeouts: { connectMs: 10_000, statementMs: 30_000 }, logLevel: 'info', http: { port: 8080, host: '127.0.0.1' } })
  })

  it('names every bad variable at once', () => {
    const found = problems({ TELEGRAM_BOT_TOKEN: 'not-a-token', HTTP_PORT: '99999', LOG_LEVEL: 'loud', ZALO_WEBHOOK_SECRET: 'short' })!
    expect(found.map((p) => p.split(':')[0]).sort()).toEqual(['HTTP_PORT', 'LOG_LEVEL', 'TELEGRAM_BOT_TOKEN', 'ZALO_WEBHOOK_SECRET'])
  })

  it('wants a webhook URL and its secret together', () => {
    expect(problems({ TELEGRAM_BOT_TOKEN: '1:abc', TELEGRAM_WEBHOOK_URL: 'https://bot.example.vn/tg' })).toEqual(['TELEGRAM_WEBHOOK_SECRET: required when TELEGRAM_WEBHOOK_URL is set'])
    expect(problems({ ZALO_BOT_TOKEN: '1:abc', ZALO_WEBHOOK_SECRET: 'secret-123' })).toEqual(['ZALO_WEBHOOK_URL: required when ZALO_WEBHOOK_SECRET is set'])
  })

  it('treats empty variables as unset, as .env files write them', () => {
    expect(loadConfig({ DATABASE_URL: '', TELEGRAM_BOT_TOKEN: '', HTTP_PORT: '' }).database).toEqual({ kind: 'pglite', dataDir: './data' })
  })

  it('reads the database timeouts in seconds and names a bad one', () => {
    expect(loadConfig({ DATABASE_CONNECT_TIMEOUT: '2.5', DATABASE_STATEMENT_TIMEOUT: '60' }).databaseTimeouts).toEqual({ connectMs: 2500, statementMs: 60_000 })
    expect(problems({ DATABASE_CONNECT_TIMEOUT: '0', DATABASE_STATEMENT_TIMEOUT: 'soon' })!.map((p) => p.split(':')[0]).sort()).toEqual(['DATABASE_CONNECT_TIMEOUT', 'DATABASE_STATEMENT_TIMEOUT'])
  })
})
