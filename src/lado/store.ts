// The LADO's SQL: allegations, their meetings (booked, with their invitations) and employer's actions,
// the children's records they are linked to, the single-use links of the public referral form.

import { type Kysely, type Selectable, sql, type Transaction } from 'kysely'
import type { DB } from '../database.ts'
import { type Invitee, invitationColumns } from '../meetings/index.ts'
import type { IsoDate } from '../platform/calendar/working-days.ts'
import { isUuid } from '../platform/http/schemas.ts'
import type {
  ConsiderationInput,
  EmployerActionInput,
  OutcomeInput,
  ReferralInput,
  RegulatorsInput,
} from './schemas.ts'
import type { LadoTables } from './tables.ts'

type Db = Kysely<DB> | Transaction<DB>
export type AllegationRow = Selectable<LadoTables['lado_allegation']>
export type MeetingRow = Selectable<LadoTables['lado_meeting']>
export type InvitationRow = Selectable<LadoTables['lado_meeting_invitation']>
export type EmployerActionRow = Selectable<LadoTables['lado_employer_action']>
type LinkRow = Selectable<LadoTables['lado_referral_link']>

// ---------------------------------------------------------------------------
// The public form's links

export const insertLink = (trx: Db, link: { tokenHash: string; email: string; at: Date; expiresAt: Date }) =>
  trx
    .insertInto('lado_referral_link')
    .values({
      token_hash: link.tokenHash,
      email: link.email,
      created_at: link.at,
      expires_at: link.expiresAt,
    })
    .execute()

/** How many links were sent to this address since then: the limit on asking again. */
export async function linksSentSince(trx: Db, email: string, since: Date): Promise<number> {
  const row = await trx
    .selectFrom('lado_referral_link')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('email', '=', email)
    .where('created_at', '>=', since)
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

/** The link with this token, locked so that it is spent once. */
export const lockLink = (trx: Transaction<DB>, tokenHash: string): Promise<LinkRow | undefined> =>
  trx
    .selectFrom('lado_referral_link')
    .selectAll()
    .where('token_hash', '=', tokenHash)
    .forUpdate()
    .executeTakeFirst()

export const findLink = (db: Db, tokenHash: string): Promise<LinkRow | undefined> =>
  db.selectFrom('lado_referral_link').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst()

export const spendLink = (trx: Transaction<DB>, id: string, at: Date) =>
  trx.updateTable('lado_referral_link').set({ used_at: at }).where('id', '=', id).execute()

// ---------------------------------------------------------------------------
// Allegations

export interface NewAllegation {
  input: ReferralInput
  referredAt: Date
  informedBy: IsoDate
  referrer: string
  referrerEmail: string
}

export async function insertAllegation(trx: Transaction<DB>, a: NewAllegation): Promise<AllegationRow> {
  const { input } = a
  return trx
    .insertInto('lado_allegation')
    .values({
      la_id: input.laId,
      referred_at: a.referredAt,
      lado_informed_by: a.informedBy,
      referrer: a.referrer,
      referrer_name: input.referrerName.trim(),
      referrer_email: a.referrerEmail,
      referrer_organisation: input.referrerOrganisation.trim(),
      person_name: input.personName.trim(),
      person_role: input.personRole.trim(),
      employer: input.employer.trim(),
      employer_sector: input.employerSector,
      harm_test: [...new Set(input.harmTest)],
      harm_category: input.harmCategory,
      what_happened: input.whatHappened.trim(),
      children_concerned: input.childrenConcerned.trim(),
    })
    .returningAll()
    .executeTakeFirstOrThrow()
}

export const findAllegation = (db: Db, id: string): Promise<AllegationRow | undefined> =>
  db.selectFrom('lado_allegation').selectAll().where('id', '=', id).executeTakeFirst()

export const lockAllegation = (trx: Transaction<DB>, id: string): Promise<AllegationRow | undefined> =>
  trx.selectFrom('lado_allegation').selectAll().where('id', '=', id).forUpdate().executeTakeFirst()

/** The agencies invited to any of the allegation's meetings. */
export async function invitedAgencies(db: Db, allegationId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('lado_meeting')
    .select('invited_agency_ids')
    .where('allegation_id', '=', allegationId)
    .execute()
  return [...new Set(rows.flatMap((row) => row.invited_agency_ids))]
}

/** The allegations of an LA not yet concluded: the LADO's queue. */
export const openAllegations = (db: Db, laId: string): Promise<AllegationRow[]> =>
  db
    .selectFrom('lado_allegation')
    .selectAll()
    .where('la_id', '=', laId)
    .where('outcome', 'is', null)
    .execute()

/** The allegations this referrer made, newest first. */
export const referredBy = (db: Db, referrer: string): Promise<AllegationRow[]> =>
  db
    .selectFrom('lado_allegation')
    .selectAll()
    .where('referrer', '=', referrer)
    .orderBy('referred_at', 'desc')
    .execute()

/** The allegations referred between two instants, in these LAs (all, with null). */
export function referredBetween(db: Db, from: Date, to: Date, laIds: readonly string[] | null) {
  let query = db
    .selectFrom('lado_allegation')
    .select(['referred_at', 'employer_sector', 'harm_category', 'outcome', 'outcome_on'])
    .where('referred_at', '>=', from)
    .where('referred_at', '<', to)
  if (laIds) query = query.where('la_id', 'in', [...laIds])
  return laIds?.length === 0 ? Promise.resolve([]) : query.execute()
}

export const meetingsOf = (db: Db, allegationId: string): Promise<MeetingRow[]> =>
  db
    .selectFrom('lado_meeting')
    .selectAll()
    .where('allegation_id', '=', allegationId)
    .orderBy('held_on')
    .orderBy('recorded_at')
    .execute()

export const employerActionsOf = (db: Db, allegationId: string): Promise<EmployerActionRow[]> =>
  db
    .selectFrom('lado_employer_action')
    .selectAll()
    .where('allegation_id', '=', allegationId)
    .orderBy('taken_on')
    .orderBy('recorded_at')
    .execute()

// ---------------------------------------------------------------------------
// The LADO's steps

export const writeConsideration = (
  trx: Transaction<DB>,
  id: string,
  step: ConsiderationInput & { at: Date; byName: string },
) =>
  trx
    .updateTable('lado_allegation')
    .set({
      considered_at: step.at,
      considered_by_name: step.byName,
      consideration: step.consideration,
      consideration_reasons: step.reasons.trim(),
      person_marking: step.personMarking,
    })
    .where('id', '=', id)
    .execute()

export interface NewMeeting {
  date: IsoDate
  time: string
  location: string
  invitees: readonly Invitee[]
  othersInvited?: string
  at: Date
  by: { name: string; email: string }
}

/** A booked meeting and its invitations; returns its id. */
export async function insertMeeting(
  trx: Transaction<DB>,
  allegationId: string,
  m: NewMeeting,
): Promise<string> {
  const { id } = await trx
    .insertInto('lado_meeting')
    .values({
      allegation_id: allegationId,
      held_on: m.date,
      meeting_time: m.time,
      location: m.location.trim(),
      invited_agency_ids: [...new Set(m.invitees.map((i) => i.agencyId))],
      others_invited: m.othersInvited?.trim() || null,
      booked_at: m.at,
      booked_by_name: m.by.name,
      booked_by_email: m.by.email,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  await trx
    .insertInto('lado_meeting_invitation')
    .values(m.invitees.map((i) => ({ meeting_id: id, ...invitationColumns(i) })))
    .execute()
  return id
}

/** One of the allegation's meetings, locked for its record. */
export const lockMeeting = (trx: Transaction<DB>, allegationId: string, meetingId: string) =>
  trx
    .selectFrom('lado_meeting')
    .selectAll()
    .where('id', '=', meetingId)
    .where('allegation_id', '=', allegationId)
    .forUpdate()
    .executeTakeFirst()

export const invitationsOf = (db: Db, meetingIds: readonly string[]): Promise<InvitationRow[]> =>
  meetingIds.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('lado_meeting_invitation')
        .selectAll()
        .where('meeting_id', 'in', [...meetingIds])
        .orderBy('agency_id')
        .execute()

/** The record of a meeting: who of those invited attended, and what was agreed. */
export async function writeMeetingRecord(
  trx: Transaction<DB>,
  meetingId: string,
  record: { attendedAgencyIds: readonly string[]; minutes: string; at: Date; byName: string },
) {
  await trx
    .updateTable('lado_meeting')
    .set({ minutes: record.minutes.trim(), recorded_at: record.at, recorded_by_name: record.byName })
    .where('id', '=', meetingId)
    .execute()
  await trx
    .updateTable('lado_meeting_invitation')
    .set({ attended: sql<boolean>`agency_id = ANY(${[...record.attendedAgencyIds]}::text[])` })
    .where('meeting_id', '=', meetingId)
    .execute()
}

// ---------------------------------------------------------------------------
// The children's records an allegation concerns

export const linkedChildIds = async (db: Db, allegationId: string): Promise<string[]> =>
  (
    await db
      .selectFrom('lado_allegation_child')
      .select('child_id')
      .where('allegation_id', '=', allegationId)
      .orderBy('linked_at')
      .execute()
  ).map((row) => row.child_id)

/** Links the child's record; false when it already was. */
export async function linkChild(
  trx: Transaction<DB>,
  link: { allegationId: string; childId: string; at: Date; byName: string },
): Promise<boolean> {
  const rows = await trx
    .insertInto('lado_allegation_child')
    .values({
      allegation_id: link.allegationId,
      child_id: link.childId,
      linked_at: link.at,
      linked_by_name: link.byName,
    })
    .onConflict((oc) => oc.columns(['allegation_id', 'child_id', 'partnership_id']).doNothing())
    .returning('child_id')
    .execute()
  return rows.length > 0
}

/** Unlinks the child's record; false when it was not linked. */
export async function unlinkChild(trx: Transaction<DB>, allegationId: string, childId: string) {
  const result = await trx
    .deleteFrom('lado_allegation_child')
    .where('allegation_id', '=', allegationId)
    .where('child_id', '=', childId)
    .executeTakeFirst()
  return Number(result.numDeletedRows) > 0
}

/** The allegations linked to a child's record, newest first. */
export const allegationsOfChild = (db: Db, childId: string): Promise<AllegationRow[]> =>
  db
    .selectFrom('lado_allegation')
    .innerJoin('lado_allegation_child', 'lado_allegation_child.allegation_id', 'lado_allegation.id')
    .selectAll('lado_allegation')
    .where('lado_allegation_child.child_id', '=', childId)
    .orderBy('lado_allegation.referred_at', 'desc')
    .execute()

export const insertEmployerAction = (
  trx: Transaction<DB>,
  allegationId: string,
  action: EmployerActionInput & { at: Date },
) =>
  trx
    .insertInto('lado_employer_action')
    .values({
      allegation_id: allegationId,
      kind: action.kind,
      taken_on: action.takenOn,
      notes: action.actionNotes?.trim() || null,
      recorded_at: action.at,
    })
    .execute()

export const writeRegulators = (trx: Transaction<DB>, id: string, input: RegulatorsInput) =>
  trx
    .updateTable('lado_allegation')
    .set({
      ...(input.dbsReferredOn ? { dbs_referred_on: input.dbsReferredOn } : {}),
      ...(input.traReferredOn ? { tra_referred_on: input.traReferredOn } : {}),
    })
    .where('id', '=', id)
    .execute()

export const writeOutcome = (trx: Transaction<DB>, id: string, input: OutcomeInput) =>
  trx
    .updateTable('lado_allegation')
    .set({
      outcome: input.outcome,
      outcome_on: input.outcomeOn,
      outcome_notes: input.outcomeNotes?.trim() || null,
    })
    .where('id', '=', id)
    .execute()

/** A signed-in person's email address (a referrer's, for the LADO to reply to; the LADO's, as organiser). */
export async function userEmail(db: Db, userId: string): Promise<string | undefined> {
  if (!isUuid(userId)) return undefined
  const row = await db.selectFrom('app_user').select('email').where('id', '=', userId).executeTakeFirst()
  return row?.email
}

/**
 * Claims the allegations whose 1-working-day clock for the initial consideration ran out before
 * `today` and whose LADO was not yet reminded: each is claimed once, whichever server asks.
 */
export async function claimOverdueConsiderations(
  trx: Transaction<DB>,
  today: IsoDate,
  now: Date,
  limit = 500,
) {
  return trx
    .updateTable('lado_allegation')
    .set({ consideration_reminded_at: now })
    .where('id', 'in', (eb) =>
      eb
        .selectFrom('lado_allegation')
        .select('id')
        .where('considered_at', 'is', null)
        .where('outcome', 'is', null)
        .where('consideration_reminded_at', 'is', null)
        .where('lado_informed_by', '<', today)
        .orderBy('lado_informed_by')
        .limit(limit)
        .forUpdate()
        .skipLocked(),
    )
    .returning(['id', 'reference', 'la_id', 'lado_informed_by'])
    .execute()
}
