/**
 * Poll `condition` until it holds; reject after `timeoutMs` naming what was
 * awaited. For conditions no event announces (a row stored, /healthz).
 */
export async function waitFor(condition: () => boolean | Promise<boolean>, timeoutMs: number, what: string, pollMs = 50): Promise<void> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    if (await Promise.resolve().then(condition).catch(() => false)) return
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`)
    await new Promise((r) => setTimeout(r, pollMs))
  }
}
