// When to try a failed delivery again: exponential backoff, capped, then give up and show it as
// failed in the delivery log for an administrator to replay.
import { nextAttemptAt, type RetryPolicy, waitBeforeRetryMs } from '../retries.ts'

const WEBHOOK_RETRIES: RetryPolicy = {
  firstWaitMs: 30_000,
  factor: 2,
  longestWaitMs: 6 * 60 * 60_000,
  maxAttempts: 10,
}
export const MAX_ATTEMPTS = WEBHOOK_RETRIES.maxAttempts

/** Delay before the next try after `attempts` failed tries (1 -> 30 s, 2 -> 60 s, ... up to 6 h). */
export const retryDelayMs = (attempts: number): number => waitBeforeRetryMs(WEBHOOK_RETRIES, attempts)

export type AttemptResult =
  | { ok: true; statusCode: number }
  | { ok: false; statusCode: number | null; error: string }

export type NextStep =
  | { status: 'delivered' }
  | { status: 'pending'; nextAttemptAt: Date }
  | { status: 'failed' }

export function afterAttempt(result: AttemptResult, attempts: number, now: Date): NextStep {
  if (result.ok) return { status: 'delivered' }
  const next = nextAttemptAt(WEBHOOK_RETRIES, attempts, now)
  return next ? { status: 'pending', nextAttemptAt: next } : { status: 'failed' }
}

/** 2xx is delivered; anything else (including a redirect) is a failure to retry. */
export const isDelivered = (statusCode: number): boolean => statusCode >= 200 && statusCode < 300

/** Secrets are referenced, never stored: 'env:NAME' reads the environment variable NAME. */
export function resolveSecretRef(ref: string, env: Record<string, string | undefined>): string {
  const match = /^env:([A-Z][A-Z0-9_]*)$/.exec(ref)
  const value = match?.[1] ? env[match[1]] : undefined
  if (!value) throw new Error(`Webhook secret ${ref} is not available`)
  return value
}
