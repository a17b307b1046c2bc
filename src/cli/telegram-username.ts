import { Api } from 'grammy'

/**
 * The bot's username for t.me links, asked once and remembered; undefined
 * while Telegram cannot be reached (asked again next time).
 */
export function cachedTelegramUsername(telegram: { token: string; apiRoot: string }): () => Promise<string | undefined> {
  let known: string | undefined
  return async () => {
    if (known) return known
    try {
      known = (await new Api(telegram.token, { apiRoot: telegram.apiRoot, timeoutSeconds: 10 }).getMe()).username
    } catch {
      return undefined
    }
    return known
  }
}
