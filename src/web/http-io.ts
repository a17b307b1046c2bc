import type http from 'node:http'
import { Readable } from 'node:stream'
import { create as contentDisposition } from 'content-disposition'
import type { Html } from './html.js'

/** The largest form a page takes (a plan file is a few hundred kB at most). */
export const MAX_FORM_BYTES = 2 * 1024 * 1024

/** Raised when a posted form is larger than MAX_FORM_BYTES. */
export class FormTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`form larger than ${limit} bytes`)
    this.name = 'FormTooLargeError'
  }
}

/**
 * Read a posted form (url-encoded or multipart, for file uploads) with a
 * size bound; uses the platform's own form parser.
 */
export async function readForm(req: http.IncomingMessage, limit = MAX_FORM_BYTES): Promise<FormData> {
  const declared = Number(req.headers['content-length'] ?? 0)
  if (declared > limit) throw new FormTooLargeError(limit)
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length
    if (size > limit) throw new FormTooLargeError(limit)
    chunks.push(chunk)
  }
  const headers = new Headers()
  if (req.headers['content-type']) headers.set('content-type', req.headers['content-type'])
  const body = Readable.toWeb(Readable.from([Buffer.concat(chunks)])) as ReadableStream<Uint8Array>
  try {
    return await new Request('http://local/', { method: 'POST', headers, body, duplex: 'half' } as RequestInit).formData()
  } catch {
    return new FormData()
  }
}

/** A text field of a form ('' when absent or a file). */
export function field(form: FormData, name: string): string {
  const v = form.get(name)
  return typeof v === 'string' ? v : ''
}

/** Headers every page carries: no caching of private data, no framing, no referrer to other sites (login links stay private; same-origin keeps the Origin header that POSTs are checked by). */
const SECURITY_HEADERS = {
  'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'same-origin',
  'cache-control': 'no-store',
  'x-frame-options': 'DENY',
}

/** Send a page. */
export function sendHtml(res: http.ServerResponse, status: number, page: Html, extra: Record<string, string | string[]> = {}): void {
  res.writeHead(status, { ...SECURITY_HEADERS, 'content-type': 'text/html; charset=utf-8', ...extra })
  res.end(page.text)
}

/** A file name in plain ASCII for old clients: Vietnamese letters lose their marks (đ → d), anything else becomes '-'. */
export function asciiFileName(name: string): string {
  return name.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').replace(/[^A-Za-z0-9._-]+/g, '-')
}

/**
 * Send a download. The Content-Disposition header (built by the
 * `content-disposition` package, which quotes and encodes by RFC 6266/8187)
 * carries the real name as `filename*` when it is not plain ASCII, with an
 * unmarked ASCII `filename` beside it.
 */
export function sendFile(res: http.ServerResponse, file: { name: string; bytes: Buffer; mime: string }, extra: Record<string, string | string[]> = {}): void {
  res.writeHead(200, {
    ...SECURITY_HEADERS,
    'content-type': file.mime,
    'content-length': String(file.bytes.length),
    'content-disposition': contentDisposition(file.name, { fallback: asciiFileName(file.name) }),
    ...extra,
  })
  res.end(file.bytes)
}

/** Redirect after a POST or to the login page (303: the browser follows with GET). */
export function redirect(res: http.ServerResponse, location: string, extra: Record<string, string | string[]> = {}): void {
  res.writeHead(303, { ...SECURITY_HEADERS, location, ...extra })
  res.end()
}

/** Whether the request reached us over HTTPS (directly or through a proxy that says so). */
export function cameOverHttps(req: http.IncomingMessage): boolean {
  const proto = req.headers['x-forwarded-proto']
  const first = (Array.isArray(proto) ? proto[0] : proto)?.split(',')[0]?.trim().toLowerCase()
  return first === 'https' || (req.socket as { encrypted?: boolean }).encrypted === true
}

/**
 * Where a request comes from, for rate limiting: the peer address, or the
 * address a local reverse proxy appended to X-Forwarded-For (the last entry;
 * earlier ones are whatever the client claimed).
 */
export function requestSource(req: http.IncomingMessage): string {
  const peer = req.socket.remoteAddress ?? 'unknown'
  const loopback = peer === '127.0.0.1' || peer === '::1' || peer === '::ffff:127.0.0.1'
  const xff = req.headers['x-forwarded-for']
  if (loopback && typeof xff === 'string' && xff.trim()) return xff.split(',').pop()!.trim()
  return peer
}
