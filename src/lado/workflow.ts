// The LADO's use cases, each one audited transaction through the guard: referring an allegation
// (signed in, or through a verified single-use email link), the LADO's queue, reading an allegation
// as the policy's basis allows, the LADO's steps, and the yearly figures.

import { createHash, randomBytes } from 'node:crypto'
import type { Kysely, Transaction } from 'kysely'
import { type ChildNames, childNamesOf, getChildResources } from '../children/index.ts'
import type { DB } from '../database.ts'
import { peopleWithRoles } from '../identity/index.ts'
import type { PartnershipConfig } from '../partnership/config.ts'
import type { Actor } from '../platform/access/actor.ts'
import { grantedLaIds } from '../platform/access/gates.ts'
import {
  audited,
  authorize,
  authorizeGate,
  type Caller,
  consult,
  type RequestOrigin,
} from '../platform/access/guard.ts'
import {
  type AllegationResource,
  type ChildResource,
  decide,
  type Permit,
} from '../platform/access/policy.ts'
import { type IsoDate, toIsoDate } from '../platform/calendar/working-days.ts'
import { RequestError } from '../platform/http/errors.ts'
import { checkedInput, type FieldProblem, InvalidInput, isUuid } from '../platform/http/schemas.ts'
import { queueEmail } from '../platform/notify/email.ts'
import {
  byWhatIsDue,
  type Counted,
  informedBy,
  reportingYear,
  type YearlyFigures,
  yearlyFigures,
} from './rules.ts'
import {
  considerationCheck,
  employerActionCheck,
  type LinkRequest,
  linkRequestCheck,
  outcomeCheck,
  type ReferralInput,
  referralCheck,
  regulatorsCheck,
} from './schemas.ts'
import * as store from './store.ts'

export interface LadoContext {
  db: Kysely<DB>
  partnership: PartnershipConfig
  now: () => Date
  /** The service's public address, for the links in a meeting's calendar invitation. */
  publicUrl?: string
}

const allegationOf = (
  row: store.AllegationRow,
  invitedAgencyIds: readonly string[],
  children: readonly ChildResource[],
): AllegationResource => ({
  kind: 'allegation',
  allegationId: row.id,
  laId: row.la_id,
  referrer: row.referrer,
  invitedAgencyIds,
  children,
})

/**
 * An allegation as the policy is asked about it: its LA, its referrer, the agencies invited to its
 * meetings, the children's records linked to it.
 */
export async function allegationResource(
  db: Kysely<DB>,
  row: store.AllegationRow,
): Promise<AllegationResource> {
  const children = await getChildResources(db, await store.linkedChildIds(db, row.id))
  return allegationOf(row, await store.invitedAgencies(db, row.id), [...children.values()])
}

// ---------------------------------------------------------------------------
// Referring

/** A public link lasts an hour, and an address is sent at most 3 in an hour. */
export const LINK_LIFETIME_MS = 60 * 60_000
const LINKS_PER_HOUR = 3

const hashOf = (token: string) => createHash('sha256').update(token).digest('hex')

/**
 * An organisation without an account asks for a link to the public form: it is emailed to the address
 * given. The answer is the same whatever happens (an address already sent its limit gets nothing), so
 * it tells the asker nothing.
 */
export async function requestLink(ctx: LadoContext, input: LinkRequest): Promise<void> {
  const { email } = checkedInput(linkRequestCheck, input)
  const address = email.trim().toLowerCase()
  const at = ctx.now()
  await ctx.db.transaction().execute(async (trx) => {
    if ((await store.linksSentSince(trx, address, new Date(at.getTime() - 60 * 60_000))) >= LINKS_PER_HOUR)
      return
    const token = randomBytes(32).toString('base64url')
    await store.insertLink(trx, {
      tokenHash: hashOf(token),
      email: address,
      at,
      expiresAt: new Date(at.getTime() + LINK_LIFETIME_MS),
    })
    await queueEmail(trx, {
      to: address,
      templateId: 'lado-referral-link',
      personalisation: { link: `/lado/refer/public/${token}`, expires_in: '1 hour' },
      reference: 'lado-referral-link',
    })
  })
}

const LINK_SPENT = 'This link has expired or has already been used. Ask for a new link.'

const usable = (link: { used_at: Date | null; expires_at: Date } | undefined, at: Date) =>
  link !== undefined && link.used_at === null && link.expires_at > at

/** The address a public link was sent to, while it may still be used; 410 once it may not. */
export async function openLink(ctx: LadoContext, token: string): Promise<{ email: string }> {
  const link = await store.findLink(ctx.db, hashOf(token))
  if (!link || !usable(link, ctx.now())) throw new RequestError(410, LINK_SPENT)
  return { email: link.email }
}

/**
 * Who refers through a public link, for the policy and the audit: a referrer known only by the
 * address the link was sent to, acting for no agency of the partnership.
 */
const publicReferrer = (link: { id: string; email: string }): Actor => ({
  kind: 'user',
  id: `public:${link.id}`,
  displayName: link.email,
  agencyId: 'public',
  agencyKind: 'other',
  grants: [{ role: 'referrer', laId: null }],
})

const laProblems = (ctx: LadoContext, input: Partial<ReferralInput>): FieldProblem[] =>
  input.laId && !ctx.partnership.local_authorities.some((la) => la.id === input.laId)
    ? [{ field: 'laId', text: 'Select the local authority where the adult works or volunteers' }]
    : []

async function referIn(
  trx: Transaction<DB>,
  ctx: LadoContext,
  caller: Caller,
  input: ReferralInput,
  who: { referrer: string; email: string },
) {
  authorize(trx, { ...caller, action: 'allegation.refer', resource: { kind: 'la', laId: input.laId } })
  const referredAt = ctx.now()
  const row = await store.insertAllegation(trx, {
    input,
    referredAt,
    informedBy: informedBy(referredAt),
    referrer: who.referrer,
    referrerEmail: who.email,
  })
  await tellLados(trx, row, 'lado-allegation-referred', row.reference)
  return row
}

/** Emails the LADOs of the allegation's LA (its reference and a link: never a name nor what happened). */
async function tellLados(
  trx: Transaction<DB>,
  row: { id: string; reference: string; la_id: string; lado_informed_by: IsoDate },
  templateId: string,
  reference: string,
) {
  for (const { email: to } of await peopleWithRoles(trx, { roles: ['lado'], laId: row.la_id }))
    await queueEmail(trx, {
      to,
      templateId,
      personalisation: {
        reference: row.reference,
        consider_by: row.lado_informed_by,
        link: `/lado/allegations/${row.id}`,
      },
      reference,
    })
}

/**
 * The scheduled reminder: each allegation not yet considered once its 1-working-day clock has run out
 * (the working day after `lado_informed_by`), its LA's LADOs are reminded, once. Returns how many.
 */
export async function remindOverdueConsiderations(db: Kysely<DB>, now: Date): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const claimed = await store.claimOverdueConsiderations(trx, toIsoDate(now), now)
    for (const row of claimed)
      await tellLados(trx, row, 'lado-consideration-overdue', `${row.reference}-consideration-overdue`)
    return claimed.length
  })
}

/** A signed-in referrer refers an allegation to the LADO of an LA: the LADOs are emailed at once. */
export async function refer(ctx: LadoContext, caller: Caller, input: unknown): Promise<store.AllegationRow> {
  const referral = checkedInput(referralCheck, input, laProblems(ctx, input as ReferralInput))
  return audited(ctx.db, async (trx) => {
    const email = (await store.userEmail(trx, caller.actor.id)) ?? ''
    return referIn(trx, ctx, caller, referral, { referrer: `user:${caller.actor.id}`, email })
  })
}

/** A referral through a public link: the link is spent by it, once; an expired or spent link is refused. */
export async function referPublic(
  ctx: LadoContext,
  origin: RequestOrigin,
  token: string,
  input: unknown,
): Promise<store.AllegationRow> {
  return audited(ctx.db, async (trx) => {
    const link = await store.lockLink(trx, hashOf(token))
    if (!link || !usable(link, ctx.now())) throw new RequestError(410, LINK_SPENT)
    const referral = checkedInput(referralCheck, input, laProblems(ctx, input as ReferralInput))
    const caller = { actor: publicReferrer(link), origin }
    const row = await referIn(trx, ctx, caller, referral, {
      referrer: `public:${link.id}`,
      email: link.email,
    })
    await store.spendLink(trx, link.id, ctx.now())
    return row
  })
}

// ---------------------------------------------------------------------------
// Reading

/** The LAs whose allegations the actor manages as LADO (every LA for a partnership-wide grant). */
function ladoAreas(ctx: LadoContext, actor: Actor): string[] {
  const laIds = grantedLaIds(actor, 'allegation.manage')
  return laIds === null ? ctx.partnership.local_authorities.map((la) => la.id) : [...new Set(laIds)]
}

/** The LADO's queue: open allegations of their LAs, what is due first at the top. */
export async function ladoQueue(ctx: LadoContext, caller: Caller): Promise<store.AllegationRow[]> {
  authorizeGate(caller.actor, 'lado-queue')
  return audited(ctx.db, async (trx) => {
    const rows: store.AllegationRow[] = []
    for (const laId of ladoAreas(ctx, caller.actor)) {
      authorize(trx, { ...caller, action: 'allegation.manage', resource: { kind: 'la', laId } })
      rows.push(...(await store.openAllegations(trx, laId)))
    }
    return byWhatIsDue(rows)
  })
}

/** The allegations the caller referred, each asked of the policy (audited). */
export async function ownReferrals(ctx: LadoContext, caller: Caller): Promise<store.AllegationRow[]> {
  const referrer = `${caller.actor.kind}:${caller.actor.id}`
  return audited(ctx.db, async (trx) => {
    const rows = await store.referredBy(trx, referrer)
    return rows.filter(
      (row) =>
        consult(trx, { ...caller, action: 'allegation.view', resource: allegationOf(row, [], []) }).allowed,
    )
  })
}

export interface AllegationFile {
  allegation: store.AllegationRow
  /** How the policy let the caller read it: the referrer reads their referral and its outcome only. */
  basis: Permit['basis']
  /** The LADO of its LA may record its steps. */
  manages: boolean
  /**
   * Who the children concerned are, and the allegation's words, may be shown: not to the
   * partnership's scrutineer, but through a current grant of every child's record linked to it.
   */
  identifies: boolean
  meetings: store.MeetingRow[]
  /** The invitations of those meetings (booked ones; a meeting recorded before booking has none). */
  invitations: store.InvitationRow[]
  employerActions: store.EmployerActionRow[]
  /** The children's records linked to it that the caller may read, when they may know who they are. */
  children: ChildNames[]
}

/**
 * An allegation as the caller may read it (audited): the LADO and the partnership's scrutineer all of
 * it; an invited agency the meetings it was invited to and, unless the person is LADO-restricted, who
 * they are; the referrer their referral and its outcome.
 */
export async function readAllegation(ctx: LadoContext, caller: Caller, id: string): Promise<AllegationFile> {
  return audited(ctx.db, async (trx) => {
    const row = isUuid(id) ? await store.findAllegation(trx, id) : undefined
    if (!row) throw new RequestError(404, 'Not found')
    const resource = await allegationResource(trx, row)
    const permit = authorize(trx, { ...caller, action: 'allegation.view', resource })
    const manages = consult(trx, { ...caller, action: 'allegation.manage', resource }).allowed
    const identifies = decide(caller.actor, 'allegation.identify', resource).allowed
    const whole = permit.basis === 'area' || permit.basis === 'role'
    const meetings = await meetingsFor(trx, caller, row.id, permit.basis)
    return {
      allegation: row,
      basis: permit.basis,
      manages,
      identifies,
      meetings,
      invitations: await store.invitationsOf(
        trx,
        meetings.map((meeting) => meeting.id),
      ),
      employerActions: whole ? await store.employerActionsOf(trx, row.id) : [],
      children: identifies ? await readableChildren(trx, caller, resource) : [],
    }
  })
}

/** The meetings a reader sees: all for the LADO and the scrutineer; an invited agency its own; the referrer none. */
export async function meetingsFor(
  trx: Transaction<DB>,
  caller: Caller,
  allegationId: string,
  basis: Permit['basis'],
): Promise<store.MeetingRow[]> {
  if (basis === 'referrer') return []
  const meetings = await store.meetingsOf(trx, allegationId)
  if (basis === 'area' || basis === 'role') return meetings
  return meetings.filter((meeting) => meeting.invited_agency_ids.includes(caller.actor.agencyId))
}

/**
 * The linked children whose records the caller may read (each read audited): a child they may not
 * read, or a sealed one, is left out without a word, so the allegation tells nobody a child exists.
 */
async function readableChildren(trx: Transaction<DB>, caller: Caller, allegation: AllegationResource) {
  const readable: ChildNames[] = []
  for (const child of allegation.children) {
    const detail = { allegationId: allegation.allegationId }
    if (consult(trx, { ...caller, action: 'child.view', resource: child, detail }).allowed)
      readable.push(await childNamesOf(trx, child))
  }
  return readable
}

// ---------------------------------------------------------------------------
// The LADO's steps

type Step<T> = (trx: Transaction<DB>, row: store.AllegationRow, at: Date) => Promise<T>

/** One step of the LADO's on an allegation: decided by the policy and written in one audited transaction. */
export async function recordStep<T>(
  ctx: LadoContext,
  caller: Caller,
  id: string,
  step: string,
  write: Step<T>,
): Promise<T> {
  return audited(ctx.db, async (trx) => {
    const row = isUuid(id) ? await store.lockAllegation(trx, id) : undefined
    if (!row) throw new RequestError(404, 'Not found')
    const resource = await allegationResource(trx, row)
    authorize(trx, { ...caller, action: 'allegation.manage', resource, detail: { step } })
    return write(trx, row, ctx.now())
  })
}

export const byName = (caller: Caller) => caller.actor.displayName

export const recordConsideration = (ctx: LadoContext, caller: Caller, id: string, input: unknown) =>
  recordStep(ctx, caller, id, 'consideration', async (trx, row, at) => {
    if (row.considered_at) throw new RequestError(409, 'The initial consideration is already recorded')
    const step = checkedInput(considerationCheck, input)
    await store.writeConsideration(trx, row.id, { ...step, at, byName: byName(caller) })
  })

export const recordEmployerAction = (ctx: LadoContext, caller: Caller, id: string, input: unknown) =>
  recordStep(ctx, caller, id, 'employer-action', async (trx, row, at) => {
    const action = checkedInput(employerActionCheck, input)
    await store.insertEmployerAction(trx, row.id, { ...action, at })
  })

export const recordRegulators = (ctx: LadoContext, caller: Caller, id: string, input: unknown) =>
  recordStep(ctx, caller, id, 'regulators', async (trx, row) => {
    const given = input as { dbsReferredOn?: string; traReferredOn?: string }
    const none =
      !given.dbsReferredOn && !given.traReferredOn
        ? [{ field: 'dbsReferredOn', text: 'Enter the date of a referral to the DBS or the TRA' }]
        : []
    const referrals = checkedInput(regulatorsCheck, input, none)
    await store.writeRegulators(trx, row.id, referrals)
  })

export const recordOutcome = (ctx: LadoContext, caller: Caller, id: string, input: unknown) =>
  recordStep(ctx, caller, id, 'outcome', async (trx, row) => {
    if (row.outcome) throw new RequestError(409, 'The outcome is already recorded')
    const outcome = checkedInput(outcomeCheck, input)
    const before = outcome.outcomeOn < toIsoDate(row.referred_at)
    if (before)
      throw new InvalidInput([{ field: 'outcomeOn', text: 'Enter a date on or after the referral' }])
    await store.writeOutcome(trx, row.id, outcome)
  })

// ---------------------------------------------------------------------------
// The yearly figures

/** The LADO's yearly figures for a reporting year (April to March): the caller's LAs, or all. */
export async function yearlyReport(ctx: LadoContext, caller: Caller, startYear: number) {
  const year = reportingYear(startYear)
  const areas = ladoAreas(ctx, caller.actor)
  const laIds = areas.length > 0 ? areas : null
  return audited(ctx.db, async (trx) => {
    for (const resource of laIds
      ? laIds.map((laId) => ({ kind: 'la', laId }) as const)
      : [{ kind: 'partnership' } as const])
      authorize(trx, { ...caller, action: 'allegation.report', resource, detail: { year: startYear } })
    return { year, laIds, figures: await ladoYearlyFigures(trx, startYear, laIds) }
  })
}

/**
 * The yearly figures of the allegations referred in the reporting year beginning in April of
 * `startYear`, in these LAs (all, with null): counts only. The caller has asked the policy.
 */
export async function ladoYearlyFigures(
  db: Kysely<DB>,
  startYear: number,
  laIds: readonly string[] | null,
): Promise<YearlyFigures> {
  const year = reportingYear(startYear)
  const rows = await store.referredBetween(
    db,
    londonMidnight(year.from),
    londonMidnight(nextDay(year.to)),
    laIds,
  )
  const counted: Counted[] = rows.map((row) => ({
    referredOn: toIsoDate(row.referred_at),
    employerSector: row.employer_sector,
    harmCategory: row.harm_category,
    outcome: row.outcome,
    outcomeOn: row.outcome_on,
  }))
  return yearlyFigures(counted)
}

const nextDay = (date: IsoDate): IsoDate =>
  new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10)

/** The instant a London day begins: 1 April is in summer time, so 23:00 UTC the day before. */
function londonMidnight(date: IsoDate): Date {
  const utc = new Date(`${date}T00:00:00Z`)
  const offsetHours = toIsoDate(new Date(utc.getTime() - 60 * 60_000)) === date ? 1 : 0
  return new Date(utc.getTime() - offsetHours * 60 * 60_000)
}
