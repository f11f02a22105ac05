// Independent scrutiny's use cases, each one audited transaction decided by the policy: the
// scrutineer's workspace (aggregates only), a lead's grant to the scrutineer of one child's record
// (by NHS number, or by a serious incident's reference for its review with the child's identity), the
// grants (active and past) for the leads and the scrutineer, the child's record through a current
// grant, revoking a grant early, recording in the audit each grant that reached its end date, and
// reminding the scrutineer and the lead before a grant ends.

import { randomUUID } from 'node:crypto'
import type { Kysely, Transaction } from 'kysely'
import {
  childNamesOf,
  getChildResource,
  getChildResources,
  nhsNumberProblem,
  normaliseNhsNumber,
} from '../children/index.ts'
import type { DB } from '../database.ts'
import { emailOfPerson, holdersOfRoles } from '../identity/index.ts'
import type { PartnershipConfig } from '../partnership/config-schema.ts'
import {
  audited,
  authorize,
  authorizeAsking,
  authorizeGate,
  type Caller,
  consult,
  recordServiceStep,
} from '../platform/access/guard.ts'
import { type ChildResource, decide, mayEver, type ScrutinyResource } from '../platform/access/policy.ts'
import { type IsoDate, toIsoDate } from '../platform/calendar/working-days.ts'
import { govukDate } from '../platform/http/dates.ts'
import { RequestError } from '../platform/http/errors.ts'
import { checkedInput, type FieldProblem, InvalidInput, isUuid } from '../platform/http/schemas.ts'
import { queueEmail } from '../platform/notify/email.ts'
import { incidentOfReference, incidentsAbout } from '../reviews/index.ts'
import { reportingYear, reportingYearOf } from '../yearly-report/index.ts'
import { workspaceFigures } from './figures.ts'
import { auditFindings } from './findings.ts'
import {
  endsOnProblem,
  type GrantState,
  grantExpiry,
  grantState,
  reminderDays,
  reminderDue,
} from './rules.ts'
import { grantCheck, revokeCheck } from './schemas.ts'
import * as store from './store.ts'

export interface ScrutinyContext {
  db: Kysely<DB>
  partnership: PartnershipConfig
  now: () => Date
}

const PARTNERSHIP = { kind: 'partnership' } as const
const notFound = () => new RequestError(404, 'Not found')
const field = (input: unknown, name: string) => (input as Record<string, unknown> | null)?.[name]
const ISO = /^\d{4}-\d{2}-\d{2}$/
/** The first reporting year the workspace offers. */
const FIRST_YEAR = 2018

/** A child's record as scrutiny asks the policy about it: open to the grantee only while this grant lasts. */
const resourceOf = (child: ChildResource, grant?: store.GrantRow, now?: Date): ScrutinyResource => ({
  kind: 'scrutiny',
  child,
  laId: child.laId,
  grantedUserIds: grant && now && grantState(grant, now) === 'current' ? [grant.grantee_id] : [],
})

// ---------------------------------------------------------------------------
// The workspace

/** The scrutineer's workspace for a reporting year (this one unless another is asked for): aggregates only. */
export async function workspace(ctx: ScrutinyContext, caller: Caller, asked?: unknown) {
  authorizeGate(caller.actor, 'scrutiny')
  const current = reportingYearOf(toIsoDate(ctx.now()))
  const wanted = typeof asked === 'string' && /^\d{4}$/.test(asked) ? Number(asked) : current
  const startYear = wanted >= FIRST_YEAR && wanted <= current ? wanted : current
  return audited(ctx.db, async (trx) => {
    authorize(trx, { ...caller, action: 'scrutiny.view', resource: PARTNERSHIP, detail: { startYear } })
    const figures = await workspaceFigures(trx, ctx.partnership, startYear, ctx.now())
    const from = reportingYear(startYear).from as IsoDate
    const findings = await auditFindings(trx, caller, ctx.partnership, from, figures.upTo)
    const years = Array.from({ length: Math.min(5, current - FIRST_YEAR + 1) }, (_, i) => current - i)
    return { ...figures, findings, years }
  })
}

// ---------------------------------------------------------------------------
// Granting

/** The independent scrutineers a lead may grant to: everyone holding the role in the partnership. */
const scrutineers = (db: Kysely<DB>, ctx: ScrutinyContext) =>
  holdersOfRoles(db, {
    roles: ['independent-scrutineer'],
    agencyIds: ctx.partnership.agencies.map((agency) => agency.id),
  })

/**
 * The grant form, for the partnership's leads: the scrutineers to choose from and, started from a
 * child's record, that child (named once the policy lets the caller grant it; 404 otherwise).
 */
export async function grantForm(ctx: ScrutinyContext, caller: Caller, childId?: string) {
  return audited(ctx.db, async (trx) => {
    authorizeAsking(trx, { ...caller, action: 'scrutiny.grant', resource: PARTNERSHIP })
    const child = childId === undefined ? undefined : await grantableChild(trx, caller, childId)
    return { scrutineers: await scrutineers(trx, ctx), ...(child ? { child } : {}) }
  })
}

/** A child the caller may grant, by id (audited as the form's read); 404 for one they may not, or unknown. */
async function grantableChild(trx: Transaction<DB>, caller: Caller, childId: string) {
  const child = isUuid(childId) ? await store.childOfId(trx, childId) : undefined
  if (!child) throw notFound()
  authorize(trx, {
    ...caller,
    action: 'scrutiny.grant',
    resource: resourceOf(await getChildResource(trx, child.id)),
    detail: { step: 'form' },
  })
  return child
}

/**
 * A lead grants a scrutineer the record of a child whose record the lead may open: for a stated
 * purpose, until an end date at most 28 days ahead. A child the lead may not open, or masa does not
 * know, is answered the same, naming the field.
 */
export async function grant(ctx: ScrutinyContext, caller: Caller, input: unknown): Promise<store.GrantRow> {
  return audited(ctx.db, async (trx) => {
    authorizeAsking(trx, { ...caller, action: 'scrutiny.grant', resource: PARTNERSHIP })
    const problems: FieldProblem[] = []
    const nhs = field(input, 'nhsNumber')
    const reference = field(input, 'incidentReference')
    const given = field(input, 'childId')
    const byChild = typeof given === 'string' && given !== ''
    const byIncident = !byChild && typeof reference === 'string' && reference.trim() !== ''
    const nhsNumber = !byChild && typeof nhs === 'string' ? normaliseNhsNumber(nhs) : ''
    if (!byChild && !byIncident && !nhsNumber)
      problems.push({
        field: 'nhsNumber',
        text: 'Enter the child’s NHS number, or a serious incident’s reference',
      })
    const nhsProblem = !byIncident && nhsNumber ? nhsNumberProblem(nhsNumber) : undefined
    if (nhsProblem) problems.push({ field: 'nhsNumber', text: nhsProblem })
    const ends = field(input, 'endsOn')
    const endsProblem =
      typeof ends === 'string' && ISO.test(ends) ? endsOnProblem(ends, toIsoDate(ctx.now())) : undefined
    if (endsProblem) problems.push({ field: 'endsOn', text: endsProblem })
    const people = await scrutineers(trx, ctx)
    const granteeId = field(input, 'granteeId')
    const grantee = people.find((person) => person.userId === granteeId)
    if (typeof granteeId === 'string' && isUuid(granteeId) && !grantee)
      problems.push({ field: 'granteeId', text: 'Select the independent scrutineer' })
    const g = checkedInput(grantCheck, input, problems)

    const incident = byIncident ? await incidentOfReference(trx, String(reference)) : undefined
    const childId = byChild
      ? (await grantableChild(trx, caller, String(given))).id
      : byIncident
        ? incident?.child_id
        : (await store.childOfNhsNumber(trx, nhsNumber))?.id
    const unknown: FieldProblem = byIncident
      ? {
          field: 'incidentReference',
          text: 'No serious incident about a child whose record you may open has this reference',
        }
      : { field: 'nhsNumber', text: 'No child whose record you may open has this NHS number' }
    if (!childId || !grantee) throw new InvalidInput([unknown])
    const id = randomUUID()
    const resource = resourceOf(await getChildResource(trx, childId))
    const decision = consult(trx, {
      ...caller,
      action: 'scrutiny.grant',
      resource,
      detail: {
        step: 'granted',
        grantId: id,
        granteeId: grantee.userId,
        purpose: g.purpose.trim(),
        endsOn: g.endsOn,
        ...(incident ? { reviewId: incident.id } : {}),
      },
    })
    if (!decision.allowed) throw new InvalidInput([unknown])
    const { actor } = caller
    const row = await store.insertGrant(trx, {
      id,
      childId,
      laId: resource.laId,
      incident: incident ? { id: incident.id, reference: incident.reference } : null,
      granteeId: grantee.userId,
      granteeName: grantee.name,
      purpose: g.purpose.trim(),
      endsOn: g.endsOn,
      expiresAt: grantExpiry(g.endsOn),
      at: ctx.now(),
      by: `${actor.kind}:${actor.id}`,
      byName: actor.displayName,
      byAgencyId: actor.agencyId,
    })
    await tellGrantee(trx, row, 'scrutiny-grant-given', { ends_on: govukDate(row.ends_on) })
    return row
  })
}

/**
 * Emails the scrutineer (or the lead who granted it) about a grant: its reference and a link to the
 * grants, never the child, the review or the purpose (free text a lead wrote may name the child).
 */
async function tellGrantee(
  trx: Transaction<DB>,
  row: store.GrantRow,
  templateId:
    | 'scrutiny-grant-given'
    | 'scrutiny-grant-revoked'
    | 'scrutiny-grant-ending'
    | 'scrutiny-grant-ending-lead',
  more: Record<string, string> = {},
  person = `user:${row.grantee_id}`,
) {
  const to = await emailOfPerson(trx, person)
  if (!to) return
  const personalisation = { reference: row.reference, link: '/scrutiny/grants', ...more }
  await queueEmail(trx, { to, templateId, personalisation, reference: row.reference })
}

// ---------------------------------------------------------------------------
// The grants

export interface GrantItem {
  row: store.GrantRow
  state: GrantState
  /** Named only to whoever may open the child: the lead within their reach, the grantee while it lasts. */
  childName?: string
  mayRevoke: boolean
}

/**
 * The grants, active and past: every grant for the partnership's leads, the scrutineer's own for the
 * scrutineer. Each child named is a read of the child, audited.
 */
export async function listGrants(ctx: ScrutinyContext, caller: Caller) {
  const actor = authorizeGate(caller.actor, 'scrutiny-grants')
  return audited(ctx.db, async (trx) => {
    const leads = mayEver(actor, 'scrutiny.grant')
    const action = leads ? 'scrutiny.grant' : 'scrutiny.record'
    authorize(trx, { ...caller, action, resource: PARTNERSHIP, detail: { list: true } })
    const rows = await store.grants(trx, leads ? undefined : actor.id)
    const children = await getChildResources(trx, [...new Set(rows.map((row) => row.child_id))])
    const now = ctx.now()
    const items: GrantItem[] = []
    for (const row of rows) {
      const state = grantState(row, now)
      const child = children.get(row.child_id)
      const resource = child ? resourceOf(child, row, now) : undefined
      const named = resource !== undefined && decide(actor, action, resource).allowed
      if (named) authorize(trx, { ...caller, action, resource, detail: { grantId: row.id, list: true } })
      items.push({
        row,
        state,
        ...(named ? { childName: (await childNamesOf(trx, resource.child)).name } : {}),
        mayRevoke: leads && named && state === 'current',
      })
    }
    return { items, leads }
  })
}

// ---------------------------------------------------------------------------
// Reading through a grant, and revoking one

/** The child's record through the scrutineer's own current grant (audited with its purpose); 404 otherwise. */
export async function readGranted(ctx: ScrutinyContext, caller: Caller, id: string) {
  return audited(ctx.db, async (trx) => {
    const row = isUuid(id) ? await store.findGrant(trx, id) : undefined
    if (!row) throw notFound()
    const resource = resourceOf(await getChildResource(trx, row.child_id), row, ctx.now())
    authorize(trx, {
      ...caller,
      action: 'scrutiny.record',
      resource,
      detail: {
        grantId: row.id,
        purpose: row.purpose,
        ...(row.incident_id ? { reviewId: row.incident_id } : {}),
      },
    })
    const reviews = await incidentsAbout(trx, row.child_id)
    return { grant: row, reviews, ...(await store.childRecord(trx, row.child_id)) }
  })
}

/** A lead who may grant the child's record ends a grant early, with a reason. */
export async function revoke(ctx: ScrutinyContext, caller: Caller, id: string, input: unknown) {
  await audited(ctx.db, async (trx) => {
    const row = isUuid(id) ? await store.lockGrant(trx, id) : undefined
    if (!row) throw notFound()
    const resource = resourceOf(await getChildResource(trx, row.child_id), row, ctx.now())
    const reason = field(input, 'reason')
    authorize(trx, {
      ...caller,
      action: 'scrutiny.grant',
      resource,
      detail: { step: 'revoked', grantId: row.id, reason: typeof reason === 'string' ? reason.trim() : null },
    })
    const r = checkedInput(revokeCheck, input)
    if (grantState(row, ctx.now()) !== 'current') throw new RequestError(409, 'This grant has already ended')
    await store.revokeGrant(trx, row.id, ctx.now(), caller.actor.displayName, r.reason.trim())
    await tellGrantee(trx, row, 'scrutiny-grant-revoked')
  })
}

/**
 * Records in the audit, as the service's own step, each grant that reached its end date: the child's
 * trail shows when the scrutineer's access ended. Run by the plugin; returns how many it recorded.
 */
export async function recordEndedGrants(ctx: Pick<ScrutinyContext, 'db'>, now: Date): Promise<number> {
  return audited(ctx.db, async (trx: Transaction<DB>) => {
    const rows = await store.endedUnrecorded(trx, now)
    const children = await getChildResources(trx, [...new Set(rows.map((row) => row.child_id))])
    for (const row of rows) {
      const child = children.get(row.child_id)
      if (!child) continue
      recordServiceStep(trx, {
        job: 'scrutiny-grant-ends',
        action: 'scrutiny.grant',
        resource: resourceOf(child),
        reason: 'The grant reached its end date: it opens the child’s record no more',
        detail: { step: 'ended', grantId: row.id, granteeId: row.grantee_id },
      })
    }
    await store.markEndRecorded(
      trx,
      rows.map((row) => row.id),
      now,
    )
    return rows.length
  })
}

/**
 * Reminds the scrutineer, and the lead who granted it, that a grant ends soon: the partnership's
 * `scrutiny_grant_reminder_days` before its end, once per grant (`reminded_at`, set with the emails in
 * one transaction; rows claimed with SKIP LOCKED, so several servers never send it twice). The email
 * gives the grant's reference, its last day and a link to the grants, never the child or the purpose.
 * Run by the plugin; returns how many grants it reminded.
 */
export async function sendGrantReminders(
  ctx: Pick<ScrutinyContext, 'db' | 'partnership'>,
  now: Date,
): Promise<number> {
  const days = reminderDays(ctx.partnership)
  return ctx.db.transaction().execute(async (trx) => {
    const due = (await store.unremindedEnding(trx, now, days)).filter((row) => reminderDue(row, days, now))
    for (const row of due) {
      const endsOn = { ends_on: govukDate(row.ends_on) }
      await tellGrantee(trx, row, 'scrutiny-grant-ending', endsOn)
      const lead = { ...endsOn, scrutineer: row.grantee_name }
      await tellGrantee(trx, row, 'scrutiny-grant-ending-lead', lead, row.granted_by)
    }
    await store.markReminded(
      trx,
      due.map((row) => row.id),
      now,
    )
    return due.length
  })
}
