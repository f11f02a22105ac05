import type { FastifyInstance } from 'fastify'
import type { Database } from '../db/database.ts'
import { scheduleJob } from '../jobs.ts'
import { deliverPendingEmails, type EmailSender, LogEmailSender } from './email.ts'

export interface EmailDeliveryOptions {
  database: Database
  /** As in the front door, each email is written to the log unless a sender is given. */
  emailSender?: EmailSender
  everyMs?: number
}

/** Sends due emails every 30 s while the app runs, so a failed one is retried when its wait is over. */
export async function emailDeliveryPlugin(
  app: FastifyInstance,
  options: EmailDeliveryOptions,
): Promise<void> {
  const sender = options.emailSender ?? new LogEmailSender(app.log)
  scheduleJob(app, options.database, {
    name: 'email delivery',
    everyMs: options.everyMs ?? 30_000,
    everyServer: true,
    run: () => deliverPendingEmails(options.database.db, sender, { log: app.log }),
  })
}
