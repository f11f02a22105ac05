// Who may read /metrics: it shows the service's load and backlogs, not for the public. A request from
// loopback or a configured address (the client's own, once a trusted proxy has said who that is), or
// one carrying the metrics token.

import { createHash, timingSafeEqual } from 'node:crypto'
import { BlockList, isIPv4, isIPv6 } from 'node:net'
import type { FastifyRequest } from 'fastify'

export interface MetricsAccess {
  /** Addresses or CIDR ranges, besides loopback, that may read the metrics without the token. */
  metricsAllowFrom?: readonly string[]
  /** A bearer token with which any address may read them. */
  metricsToken?: string
}

const LOOPBACK = ['127.0.0.0/8', '::1']

/** Whether a request may read the metrics, by its token or its client's address. */
export function metricsGate(access: MetricsAccess): (request: FastifyRequest) => boolean {
  const allowed = allowedAddresses(access.metricsAllowFrom ?? [])
  return (request) => {
    if (access.metricsToken && bearerMatches(request.headers.authorization, access.metricsToken)) return true
    // Forwarded by a proxy masa does not trust: the address is the proxy's, not the client's.
    if (request.headers['x-forwarded-for'] !== undefined && request.ip === request.socket.remoteAddress)
      return false
    return allowed.check(...addressOf(request.ip))
  }
}

function allowedAddresses(entries: readonly string[]): BlockList {
  const list = new BlockList()
  for (const entry of [...LOOPBACK, ...entries]) {
    const [address = '', prefix] = entry.split('/')
    const family = isIPv6(address) ? 'ipv6' : 'ipv4'
    if (prefix === undefined) list.addAddress(address, family)
    else list.addSubnet(address, Number(prefix), family)
  }
  return list
}

/** An IPv4 client seen on an IPv6 socket ('::ffff:127.0.0.1') is checked as the IPv4 address it is. */
function addressOf(ip: string): [string, 'ipv4' | 'ipv6'] {
  const mapped = ip.toLowerCase().startsWith('::ffff:') ? ip.slice(7) : ip
  return isIPv4(mapped) ? [mapped, 'ipv4'] : [ip, 'ipv6']
}

function bearerMatches(header: string | undefined, token: string): boolean {
  const [scheme, given] = (header ?? '').split(' ')
  if (scheme?.toLowerCase() !== 'bearer' || !given) return false
  const digest = (value: string) => createHash('sha256').update(value).digest()
  return timingSafeEqual(digest(given), digest(token))
}
