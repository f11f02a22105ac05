// Steps every kind of meeting takes inside its own use case's transaction: reading the meeting
// (authorised and audited by the guard) and emailing the people it invites or circulates to.

import type { Transaction } from 'kysely'
import type { Actor } from '../platform/access/actor.ts'
import { authorize, type RequestOrigin } from '../platform/access/guard.ts'
import type { MeetingResource } from '../platform/access/policy.ts'
import type { PlatformDB } from '../platform/db/schema.ts'
import { type EmailAttachment, queueEmail } from '../platform/notify/email.ts'

/** Reading a meeting's record: authorized (and audited) as a read of the meeting. */
export function authorizeMeeting(
  trx: Transaction<PlatformDB>,
  caller: { actor: Actor; origin: RequestOrigin },
  meeting: MeetingResource,
  detail: Record<string, unknown> = {},
): void {
  authorize(trx, { ...caller, action: 'meeting.view', resource: meeting, detail })
}

/**
 * Emails about a meeting, one to each address, each with the meeting's reference (a template field
 * too) and any files (its calendar invitation, `calendarAttachment`).
 */
export async function queueMeetingEmails(
  trx: Transaction<PlatformDB>,
  to: readonly string[],
  email: {
    templateId: string
    reference: string
    fields: Record<string, string>
    attachments?: EmailAttachment[]
  },
) {
  const { templateId, reference, fields, attachments } = email
  for (const address of to)
    await queueEmail(trx, {
      to: address,
      templateId,
      reference,
      personalisation: { reference, ...fields },
      ...(attachments ? { attachments } : {}),
    })
}
