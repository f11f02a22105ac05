// Sends queued webhook deliveries. One loop per app server; the queue lives in the database, so
// servers can come and go without losing or doubling work (the receiver dedupes on the event id).
import type { Kysely } from 'kysely'
import type { PlatformDB } from '../db/schema.ts'
import { pollEvery } from '../poll.ts'
import { type AttemptResult, afterAttempt, isDelivered, resolveSecretRef } from './rules.ts'
import { EVENT_TYPE_HEADER, IDEMPOTENCY_HEADER, SIGNATURE_HEADER, signatureHeader } from './signature.ts'
import { type ClaimedDelivery, claimDueDeliveries, recordAttempt } from './store.ts'

export interface WebhookWorkerOptions {
  pollMs?: number
  batchSize?: number
  timeoutMs?: number
  env?: Record<string, string | undefined>
  onError?: (error: unknown) => void
}

const LEASE_MS = 60_000

export class WebhookWorker {
  private stopPolling: (() => Promise<void>) | null = null
  private readonly pollMs: number
  private readonly batchSize: number
  private readonly timeoutMs: number
  private readonly env: Record<string, string | undefined>

  constructor(
    private readonly db: Kysely<PlatformDB>,
    private readonly options: WebhookWorkerOptions = {},
  ) {
    this.pollMs = options.pollMs ?? 2_000
    this.batchSize = options.batchSize ?? 20
    this.timeoutMs = options.timeoutMs ?? 10_000
    this.env = options.env ?? process.env
  }

  start(): void {
    this.stopPolling ??= pollEvery(
      this.pollMs,
      () => this.drain(),
      (error) => this.options.onError?.(error),
    )
  }

  async stop(): Promise<void> {
    const stop = this.stopPolling
    this.stopPolling = null
    await stop?.()
  }

  /** Sends everything due by `now` (tests pass a later `now` to skip the backoff); returns attempts made. */
  async drain(now: () => Date = () => new Date()): Promise<number> {
    let made = 0
    for (;;) {
      const batch = await claimDueDeliveries(this.db, now(), this.batchSize, LEASE_MS)
      if (batch.length === 0) return made
      await Promise.all(batch.map((delivery) => this.send(delivery, now)))
      made += batch.length
    }
  }

  private async send(delivery: ClaimedDelivery, now: () => Date): Promise<void> {
    const attemptedAt = now()
    const started = performance.now()
    const result = await this.post(delivery, attemptedAt)
    const attempt = delivery.attempts + 1
    await recordAttempt(this.db, {
      deliveryId: delivery.id,
      attempt,
      attemptedAt,
      statusCode: result.statusCode,
      error: result.ok ? null : result.error,
      durationMs: Math.round(performance.now() - started),
      next: afterAttempt(result, attempt, attemptedAt),
    })
  }

  private async post(delivery: ClaimedDelivery, at: Date): Promise<AttemptResult> {
    try {
      const secret = resolveSecretRef(delivery.secretRef, this.env)
      const response = await fetch(delivery.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          [SIGNATURE_HEADER]: signatureHeader(secret, delivery.body, at),
          [IDEMPOTENCY_HEADER]: delivery.eventId,
          [EVENT_TYPE_HEADER]: delivery.eventType,
        },
        body: delivery.body,
        redirect: 'manual',
        signal: AbortSignal.timeout(this.timeoutMs),
      })
      await response.body?.cancel()
      if (isDelivered(response.status)) return { ok: true, statusCode: response.status }
      return { ok: false, statusCode: response.status, error: `HTTP ${response.status}` }
    } catch (error) {
      return { ok: false, statusCode: null, error: error instanceof Error ? error.message : String(error) }
    }
  }
}
