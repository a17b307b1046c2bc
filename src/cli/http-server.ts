import http from 'node:http'
import type { Logger } from '../logger.js'

/** A POST route a channel mounts (its webhook). */
export type RouteHandler = (req: http.IncomingMessage, res: http.ServerResponse) => void | Promise<void>

/** What /healthz reports; `ready: false` answers 503 so orchestrators wait. */
export interface HealthReport {
  ready: boolean
  [key: string]: unknown
}

/**
 * The service's one HTTP server: `GET /healthz` plus whatever webhook routes
 * channels mount. Kept dependency-free; it serves a handful of paths.
 */
export function createHttpServer(deps: { health: () => Promise<HealthReport> | HealthReport; log: Logger }) {
  const routes = new Map<string, RouteHandler>()
  let fallback: RouteHandler | undefined
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost')
    void (async () => {
      try {
        if (req.method === 'GET' && url.pathname === '/healthz') {
          const report = await deps.health()
          res.writeHead(report.ready ? 200 : 503, { 'content-type': 'application/json' })
          res.end(JSON.stringify(report))
          return
        }
        const route = (req.method === 'POST' ? routes.get(url.pathname) : undefined) ?? fallback
        if (!route) {
          res.writeHead(404, { 'content-type': 'text/plain' })
          res.end('not found')
          return
        }
        await route(req, res)
      } catch (err) {
        deps.log.error({ err, path: url.pathname }, 'http handler failed')
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' })
        res.end('internal error')
      }
    })()
  })
  return {
    /** Mount a POST handler at a path (a channel's webhook). */
    route(path: string, handler: RouteHandler) {
      routes.set(path, handler)
    },
    /** Handle every other path (the web page); webhooks and /healthz keep their own. */
    fallback(handler: RouteHandler) {
      fallback = handler
    },
    listen(port: number, host: string): Promise<number> {
      return new Promise((resolve, reject) => {
        server.once('error', reject)
        server.listen(port, host, () => {
          const address = server.address()
          resolve(typeof address === 'object' && address ? address.port : port)
        })
      })
    },
    close(): Promise<void> {
      return new Promise((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      })
    },
  }
}
