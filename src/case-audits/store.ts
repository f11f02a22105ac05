// Case audits' SQL: programmes, their sample's cases, each agency's part per round, the agencies'
// audit grants and each case's moderation; the children who meet a sample's rule.

import { type Insertable, type Kysely, type Selectable, sql, type Transaction } from 'kysely'
import type { DB } from '../database.ts'
import { type Invitee, invitationColumns } from '../meetings/index.ts'
import type { IsoDate } from '../platform/calendar/working-days.ts'
import type { Answers, Candidate, Grade, Question, SampleRule } from './rules.ts'
import type { CaseAuditTables } from './tables.ts'

type Db = Kysely<DB> | Transaction<DB>
export type ProgrammeRow = Selectable<CaseAuditTables['case_audit_programme']>
export type CaseRow = Selectable<CaseAuditTables['case_audit_case']>
export type PartRow = Selectable<CaseAuditTables['case_audit_part']>
export type GrantRow = Selectable<CaseAuditTables['case_audit_grant']>
export type ModerationRow = Selectable<CaseAuditTables['case_audit_moderation']>
export type MeetingRow = Selectable<CaseAuditTables['case_audit_meeting']>

export interface NewProgramme {
  title: string
  themes: string[]
  startsOn: IsoDate
  endsOn: IsoDate
  questions: Question[]
  agencyIds: string[]
  at: Date
  by: string
  byName: string
}

export function insertProgramme(trx: Transaction<DB>, p: NewProgramme): Promise<ProgrammeRow> {
  return trx
    .insertInto('case_audit_programme')
    .values({
      title: p.title,
      themes: p.themes,
      starts_on: p.startsOn,
      ends_on: p.endsOn,
      questions: JSON.stringify(p.questions),
      agency_ids: p.agencyIds,
      created_at: p.at,
      created_by: p.by,
      created_by_name: p.byName,
    })
    .returningAll()
    .executeTakeFirstOrThrow()
}

export const programmes = (db: Db): Promise<ProgrammeRow[]> =>
  db
    .selectFrom('case_audit_programme')
    .selectAll()
    .orderBy('starts_on', 'desc')
    .orderBy('reference')
    .limit(500)
    .execute()

export const findProgramme = (db: Db, id: string) =>
  db.selectFrom('case_audit_programme').selectAll().where('id', '=', id).executeTakeFirst()

export const lockProgramme = (trx: Transaction<DB>, id: string) =>
  trx.selectFrom('case_audit_programme').selectAll().where('id', '=', id).forUpdate().executeTakeFirst()

/**
 * The children who meet a sample's rule on the day it counts back from: a plan of the category that
 * started in the window (their latest such plan), on a record neither merged away nor marked, so the
 * auditing agencies may open it for the audit.
 */
export async function candidates(db: Db, rule: SampleRule, earliest: IsoDate): Promise<Candidate[]> {
  let query = db
    .selectFrom('child_protection_plan as p')
    .innerJoin('child as c', 'c.id', 'p.child_id')
    .distinctOn('p.child_id')
    .select(['p.child_id', 'p.la_id', 'p.id', 'p.start_date'])
    .where('c.sensitivity', '=', 'standard')
    .where('c.merged_into_id', 'is', null)
    .where('p.start_date', '>=', earliest)
    .where('p.start_date', '<=', rule.asOf)
  if (rule.category !== 'any') query = query.where('p.category', '=', rule.category)
  const rows = await query.orderBy('p.child_id').orderBy('p.start_date', 'desc').orderBy('p.id').execute()
  return rows.map((row) => ({
    childId: row.child_id,
    laId: row.la_id,
    planId: row.id,
    startDate: row.start_date,
  }))
}

export async function recordSample(
  trx: Transaction<DB>,
  programme: ProgrammeRow,
  drawn: { rule: SampleRule; seed: string; pool: number; sample: Candidate[]; at: Date; byName: string },
): Promise<CaseRow[]> {
  await trx
    .updateTable('case_audit_programme')
    .set({
      sample_rule: JSON.stringify(drawn.rule),
      sample_seed: drawn.seed,
      sample_pool: drawn.pool,
      sampled_at: drawn.at,
      sampled_by_name: drawn.byName,
    })
    .where('id', '=', programme.id)
    .execute()
  if (drawn.sample.length === 0) return []
  return trx
    .insertInto('case_audit_case')
    .values(
      drawn.sample.map((candidate, index) => ({
        programme_id: programme.id,
        position: index + 1,
        child_id: candidate.childId,
        la_id: candidate.laId,
        plan_id: candidate.planId,
      })),
    )
    .returningAll()
    .execute()
}

/** Opens a round of a case: an empty part for each auditing agency, and its audit grant. */
export async function openRound(
  trx: Transaction<DB>,
  cases: readonly CaseRow[],
  round: number,
  agencyIds: readonly string[],
  grant: { purpose: string; at: Date; expiresAt: Date; byName: string },
): Promise<void> {
  const pairs = cases.flatMap((c) =>
    agencyIds.map((agencyId) => ({ case_id: c.id, round, agency_id: agencyId })),
  )
  if (pairs.length === 0) return
  await trx.insertInto('case_audit_part').values(pairs).execute()
  await trx
    .insertInto('case_audit_grant')
    .values(
      pairs.map((pair) => ({
        ...pair,
        purpose: grant.purpose,
        granted_at: grant.at,
        expires_at: grant.expiresAt,
        granted_by_name: grant.byName,
      })),
    )
    .execute()
}

export const casesOf = (db: Db, programmeId: string): Promise<CaseRow[]> =>
  db
    .selectFrom('case_audit_case')
    .selectAll()
    .where('programme_id', '=', programmeId)
    .orderBy('position')
    .execute()

export const findCase = (db: Db, id: string) =>
  db.selectFrom('case_audit_case').selectAll().where('id', '=', id).executeTakeFirst()

export const lockCase = (trx: Transaction<DB>, id: string) =>
  trx.selectFrom('case_audit_case').selectAll().where('id', '=', id).forUpdate().executeTakeFirst()

export async function setRound(trx: Transaction<DB>, caseId: string, round: number): Promise<void> {
  await trx.updateTable('case_audit_case').set({ round }).where('id', '=', caseId).execute()
}

/** For each case, the agencies asked to audit it (in any round). */
export async function auditingAgencies(db: Db, caseIds: readonly string[]): Promise<Map<string, string[]>> {
  const map = new Map<string, string[]>()
  if (caseIds.length === 0) return map
  const rows = await db
    .selectFrom('case_audit_part')
    .select(['case_id', 'agency_id'])
    .distinct()
    .where('case_id', 'in', caseIds)
    .orderBy('case_id')
    .orderBy('agency_id')
    .execute()
  for (const row of rows) map.set(row.case_id, [...(map.get(row.case_id) ?? []), row.agency_id])
  return map
}

/** For each case, the agencies whose grant for its open round has not expired at `now`. */
export async function grantedAgencies(
  db: Db,
  cases: readonly CaseRow[],
  now: Date,
): Promise<Map<string, string[]>> {
  const map = new Map<string, string[]>()
  if (cases.length === 0) return map
  const rows = await db
    .selectFrom('case_audit_grant as g')
    .innerJoin('case_audit_case as c', (join) =>
      join.onRef('c.id', '=', 'g.case_id').onRef('c.round', '=', 'g.round'),
    )
    .select(['g.case_id', 'g.agency_id'])
    .where(
      'g.case_id',
      'in',
      cases.map((c) => c.id),
    )
    .where('g.expires_at', '>', now)
    .where('g.revoked_at', 'is', null)
    .execute()
  for (const row of rows) map.set(row.case_id, [...(map.get(row.case_id) ?? []), row.agency_id])
  return map
}

/** The agencies whose grant for the case's open round a lead ended early. */
export const revokedAgencies = async (db: Db, row: CaseRow): Promise<string[]> =>
  (
    await db
      .selectFrom('case_audit_grant')
      .select('agency_id')
      .where('case_id', '=', row.id)
      .where('round', '=', row.round)
      .where('revoked_at', 'is not', null)
      .execute()
  ).map((grant) => grant.agency_id)

/** Ends an agency's current grant early; false when it has none to end. */
export async function revokeGrant(
  trx: Db,
  grant: { caseId: string; round: number; agencyId: string },
  revoked: { at: Date; byName: string; reason: string },
): Promise<boolean> {
  const row = await trx
    .updateTable('case_audit_grant')
    .set({ revoked_at: revoked.at, revoked_by_name: revoked.byName, revoked_reason: revoked.reason })
    .where('case_id', '=', grant.caseId)
    .where('round', '=', grant.round)
    .where('agency_id', '=', grant.agencyId)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', revoked.at)
    .returning('id')
    .executeTakeFirst()
  return row !== undefined
}

export const grantsOf = (db: Db, caseId: string): Promise<GrantRow[]> =>
  db
    .selectFrom('case_audit_grant')
    .selectAll()
    .where('case_id', '=', caseId)
    .orderBy('round')
    .orderBy('agency_id')
    .execute()

export const partsOf = (db: Db, caseId: string): Promise<PartRow[]> =>
  db
    .selectFrom('case_audit_part')
    .selectAll()
    .where('case_id', '=', caseId)
    .orderBy('round')
    .orderBy('agency_id')
    .execute()

/** Each case's parts, for a programme's page: how many are in for the open round. */
export const partsOfCases = (db: Db, caseIds: readonly string[]): Promise<PartRow[]> =>
  caseIds.length === 0
    ? Promise.resolve([])
    : db.selectFrom('case_audit_part').selectAll().where('case_id', 'in', caseIds).execute()

export async function writePart(
  trx: Transaction<DB>,
  key: { caseId: string; round: number; agencyId: string },
  part: { answers: Answers; overall: Grade; summary: string; at: Date; byName: string },
): Promise<void> {
  await trx
    .updateTable('case_audit_part')
    .set({
      answers: JSON.stringify(part.answers),
      overall_grade: part.overall,
      summary: part.summary,
      submitted_at: part.at,
      submitted_by_name: part.byName,
    })
    .where('case_id', '=', key.caseId)
    .where('round', '=', key.round)
    .where('agency_id', '=', key.agencyId)
    .execute()
}

export const moderationsOf = (db: Db, caseId: string): Promise<ModerationRow[]> =>
  db.selectFrom('case_audit_moderation').selectAll().where('case_id', '=', caseId).orderBy('round').execute()

export async function insertModeration(
  trx: Transaction<DB>,
  row: Insertable<CaseAuditTables['case_audit_moderation']>,
): Promise<void> {
  await trx.insertInto('case_audit_moderation').values(row).execute()
}

/** The cases an agency is asked to audit, newest programme first: each with its programme. */
export const casesForAgency = (db: Db, agencyId: string) =>
  db
    .selectFrom('case_audit_part as part')
    .innerJoin('case_audit_case as c', (join) =>
      join.onRef('c.id', '=', 'part.case_id').onRef('c.round', '=', 'part.round'),
    )
    .innerJoin('case_audit_programme as p', 'p.id', 'c.programme_id')
    .selectAll('c')
    .select(['p.reference', 'p.title', 'p.ends_on', 'part.submitted_at'])
    .where('part.agency_id', '=', agencyId)
    .orderBy('p.starts_on', 'desc')
    .orderBy('c.position')
    .limit(500)
    .execute()

export async function childOf(db: Db, childId: string) {
  return db
    .selectFrom('child')
    .select(['given_name', 'family_name', 'date_of_birth'])
    .where('id', '=', childId)
    .executeTakeFirstOrThrow()
}

export const plansOf = (db: Db, childId: string) =>
  db
    .selectFrom('child_protection_plan')
    .select(['id', 'category', 'start_date', 'end_date'])
    .where('child_id', '=', childId)
    .orderBy('start_date', 'desc')
    .execute()

export const planOf = (db: Db, planId: string) =>
  db
    .selectFrom('child_protection_plan')
    .select(['category', 'start_date', 'end_date'])
    .where('id', '=', planId)
    .executeTakeFirstOrThrow()

/** Children's names, for a programme's sample as its leads read it. */
export async function childNames(db: Db, childIds: readonly string[]): Promise<Map<string, string>> {
  if (childIds.length === 0) return new Map()
  const rows = await db
    .selectFrom('child')
    .select(['id', sql<string>`given_name || ' ' || family_name`.as('name')])
    .where('id', 'in', childIds)
    .execute()
  return new Map(rows.map((row) => [row.id, row.name]))
}

// ---------------------------------------------------------------------------
// The moderation meeting of a programme's round (migration 0068)

export const meetingOf = (db: Db, programmeId: string, round: number) =>
  db
    .selectFrom('case_audit_meeting')
    .selectAll()
    .where('programme_id', '=', programmeId)
    .where('round', '=', round)
    .executeTakeFirst()

export const meetingsOf = (db: Db, programmeId: string): Promise<MeetingRow[]> =>
  db
    .selectFrom('case_audit_meeting')
    .selectAll()
    .where('programme_id', '=', programmeId)
    .orderBy('round')
    .execute()

export interface MeetingBooking {
  programmeId: string
  round: number
  meetsOn: IsoDate
  startsAt: string
  place: string
  organizer: { name: string; email: string }
  at: Date
}

/** Books the round's meeting, or books it again: a new time counts once more and clears any attendance. */
export const bookMeeting = (trx: Transaction<DB>, b: MeetingBooking): Promise<MeetingRow> =>
  trx
    .insertInto('case_audit_meeting')
    .values({
      programme_id: b.programmeId,
      round: b.round,
      meets_on: b.meetsOn,
      starts_at: b.startsAt,
      place: b.place,
      organizer_name: b.organizer.name,
      organizer_email: b.organizer.email,
      booked_at: b.at,
    })
    .onConflict((oc) =>
      oc.columns(['programme_id', 'round', 'partnership_id']).doUpdateSet((eb) => ({
        meets_on: eb.ref('excluded.meets_on'),
        starts_at: eb.ref('excluded.starts_at'),
        place: eb.ref('excluded.place'),
        organizer_name: eb.ref('excluded.organizer_name'),
        organizer_email: eb.ref('excluded.organizer_email'),
        booked_at: eb.ref('excluded.booked_at'),
        scheduled: sql<number>`case_audit_meeting.scheduled + 1`,
        attended_agency_ids: null,
        attendance_recorded_at: null,
        attendance_recorded_by_name: null,
      })),
    )
    .returningAll()
    .executeTakeFirstOrThrow()

export const recordMeetingAttendance = (
  trx: Transaction<DB>,
  id: string,
  agencyIds: readonly string[],
  at: Date,
  byName: string,
) =>
  trx
    .updateTable('case_audit_meeting')
    .set({
      attended_agency_ids: [...agencyIds],
      attendance_recorded_at: at,
      attendance_recorded_by_name: byName,
    })
    .where('id', '=', id)
    .execute()

export type InvitationRow = Selectable<CaseAuditTables['case_audit_meeting_invitation']>

/** The meeting's invitations, replaced each time it is booked: the people invited now. */
export async function replaceInvitations(
  trx: Transaction<DB>,
  meetingId: string,
  invitees: readonly Invitee[],
  at: Date,
) {
  await trx.deleteFrom('case_audit_meeting_invitation').where('meeting_id', '=', meetingId).execute()
  if (invitees.length === 0) return
  await trx
    .insertInto('case_audit_meeting_invitation')
    .values(invitees.map((i) => ({ meeting_id: meetingId, ...invitationColumns(i), invited_at: at })))
    .execute()
}

export const invitationsOf = (db: Db, meetingIds: readonly string[]): Promise<InvitationRow[]> =>
  meetingIds.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('case_audit_meeting_invitation')
        .selectAll()
        .where('meeting_id', 'in', [...meetingIds])
        .orderBy('agency_id')
        .orderBy('invitee_name')
        .execute()

/** Whether any case of the programme has a moderation recorded at this meeting (it can then not be moved). */
export const moderatedAt = async (db: Db, meetingId: string) =>
  (await db
    .selectFrom('case_audit_moderation')
    .select('case_id')
    .where('meeting_id', '=', meetingId)
    .limit(1)
    .executeTakeFirst()) !== undefined

/** Whether any case of the programme is in this round (a re-audit's meeting needs a case re-audited). */
export const roundOpened = async (db: Db, programmeId: string, round: number) =>
  (await db
    .selectFrom('case_audit_case')
    .select('id')
    .where('programme_id', '=', programmeId)
    .where('round', '>=', round)
    .limit(1)
    .executeTakeFirst()) !== undefined
