// Graceful shutdown: on SIGTERM or SIGINT the server stops taking connections and answers the requests
// in flight, the loops finish the run they are in (each plugin's onClose waits for it), and then what
// outlives the server (the checkpoint loop, the database) is closed, in order.

import type { FastifyInstance } from 'fastify'

/** How long the requests and runs in flight have before the process stops anyway. */
const GRACE_MS = 25_000

/** Closes the app (requests in flight, then its loops), then each of `after` in turn. */
export function gracefulShutdown(
  app: FastifyInstance,
  after: readonly (() => Promise<unknown>)[],
): () => Promise<void> {
  let closing: Promise<void> | undefined
  const close = async () => {
    await app.close()
    for (const step of after) await step()
  }
  return () => {
    closing ??= close()
    return closing
  }
}

/**
 * The first SIGTERM or SIGINT shuts down gracefully, then exits 0; a shutdown past the grace period,
 * or one that fails, exits 1. A second signal while closing is ignored (the first is in hand).
 */
export function shutDownOnSignals(
  shutDown: () => Promise<void>,
  log: FastifyInstance['log'],
  exit: (code: number) => void = process.exit,
  graceMs = GRACE_MS,
): void {
  const onSignal = (signal: NodeJS.Signals) => {
    log.info({ signal }, 'shutting down: finishing the requests and jobs in flight')
    const timer = setTimeout(() => {
      log.error({ graceMs }, 'shutdown took too long: stopping with work still in flight')
      exit(1)
    }, graceMs)
    timer.unref()
    shutDown().then(
      () => exit(0),
      (error: unknown) => {
        log.error({ err: error }, 'shutdown failed')
        exit(1)
      },
    )
  }
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, onSignal)
}
