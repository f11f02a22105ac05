import type { FastifyInstance, FastifyPluginAsync } from 'fastify'
import type { Database } from '../db/database.ts'
import { WebhookWorker } from './worker.ts'

declare module 'fastify' {
  interface FastifyInstance {
    /** The in-process webhook sender; `drainWebhooks()` sends everything due now (for tests). */
    webhooks: WebhookWorker
    drainWebhooks(now?: () => Date): Promise<number>
  }
}

/** Starts the webhook sender with the app and stops it (waiting for sends in flight) on close. */
async function webhooks(app: FastifyInstance, { database }: { database: Database }): Promise<void> {
  const worker = new WebhookWorker(database.db, {
    onError: (error) => app.log.error({ err: error }, 'webhook delivery loop failed'),
  })
  app.decorate('webhooks', worker)
  app.decorate('drainWebhooks', (now?: () => Date) => worker.drain(now))
  app.addHook('onReady', async () => worker.start())
  app.addHook('onClose', async () => worker.stop())
}

/** Registered on the app itself (not a child context), so `app.drainWebhooks` is there for tests. */
export const webhooksPlugin: FastifyPluginAsync<{ database: Database }> = Object.assign(webhooks, {
  [Symbol.for('skip-override')]: true,
})
