// Exponential backoff for the outboxes that send to other systems (webhooks, emails): each wait is
// `factor` times the one before, from `firstWaitMs`, capped at `longestWaitMs`; after `maxAttempts`
// tries the message is given up.

export interface RetryPolicy {
  firstWaitMs: number
  factor: number
  longestWaitMs: number
  maxAttempts: number
}

/** The wait before the next try after `attempts` failed tries. */
export function waitBeforeRetryMs(policy: RetryPolicy, attempts: number): number {
  return Math.min(policy.firstWaitMs * policy.factor ** Math.max(0, attempts - 1), policy.longestWaitMs)
}

/** When to try again after `attempts` failed tries, or null once they are used up. */
export function nextAttemptAt(policy: RetryPolicy, attempts: number, now: Date): Date | null {
  if (attempts >= policy.maxAttempts) return null
  return new Date(now.getTime() + waitBeforeRetryMs(policy, attempts))
}
