/**
 * Per-chat ordering with concurrency across chats: jobs with the same key run
 * one after the other, jobs with different keys run side by side. One person's
 * slow update (a locked row, a slow platform) then delays only that person.
 * Used by the Zalo channel; Telegram gets the same from grammY's runner and
 * `sequentialize`.
 */
export function createChatQueue() {
  const tails = new Map<string, Promise<unknown>>()
  const inFlight = new Set<Promise<unknown>>()

  return {
    /** Run `job` after every earlier job of `key`; resolves with its result. */
    run<T>(key: string, job: () => Promise<T>): Promise<T> {
      const previous = tails.get(key) ?? Promise.resolve()
      const result = previous.then(job, job)
      const settled = result.then(
        () => undefined,
        () => undefined,
      )
      tails.set(key, settled)
      inFlight.add(settled)
      void settled.then(() => {
        inFlight.delete(settled)
        if (tails.get(key) === settled) tails.delete(key)
      })
      return result
    },
    /** Jobs queued or running. */
    get size(): number {
      return inFlight.size
    },
    /** Resolves once every job queued so far has settled. */
    async idle(): Promise<void> {
      while (inFlight.size) await Promise.all([...inFlight])
    },
  }
}

export type ChatQueue = ReturnType<typeof createChatQueue>
