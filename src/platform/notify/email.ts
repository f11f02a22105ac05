// Email through an adapter: a change queues its message in the outbox in its own transaction, and
// the message is sent after commit, so nothing is sent for a change that rolled back and nothing is
// lost if the process stops in between (the next delivery run picks it up).

import type { Kysely, Transaction } from 'kysely'
import { sql } from 'kysely'
import type { DB } from '../db/schema.ts'

export interface EmailMessage {
  to: string
  /** Our name for the template ('referral-outcome'); a sender maps it to its provider's id. */
  templateId: string
  personalisation: Record<string, string>
  /** Our reference for the message (e.g. the referral number), echoed by the provider. */
  reference: string
}

export interface EmailSender {
  send(message: EmailMessage): Promise<void>
}

interface Logger {
  info(details: object, message: string): void
}

/** The default sender: writes each message to the log; the outbox row holds its content. */
export class LogEmailSender implements EmailSender {
  constructor(private readonly log: Logger) {}

  async send(message: EmailMessage): Promise<void> {
    this.log.info(
      { templateId: message.templateId, reference: message.reference },
      'email sent (log adapter)',
    )
  }
}

/** The shape of GOV.UK Notify's client (notifications-node-client) that NotifyEmailSender needs. */
export interface NotifyClientLike {
  sendEmail(
    templateId: string,
    emailAddress: string,
    options: { personalisation: Record<string, string>; reference: string },
  ): Promise<unknown>
}

/** Production sender: `new NotifyEmailSender(new NotifyClient(apiKey), { 'referral-outcome': '<uuid>' })`. */
export class NotifyEmailSender implements EmailSender {
  constructor(
    private readonly client: NotifyClientLike,
    private readonly templateIds: Readonly<Record<string, string>>,
  ) {}

  async send(message: EmailMessage): Promise<void> {
    const templateId = this.templateIds[message.templateId]
    if (!templateId) throw new Error(`No GOV.UK Notify template is configured for '${message.templateId}'`)
    await this.client.sendEmail(templateId, message.to, {
      personalisation: message.personalisation,
      reference: message.reference,
    })
  }
}

export async function queueEmail(trx: Transaction<DB>, message: EmailMessage): Promise<void> {
  await trx
    .insertInto('notification_outbox')
    .values({
      channel: 'email',
      recipient: message.to,
      template_id: message.templateId,
      personalisation: JSON.stringify(message.personalisation),
      reference: message.reference,
    })
    .execute()
}

const MAX_ATTEMPTS = 5

/** Sends queued emails; several servers may run this at once (rows are claimed with SKIP LOCKED). */
export async function deliverPendingEmails(db: Kysely<DB>, sender: EmailSender, limit = 50): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const rows = await trx
      .selectFrom('notification_outbox')
      .selectAll()
      .where('sent_at', 'is', null)
      .where('attempts', '<', MAX_ATTEMPTS)
      .orderBy('created_at')
      .limit(limit)
      .forUpdate()
      .modifyEnd(sql`SKIP LOCKED`)
      .execute()
    let sent = 0
    for (const row of rows) {
      const message = {
        to: row.recipient,
        templateId: row.template_id,
        personalisation: row.personalisation,
        reference: row.reference,
      }
      const error = await sender.send(message).then(
        () => null,
        (failure: unknown) => String(failure),
      )
      await trx
        .updateTable('notification_outbox')
        .set({ attempts: row.attempts + 1, sent_at: error ? null : new Date(), last_error: error })
        .where('id', '=', row.id)
        .execute()
      if (!error) sent += 1
    }
    return sent
  })
}
