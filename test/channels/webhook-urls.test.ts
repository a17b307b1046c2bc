import { describe, expect, it } from 'vitest'
import { ConfigError, loadConfig } from '../../src/config.js'

/** The problems loadConfig names for an environment. */
function problems(env: NodeJS.ProcessEnv): string[] {
  try {
    loadConfig(env)
    return []
  } catch (err) {
    if (err instanceof ConfigError) return err.problems
    throw err
  }
}

describe('webhook URLs', () => {
  it('refuses a webhook URL that is not https at start, naming the variable', () => {
    expect(problems({ TELEGRAM_BOT_TOKEN: '1:abc', TELEGRAM_WEBHOOK_URL: 'http://bot.example.vn/tg', TELEGRAM_WEBHOOK_SECRET: 'sec' })).toEqual([
      'TELEGRAM_WEBHOOK_URL: TELEGRAM_WEBHOOK_URL must start with https:// (the platform only calls webhooks over HTTPS)',
    ])
    expect(problems({ ZALO_BOT_TOKEN: '1:abc', ZALO_WEBHOOK_URL: 'http://bot.example.vn/zalo', ZALO_WEBHOOK_SECRET: 'secret-123' })).toEqual([
      'ZALO_WEBHOOK_URL: ZALO_WEBHOOK_URL must start with https:// (the platform only calls webhooks over HTTPS)',
    ])
  })

  it('accepts https webhook URLs', () => {
    const config = loadConfig({ ZALO_BOT_TOKEN: '1:abc', ZALO_WEBHOOK_URL: 'https://bot.example.vn/zalo', ZALO_WEBHOOK_SECRET: 'secret-123' })
    expect(config.zalo?.webhook).toEqual({ url: 'https://bot.example.vn/zalo', secret: 'secret-123' })
  })
})
