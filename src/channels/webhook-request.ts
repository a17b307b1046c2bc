import { timingSafeEqual } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'

/** The largest webhook body accepted (Telegram and Zalo updates are a few KB). */
export const WEBHOOK_BODY_LIMIT = 1024 * 1024

/**
 * Read and check one webhook request the way both platforms need it: the
 * secret header compared in constant time (401), the body refused above the
 * limit before it is buffered (413), and malformed JSON refused with 400 (a 5xx
 * would make Telegram resend it forever). On refusal it answers and returns
 * undefined; otherwise the parsed body, with the response left to the caller.
 */
export async function readWebhookJson(
  req: IncomingMessage,
  res: ServerResponse,
  opts: { header: string; secret: string; limit?: number },
): Promise<{ body: unknown } | undefined> {
  const limit = opts.limit ?? WEBHOOK_BODY_LIMIT
  const expected = Buffer.from(opts.secret)
  const given = Buffer.from(String(req.headers[opts.header] ?? ''))
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    refuse(req, res, 401, 'unauthorized')
    return undefined
  }
  const declared = Number(req.headers['content-length'] ?? NaN)
  if (Number.isFinite(declared) && declared > limit) {
    refuse(req, res, 413, 'payload too large')
    return undefined
  }
  const raw = await new Promise<Buffer | undefined>((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    const onData = (chunk: Buffer) => {
      size += chunk.length
      if (size <= limit) return void chunks.push(chunk)
      // Over the limit: stop keeping anything; the rest is read and dropped.
      req.off('data', onData)
      chunks.length = 0
      resolve(undefined)
    }
    req.on('data', onData)
    req.once('end', () => resolve(Buffer.concat(chunks)))
    req.once('error', reject)
  })
  if (!raw) {
    refuse(req, res, 413, 'payload too large')
    return undefined
  }
  try {
    return { body: JSON.parse(raw.toString('utf8')) as unknown }
  } catch {
    res.writeHead(400, { 'content-type': 'text/plain' }).end('malformed JSON')
    return undefined
  }
}

/** Answer now and close the connection, so the rest of a large body is not read. */
function refuse(req: IncomingMessage, res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'content-type': 'text/plain', connection: 'close' }).end(text)
  req.resume()
}
