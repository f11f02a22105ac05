// A region's hub: one process serving several partnerships, each at its own address. A request goes
// to the app of the partnership its Host names; each app has its own database handle, bound to its
// partnership (and by row-level security to that partnership's rows), so no request of one
// partnership's address can reach another's records. Any other Host is answered by no app.

import { once } from 'node:events'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { FastifyInstance } from 'fastify'
import { isHealthPath } from './route-kind.ts'

export interface Hub {
  /** The address the hub listens at, e.g. http://127.0.0.1:3000. */
  address: string
  /** Stops taking connections and waits for the requests in flight; the apps are the caller's to close. */
  close(): Promise<void>
}

/** The host a request names, lower-case and without its port; undefined for none or a malformed one. */
export function requestHost(request: IncomingMessage): string | undefined {
  const host = request.headers.host
  if (!host || !URL.canParse(`http://${host}`)) return undefined
  return new URL(`http://${host}`).hostname.toLowerCase()
}

/**
 * `apps` by host name. A balancer's health check names no partnership's host: it is answered by the
 * first app, whose readiness is the process's and the shared database's.
 */
export async function listenByHost(
  apps: ReadonlyMap<string, FastifyInstance>,
  port: number,
  host: string,
): Promise<Hub> {
  const first = [...apps.values()][0]
  if (!first) throw new Error('a hub serves one partnership at least')
  await Promise.all([...apps.values()].map((app) => app.ready()))
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const app = apps.get(requestHost(request) ?? '')
    if (app) return app.routing(request, response)
    if (isHealthPath(new URL(request.url ?? '/', 'http://hub').pathname))
      return first.routing(request, response)
    response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' })
    response.end('No partnership is served at this address.\n')
  })
  server.listen(port, host)
  await once(server, 'listening')
  const { port: bound } = server.address() as AddressInfo
  return {
    address: `http://${host.includes(':') ? `[${host}]` : host}:${bound}`,
    async close() {
      const closed = once(server, 'close')
      server.close()
      // A kept-alive connection goes idle once its request is answered: close each as it does.
      const closeIdle = setInterval(() => server.closeIdleConnections(), 50)
      await closed.finally(() => clearInterval(closeIdle))
    },
  }
}
