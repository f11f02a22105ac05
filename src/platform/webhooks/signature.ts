// The X-Masa-Signature header: `t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body">`. Signing the
// time with the body lets a receiver refuse an old message replayed later.
import { createHmac, timingSafeEqual } from 'node:crypto'

export const SIGNATURE_HEADER = 'x-masa-signature'
export const IDEMPOTENCY_HEADER = 'idempotency-key'
export const EVENT_TYPE_HEADER = 'x-masa-event'
/** How old a signed message a receiver should still accept. */
export const SIGNATURE_TOLERANCE_SECONDS = 300

const hmac = (secret: string, timestamp: number, body: string) =>
  createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')

export function signatureHeader(secret: string, body: string, at: Date): string {
  const t = Math.floor(at.getTime() / 1000)
  return `t=${t},v1=${hmac(secret, t, body)}`
}

export function verifySignature(
  secret: string,
  header: string | undefined,
  body: string,
  now: Date,
  toleranceSeconds = SIGNATURE_TOLERANCE_SECONDS,
): boolean {
  const parts = new Map(
    (header ?? '').split(',').map((part) => {
      const at = part.indexOf('=')
      return [part.slice(0, at).trim(), part.slice(at + 1).trim()] as const
    }),
  )
  const t = Number(parts.get('t'))
  const given = parts.get('v1') ?? ''
  if (!Number.isInteger(t) || !/^[0-9a-f]{64}$/.test(given)) return false
  if (Math.abs(now.getTime() / 1000 - t) > toleranceSeconds) return false
  return timingSafeEqual(Buffer.from(given, 'hex'), Buffer.from(hmac(secret, t, body), 'hex'))
}
