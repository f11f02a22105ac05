// The reviews' scheduled alerts, the service's own steps (no one's request, so no child's record is
// read and no audit entry written): the warning before an incident's deadline, the reminders of an
// invited agency's part due the next working day or late, and the reviews leads told once of each
// recommendation past its due date. Each is claimed once, whichever server runs it.

import type { Transaction } from 'kysely'
import type { DB } from '../database.ts'
import { peopleWithRoles } from '../identity/index.ts'
import { agencyName } from '../meetings/index.ts'
import { addWorkingDays, toIsoDate } from '../platform/calendar/working-days.ts'
import { queueEmail } from '../platform/notify/email.ts'
import { dueStatus, nextStep } from './rules.ts'
import * as store from './store.ts'
import { laAgencyId, type ReviewsContext, reviewsPeople } from './workflow.ts'

type Alerts = Pick<ReviewsContext, 'db' | 'partnership'>

/**
 * Tells the reviews people of each incident whose next deadline (notifying the Panel, or sending it
 * the rapid review) is due within a working day or has passed, once for each deadline. No one's
 * request: a system step, so it reads no child's record and writes no audit entry.
 */
export async function warnDueSoon(ctx: Alerts, now: Date): Promise<number> {
  return ctx.db.transaction().execute(async (trx) => {
    let warned = 0
    for (const row of await store.incidentsAwaitingTheLa(trx)) {
      const { words, dueBy } = nextStep(row)
      if (!dueBy || row.warned_for === dueBy || dueStatus(dueBy, now).urgency === 'due') continue
      for (const to of await reviewsPeople(trx, laAgencyId(ctx, row.la_id)))
        await queueEmail(trx, {
          to,
          templateId: 'serious-incident-due-soon',
          personalisation: {
            reference: row.reference,
            next: words,
            due_by: dueBy,
            link: `/reviews/${row.id}`,
          },
          reference: `${row.reference}-due-${dueBy}`,
        })
      await store.updateIncident(trx, row.id, { warned_for: dueBy })
      warned += 1
    }
    return warned
  })
}

/** An invited agency's part is reminded of once on its eve, once when late. */
const PART_TEMPLATES = {
  'due-soon': 'rapid-review-part-due-soon',
  overdue: 'rapid-review-part-overdue',
} as const

/**
 * Reminds each invited agency whose part is not given, by email to its safeguarding managers: once
 * when it is due the next working day (or today, when asked that late), once when its day has passed;
 * none once the rapid review has gone to the Panel. Returns how many parts were reminded.
 */
export async function remindParts(ctx: Alerts, now: Date): Promise<number> {
  const today = toIsoDate(now)
  return ctx.db.transaction().execute(async (trx) => {
    let reminded = 0
    for (const stage of ['overdue', 'due-soon'] as const) {
      const claimed = await store.claimPartReminders(trx, stage, today, addWorkingDays(today, 1), now)
      const references = await store.referencesOf(trx, [...new Set(claimed.map((part) => part.incident_id))])
      for (const part of claimed) {
        const reference = references.get(part.incident_id) ?? ''
        await tellAgency(trx, part.agency_id, {
          templateId: PART_TEMPLATES[stage],
          personalisation: {
            reference,
            part_due_by: part.due_on,
            link: `/reviews/${part.incident_id}#step-part`,
          },
          reference: `${reference}-part-${part.agency_id}-${stage}-${part.due_on}`,
        })
      }
      reminded += claimed.length
    }
    return reminded
  })
}

async function tellAgency(
  trx: Transaction<DB>,
  agencyId: string,
  email: { templateId: string; personalisation: Record<string, string>; reference: string },
) {
  for (const { email: to } of await peopleWithRoles(trx, {
    roles: ['safeguarding-manager'],
    agencyIds: [agencyId],
  }))
    await queueEmail(trx, { to, ...email })
}

/**
 * Tells the partnership's reviews leads once of each recommendation of a rapid review past its due
 * date and not done (again only if its due date is changed and passes): the incident's reference,
 * the recommendation's number, owner and due date, and a link; never its words, which may name the
 * child, nor the child. Returns how many recommendations were told of.
 */
export async function alertOverdueRecommendations(ctx: Alerts, now: Date): Promise<number> {
  return ctx.db.transaction().execute(async (trx) => {
    const claimed = await store.claimOverdueRecommendations(trx, toIsoDate(now), now)
    if (claimed.length === 0) return 0
    const references = await store.referencesOf(trx, [...new Set(claimed.map((row) => row.source_id))])
    const leads = await peopleWithRoles(trx, { roles: ['review-lead'] })
    for (const row of claimed) {
      const reference = references.get(row.source_id) ?? ''
      for (const { email: to } of leads)
        await queueEmail(trx, {
          to,
          templateId: 'recommendation-overdue',
          personalisation: {
            reference,
            overdue: overdueWords(ctx, row),
            due_by: row.due_by,
            link: `/reviews/${row.source_id}#step-recommendations`,
          },
          reference: `${reference}-recommendation-${row.position}-overdue-${row.due_by}`,
        })
    }
    return claimed.length
  })
}

/** What is overdue, in the email's words: "Recommendation 2, owned by Leicestershire Police". */
const overdueWords = (ctx: Alerts, row: { position: number; owner_agency_id: string }) =>
  `Recommendation ${row.position}, owned by ${agencyName(ctx.partnership, row.owner_agency_id)}`
