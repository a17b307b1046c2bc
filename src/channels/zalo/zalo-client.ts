/**
 * A small typed client for the Zalo Bot API (there is no maintained SDK):
 * `POST {root}/bot{token}/{method}` with JSON, answers `{ ok, result,
 * error_code, description }`. HTTP 200 with `ok: false` is an error; 408
 * from getUpdates means "nothing new". Every call has a timeout; 429, 403
 * (Zalo's "Internal server error"), 5xx and network errors are retried with
 * growing delays, a bounded number of times.
 */

/** A Zalo API error, with the method and what Zalo said. */
export class ZaloApiError extends Error {
  constructor(
    readonly method: string,
    readonly code: number | null,
    readonly description: string,
  ) {
    super(`zalo ${method} failed (${code ?? 'network'}): ${description}`)
    this.name = 'ZaloApiError'
  }

  /** Worth trying again later: rate limit, server trouble (Zalo's 403 is its "Internal server error"), network. */
  get retryable(): boolean {
    return this.code === null || this.code === 429 || this.code === 403 || this.code >= 500
  }

  /** The token was refused (reset in Zalo Bot Creator): nothing works until it is replaced. */
  get unauthorized(): boolean {
    return this.code === 401
  }
}

/** An incoming event as Zalo delivers it. */
export interface ZaloUpdate {
  event_name: string
  message: {
    message_id: string
    date: number
    from: { id: string; display_name?: string; first_name?: string; name?: string; is_bot?: boolean }
    chat: { id: string; chat_type?: 'PRIVATE' | 'GROUP' | string }
    text?: string
  }
}

export interface ZaloBotInfo {
  id: string
  account_name: string
  account_type?: string
  can_join_groups?: boolean
}

export interface ZaloClientOptions {
  token: string
  apiRoot: string
  /** Per-call timeout in ms (getUpdates adds its long-poll time). */
  timeoutMs?: number
  /** Attempts for retryable failures (1 = no retry). */
  attempts?: number
  /** Base delay of the growing retry delays, ms. */
  retryBaseMs?: number
  fetch?: typeof fetch
}

export function createZaloClient(opts: ZaloClientOptions) {
  const root = opts.apiRoot.replace(/\/$/, '')
  const timeoutMs = opts.timeoutMs ?? 15_000
  const attempts = opts.attempts ?? 4
  const base = opts.retryBaseMs ?? 500
  const doFetch = opts.fetch ?? fetch

  async function callOnce<T>(method: string, body: Record<string, unknown>, extraTimeoutMs = 0, signal?: AbortSignal): Promise<T> {
    let res: Response
    try {
      const timeout = AbortSignal.timeout(timeoutMs + extraTimeoutMs)
      res = await doFetch(`${root}/bot${opts.token}/${method}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
        signal: signal ? AbortSignal.any([timeout, signal]) : timeout,
      })
    } catch (err) {
      throw new ZaloApiError(method, null, err instanceof Error ? err.message : String(err))
    }
    let json: { ok?: boolean; result?: T; error_code?: number; description?: string }
    try {
      json = (await res.json()) as typeof json
    } catch {
      throw new ZaloApiError(method, res.status, `HTTP ${res.status} with a body that is not JSON`)
    }
    if (!res.ok || json.ok !== true) throw new ZaloApiError(method, json.error_code ?? res.status, json.description ?? `HTTP ${res.status}`)
    return json.result as T
  }

  /** Call with retries on 429, 5xx and network errors (not on 4xx, not on getUpdates' 408). */
  async function call<T>(method: string, body: Record<string, unknown> = {}, extraTimeoutMs = 0): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await callOnce<T>(method, body, extraTimeoutMs)
      } catch (err) {
        if (!(err instanceof ZaloApiError) || !err.retryable || attempt >= attempts) throw err
        await new Promise((r) => setTimeout(r, base * 2 ** (attempt - 1) * (0.5 + Math.random() / 2)))
      }
    }
  }

  return {
    getMe: () => call<ZaloBotInfo>('getMe'),
    /** getMe tried once, for the channel's own retry loop. */
    getMeOnce: (signal?: AbortSignal) => callOnce<ZaloBotInfo>('getMe', {}, 0, signal),
    /**
     * One update, or null when the long poll ended with nothing (408). Tried
     * once: the polling loop owns the backoff; `signal` ends it on shutdown.
     */
    async getUpdates(timeoutSeconds = 30, signal?: AbortSignal): Promise<ZaloUpdate | null> {
      try {
        const result = await callOnce<ZaloUpdate | ZaloUpdate[] | null>('getUpdates', { timeout: timeoutSeconds }, timeoutSeconds * 1000, signal)
        if (Array.isArray(result)) return result[0] ?? null
        return result ?? null
      } catch (err) {
        if (err instanceof ZaloApiError && err.code === 408) return null
        throw err
      }
    },
    setWebhook: (url: string, secretToken: string) => call<unknown>('setWebhook', { url, secret_token: secretToken }),
    setWebhookOnce: (url: string, secretToken: string, signal?: AbortSignal) => callOnce<unknown>('setWebhook', { url, secret_token: secretToken }, 0, signal),
    deleteWebhook: () => call<unknown>('deleteWebhook'),
    getWebhookInfo: () => call<{ url: string; updated_at?: number }>('getWebhookInfo'),
    sendMessage: (chatId: string, text: string) => call<{ message_id: string; date: number }>('sendMessage', { chat_id: chatId, text }),
    /** Send once, without retries: the outbox decides about retries and pacing. */
    sendMessageOnce: (chatId: string, text: string) => callOnce<{ message_id: string; date: number }>('sendMessage', { chat_id: chatId, text }),
    sendPhoto: (chatId: string, photoUrl: string, caption?: string) => call<unknown>('sendPhoto', { chat_id: chatId, photo: photoUrl, ...(caption ? { caption } : {}) }),
    sendChatAction: (chatId: string, action = 'typing') => call<unknown>('sendChatAction', { chat_id: chatId, action }),
  }
}

export type ZaloClient = ReturnType<typeof createZaloClient>
