// Form 87a's overdue answers, escalated once, after commit (a job: platform/jobs.ts): a request whose
// answer was due by a working day that has ended is emailed to the police force's safeguarding
// managers whose grant covers the child's LA (who answer for the force's information sharing, and
// chase it), and again to its public protection people of the area, who answer it (their queue
// shows the overdue first). The email names no child and nothing of the request: the date it was
// due, the agency that asked and, for public protection, where their queue is. The managers get no
// link: the policy keeps the request to its asker and the force's public protection.

import type { Kysely } from 'kysely'
import type { DB } from '../database.ts'
import { peopleWithRoles } from '../identity/index.ts'
import type { PartnershipConfig } from '../partnership/config.ts'
import { toIsoDate } from '../platform/calendar/working-days.ts'
import { govukDate } from '../platform/http/dates.ts'
import { queueEmail } from '../platform/notify/email.ts'
import * as store from './store.ts'

/** Escalates up to `limit` overdue requests in one transaction; how many it escalated. */
export async function escalateOverdueRequests(
  ctx: { db: Kysely<DB>; partnership: PartnershipConfig; now: () => Date },
  limit = 50,
): Promise<number> {
  return ctx.db.transaction().execute(async (trx) => {
    const at = ctx.now()
    const requests = await store.claimOverdue(trx, toIsoDate(at), limit)
    for (const request of requests) {
      const where = { agencyIds: [request.police_agency_id], laId: request.la_id }
      const managers = await peopleWithRoles(trx, { roles: ['safeguarding-manager'], ...where })
      const officers = await peopleWithRoles(trx, { roles: ['police-public-protection'], ...where })
      const askedBy =
        ctx.partnership.agencies.find((agency) => agency.id === request.agency_id)?.name ?? request.agency_id
      const sent = new Set<string>()
      for (const [people, link] of [
        [officers, { link: '/police-requests' }],
        [managers, {}],
      ] as const)
        for (const { email } of people) {
          if (sent.has(email)) continue
          sent.add(email)
          await queueEmail(trx, {
            to: email,
            templateId: 'police-request-overdue',
            personalisation: { answer_by: govukDate(request.due_by), asked_by: askedBy, ...link },
            reference: `police-request-${request.id}-overdue`,
          })
        }
      await store.markEscalated(trx, request.id, at)
    }
    return requests.length
  })
}
