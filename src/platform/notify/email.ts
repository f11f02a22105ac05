// Email through an adapter: a change queues its message in the outbox in its own transaction, and
// the message is sent after commit, so nothing is sent for a change that rolled back and nothing is
// lost if the process stops in between: the delivery loop (plugin.ts) picks it up, and retries failures.

import type { Kysely, Transaction } from 'kysely'
import type { PlatformDB } from '../db/schema.ts'
import { nextAttemptAt, type RetryPolicy } from '../retries.ts'
import type { EmailAttachment } from './tables.ts'

export type { EmailAttachment }

export interface EmailMessage {
  to: string
  /** Our name for the template ('referral-outcome'); a sender maps it to its provider's id. */
  templateId: string
  /**
   * The template's fields. Links into the service (`link` and fields ending `_link`) are stored as
   * paths ('/referrals/...'), so a queued email stays right if the service moves; withServiceLinks
   * makes them absolute as the email is sent.
   */
  personalisation: Record<string, string>
  /** Our reference for the message (e.g. the referral number), echoed by the provider. */
  reference: string
  /**
   * Files sent with it, made when it is queued (so their links are absolute already): a provider's
   * sender attaches each as a MIME part of its content type.
   */
  attachments?: EmailAttachment[]
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
      {
        templateId: message.templateId,
        reference: message.reference,
        ...(message.attachments ? { attachments: message.attachments.map((a) => a.fileName) } : {}),
      },
      'email sent (log adapter)',
    )
  }
}

const isServiceLink = (field: string, value: string) =>
  (field === 'link' || field.endsWith('_link')) && value.startsWith('/')

/** A sender whose emails' links into the service are absolute, under the service's public URL. */
export function withServiceLinks(sender: EmailSender, publicUrl: string): EmailSender {
  return {
    send: (message) =>
      sender.send({
        ...message,
        personalisation: Object.fromEntries(
          Object.entries(message.personalisation).map(([field, value]) => [
            field,
            isServiceLink(field, value) ? new URL(value, publicUrl).href : value,
          ]),
        ),
      }),
  }
}

export async function queueEmail(trx: Transaction<PlatformDB>, message: EmailMessage): Promise<void> {
  await trx
    .insertInto('notification_outbox')
    .values({
      channel: 'email',
      recipient: message.to,
      template_id: message.templateId,
      personalisation: JSON.stringify(message.personalisation),
      reference: message.reference,
      attachments: message.attachments?.length ? JSON.stringify(message.attachments) : null,
    })
    .execute()
}

/**
 * A failed send is tried again after 1 min, 5 min, 25 min, about 2 h and 10 h, then every 12 h: the
 * 11th and last try comes about three days after the first. If it fails too, the email is given up:
 * logged as an error, and its row keeps the last error.
 */
export const EMAIL_RETRIES: RetryPolicy = {
  firstWaitMs: 60_000,
  factor: 5,
  longestWaitMs: 12 * 60 * 60_000,
  maxAttempts: 11,
}

/** How long a claimed email is left with its sender before another run may take it again. */
const CLAIM_MS = 5 * 60_000

interface DeliveryLog {
  error(details: object, message: string): void
}

export interface DeliveryOptions {
  /** The time to deliver as of: only emails due by then are sent (tests pass a later one). */
  now?: Date
  batchSize?: number
  /** Where a given-up email is reported; the console for callers without a logger of their own. */
  log?: DeliveryLog
}

/**
 * Sends the emails that are due and returns how many were sent. Several servers may run this at
 * once: each batch is claimed by one short statement (FOR UPDATE SKIP LOCKED) that moves the rows'
 * next_attempt_at on by CLAIM_MS, so no transaction stays open while the sender calls its provider,
 * and an email whose server stopped mid-send is tried again once the claim has run out.
 */
export async function deliverPendingEmails(
  db: Kysely<PlatformDB>,
  sender: EmailSender,
  { now = new Date(), batchSize = 50, log = console }: DeliveryOptions = {},
): Promise<number> {
  let sent = 0
  for (;;) {
    const batch = await claimDueEmails(db, now, batchSize)
    if (batch.length === 0) return sent
    const outcomes = await Promise.all(batch.map((email) => sendAndRecord(db, sender, email, now, log)))
    sent += outcomes.filter(Boolean).length
  }
}

function claimDueEmails(db: Kysely<PlatformDB>, now: Date, limit: number) {
  return db
    .updateTable('notification_outbox')
    .set({ next_attempt_at: new Date(now.getTime() + CLAIM_MS) })
    .where('id', 'in', (eb) =>
      eb
        .selectFrom('notification_outbox')
        .select('id')
        .where('sent_at', 'is', null)
        .where('attempts', '<', EMAIL_RETRIES.maxAttempts)
        .where('next_attempt_at', '<=', now)
        .orderBy('next_attempt_at')
        .limit(limit)
        .forUpdate()
        .skipLocked(),
    )
    .returning(['id', 'recipient', 'template_id', 'personalisation', 'reference', 'attempts', 'attachments'])
    .execute()
}

type ClaimedEmail = Awaited<ReturnType<typeof claimDueEmails>>[number]

async function sendAndRecord(
  db: Kysely<PlatformDB>,
  sender: EmailSender,
  email: ClaimedEmail,
  now: Date,
  log: DeliveryLog,
): Promise<boolean> {
  const error = await sender
    .send({
      to: email.recipient,
      templateId: email.template_id,
      personalisation: email.personalisation,
      reference: email.reference,
      ...(email.attachments ? { attachments: email.attachments } : {}),
    })
    .then(
      () => null,
      (failure: unknown) => String(failure),
    )
  const attempts = email.attempts + 1
  const next = error ? nextAttemptAt(EMAIL_RETRIES, attempts, now) : null
  await db
    .updateTable('notification_outbox')
    .set({
      attempts,
      sent_at: error ? null : now,
      last_error: error,
      ...(next ? { next_attempt_at: next } : {}),
    })
    .where('id', '=', email.id)
    .where('sent_at', 'is', null)
    .execute()
  if (error && !next) {
    log.error(
      { reference: email.reference, templateId: email.template_id, attempts, error },
      'email given up: every attempt to send it failed',
    )
  }
  return !error
}
