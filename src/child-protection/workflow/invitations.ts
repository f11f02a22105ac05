// Invitations to a meeting about a child: the agencies that serve its LA, each at an email address,
// and the emails that go to them.

import type { Transaction } from 'kysely'
import type { PartnershipConfig } from '../../partnership/config.ts'
import type { DB } from '../../platform/db/schema.ts'
import { queueEmail } from '../../platform/notify/email.ts'
import { agenciesServing } from '../rules/agencies.ts'
import type { Problem } from '../rules/strategy-discussion.ts'
import type { InviteeRequest } from '../schemas.ts'
import type * as store from '../store/strategy-discussion.ts'

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/

/**
 * A meeting in an LA invites agencies that serve it, each at an email address: the invitees that do
 * (with their agency's kind), and a problem for each that does not.
 */
export function checkInvitees(
  partnership: PartnershipConfig,
  laId: string,
  requested: readonly InviteeRequest[],
) {
  const serving = agenciesServing(partnership, laId)
  const problems: Problem[] = []
  const invitees: store.Invitee[] = []
  for (const i of requested) {
    const agency = serving.find((candidate) => candidate.id === i.agencyId)
    if (!agency)
      problems.push({ field: `invite-${i.agencyId}`, text: `${i.agencyId} does not serve this area` })
    else if (!EMAIL.test(i.email))
      problems.push({ field: `email-${i.agencyId}`, text: `Enter an email address for ${agency.name}` })
    else invitees.push({ ...i, agencyKind: agency.kind })
  }
  return { invitees, problems }
}

/** Emails about a meeting, one to each address, each with the meeting's reference (a template field too). */
export async function queueMeetingEmails(
  trx: Transaction<DB>,
  to: readonly string[],
  email: { templateId: string; reference: string; fields: Record<string, string> },
) {
  const { templateId, reference, fields } = email
  for (const address of to)
    await queueEmail(trx, { to: address, templateId, reference, personalisation: { reference, ...fields } })
}
