// Conferences' SQL: section 47 enquiries, conferences and their invitations and reports, plans with
// their core groups, and the feedback loop's re-checks. Every write takes its step's transaction.

import { type Kysely, type Selectable, sql, type Transaction } from 'kysely'
import type { DB } from '../../database.ts'
import { type Invitee, invitationColumns } from '../../meetings/index.ts'
import type { IsoDate } from '../../platform/calendar/working-days.ts'
import type {
  ClosureKind,
  ConferenceKind,
  ConferenceStatus,
  CpCategory,
  Dissent,
  PlanEndReason,
  RecheckAnswer,
  ReviewOutcome,
} from '../schemas.ts'
import type { ChildProtectionTables } from '../tables.ts'
import { type ConferenceRecordParts, findRecordParts } from './conference-record.ts'

type Db = Kysely<DB> | Transaction<DB>
export type Section47Row = Selectable<ChildProtectionTables['section47_enquiry']>
export type ConferenceRow = Selectable<ChildProtectionTables['conference']>
type ConferenceInvitationRow = Selectable<ChildProtectionTables['conference_invitation']>
export type PlanRow = Selectable<ChildProtectionTables['child_protection_plan']>
export type RecheckRow = Selectable<ChildProtectionTables['threshold_recheck']>

export const conferenceReference = (number: number) => `CP-${String(number).padStart(6, '0')}`

// ---------------------------------------------------------------------------
// Section 47 enquiries

export interface NewSection47 {
  childId: string
  laId: string
  strategyDiscussionId: string
  jointWithPolice: boolean
  startedOn: IsoDate
  icpcDueBy: IsoDate
}

export async function insertSection47(trx: Transaction<DB>, s47: NewSection47): Promise<string> {
  const row = await trx
    .insertInto('section47_enquiry')
    .values({
      child_id: s47.childId,
      la_id: s47.laId,
      strategy_discussion_id: s47.strategyDiscussionId,
      joint_with_police: s47.jointWithPolice,
      started_on: s47.startedOn,
      icpc_due_by: s47.icpcDueBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

export async function findSection47(db: Db, id: string): Promise<Section47Row | undefined> {
  return db.selectFrom('section47_enquiry').selectAll().where('id', '=', id).executeTakeFirst()
}

export async function lockSection47(trx: Transaction<DB>, id: string): Promise<Section47Row | undefined> {
  return trx.selectFrom('section47_enquiry').selectAll().where('id', '=', id).forUpdate().executeTakeFirst()
}

export async function writeSection47Outcome(
  trx: Transaction<DB>,
  id: string,
  outcome: 'icpc' | 'icpc-not-required',
  reasons: string | null,
  on: IsoDate,
  by: string,
) {
  await trx
    .updateTable('section47_enquiry')
    .set({ outcome, outcome_reasons: reasons, outcome_on: on, outcome_by: by })
    .where('id', '=', id)
    .execute()
}

// ---------------------------------------------------------------------------
// Conferences

export interface NewConference {
  childId: string
  laId: string
  kind: ConferenceKind
  section47Id: string | null
  planId: string | null
  replacesId: string | null
  dueBy: IsoDate
  date: IsoDate
  time: string
  location: string
  reportsToParentsBy: IsoDate
  bookedBy: string
  lateReason: string | null
  chair: { id: string; name: string } | null
}

export async function insertConference(trx: Transaction<DB>, c: NewConference): Promise<ConferenceRow> {
  return trx
    .insertInto('conference')
    .values({
      child_id: c.childId,
      la_id: c.laId,
      kind: c.kind,
      section47_id: c.section47Id,
      plan_id: c.planId,
      replaces_id: c.replacesId,
      due_by: c.dueBy,
      meeting_date: c.date,
      meeting_time: c.time,
      location: c.location,
      reports_to_parents_by: c.reportsToParentsBy,
      status: 'booked',
      booked_by: c.bookedBy,
      late_reason: c.lateReason,
      chair_user_id: c.chair?.id ?? null,
      chair_name: c.chair?.name ?? null,
    })
    .returningAll()
    .executeTakeFirstOrThrow()
}

export async function lockConference(trx: Transaction<DB>, id: string): Promise<ConferenceRow | undefined> {
  return trx.selectFrom('conference').selectAll().where('id', '=', id).forUpdate().executeTakeFirst()
}

/** The conference still to be held for an enquiry or a plan, if one is booked. */
export async function findBookedConference(
  db: Db,
  source: { section47Id: string } | { planId: string },
): Promise<ConferenceRow | undefined> {
  let query = db.selectFrom('conference').selectAll().where('status', '=', 'booked')
  query =
    'section47Id' in source
      ? query.where('section47_id', '=', source.section47Id)
      : query.where('plan_id', '=', source.planId).where('kind', '=', 'review')
  return query.executeTakeFirst()
}

export async function insertInvitations(
  trx: Transaction<DB>,
  conferenceId: string,
  invitees: readonly Invitee[],
) {
  if (invitees.length === 0) return
  await trx
    .insertInto('conference_invitation')
    .values(invitees.map((i) => ({ conference_id: conferenceId, ...invitationColumns(i) })))
    .execute()
}

/** A conference replacing an inquorate one keeps its invitations and the reports already sent. */
export async function copyInvitations(trx: Transaction<DB>, fromId: string, toId: string) {
  await sql`
    INSERT INTO conference_invitation
      (conference_id, agency_id, agency_kind, invitee_name, invitee_email, direct_involvement,
       report, report_submitted_at, report_shared_with_parents_at, report_read_at, report_read_by_name,
       report_for_parents, report_withheld_reason)
    SELECT ${toId}, agency_id, agency_kind, invitee_name, invitee_email, direct_involvement,
       report, report_submitted_at, report_shared_with_parents_at, report_read_at, report_read_by_name,
       report_for_parents, report_withheld_reason
    FROM conference_invitation WHERE conference_id = ${fromId}`.execute(trx)
}

/** A conference's invitations, by agency. */
export async function invitationsOf(db: Db, id: string): Promise<ConferenceInvitationRow[]> {
  return db
    .selectFrom('conference_invitation')
    .selectAll()
    .where('conference_id', '=', id)
    .orderBy('agency_id')
    .execute()
}

export async function writeReport(trx: Transaction<DB>, id: string, agencyId: string, report: string) {
  const result = await trx
    .updateTable('conference_invitation')
    .set({
      report,
      report_submitted_at: new Date(),
      report_shared_with_parents_at: null,
      // A new report is read again before it goes to the parents.
      report_read_at: null,
      report_read_by_name: null,
      report_for_parents: null,
      report_withheld_reason: null,
    })
    .where('conference_id', '=', id)
    .where('agency_id', '=', agencyId)
    .executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}

/**
 * Marks every report read and found fit for the parents, not yet shared, as shared; returns the
 * agencies whose reports went.
 */
export async function markReportsShared(trx: Transaction<DB>, id: string): Promise<string[]> {
  const rows = await trx
    .updateTable('conference_invitation')
    .set({ report_shared_with_parents_at: new Date() })
    .where('conference_id', '=', id)
    .where('report', 'is not', null)
    .where('report_for_parents', '=', 'share')
    .where('report_shared_with_parents_at', 'is', null)
    .returning('agency_id')
    .execute()
  return rows.map((row) => row.agency_id).sort()
}

export async function writeAttendance(trx: Transaction<DB>, id: string, attending: readonly string[]) {
  await trx
    .updateTable('conference_invitation')
    .set({ attended: false })
    .where('conference_id', '=', id)
    .execute()
  if (attending.length > 0)
    await trx
      .updateTable('conference_invitation')
      .set({ attended: true })
      .where('conference_id', '=', id)
      .where('agency_id', 'in', [...attending])
      .execute()
}

export interface ConferenceOutcome {
  status: ConferenceStatus
  quorate: boolean
  cpPlan: boolean | null
  category: CpCategory | null
  reasons: string | null
  interimPlan: string | null
  reviewOutcome: ReviewOutcome | null
  planId: string | null
  decidedBy: { id: string; name: string }
}

export async function writeOutcome(trx: Transaction<DB>, id: string, o: ConferenceOutcome) {
  await trx
    .updateTable('conference')
    .set({
      status: o.status,
      quorate: o.quorate,
      cp_plan: o.cpPlan,
      category: o.category,
      reasons: o.reasons,
      interim_plan: o.interimPlan,
      review_outcome: o.reviewOutcome,
      ...(o.planId ? { plan_id: o.planId } : {}),
      decided_by: o.decidedBy.id,
      decided_by_name: o.decidedBy.name,
      decided_at: new Date(),
    })
    .where('id', '=', id)
    .execute()
}

export async function writeDissent(trx: Transaction<DB>, id: string, dissent: readonly Dissent[]) {
  if (dissent.length === 0) return
  await trx
    .insertInto('conference_dissent')
    .values(dissent.map((d) => ({ conference_id: id, agency_id: d.agencyId, view: d.view })))
    .execute()
}

// ---------------------------------------------------------------------------
// Plans and core groups

export interface NewPlan {
  childId: string
  laId: string
  category: CpCategory
  startDate: IsoDate
  summary: string
  nextReviewDueBy: IsoDate
  coreGroupFirstMeetingOn: IsoDate
}

export async function insertPlan(trx: Transaction<DB>, p: NewPlan): Promise<string> {
  const row = await trx
    .insertInto('child_protection_plan')
    .values({
      child_id: p.childId,
      la_id: p.laId,
      category: p.category,
      latest_category: p.category,
      start_date: p.startDate,
      plan_summary: p.summary,
      next_review_due_by: p.nextReviewDueBy,
      core_group_first_meeting_on: p.coreGroupFirstMeetingOn,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

export async function writeCoreGroup(
  trx: Transaction<DB>,
  planId: string,
  agencyIds: readonly string[],
  since: IsoDate,
) {
  if (agencyIds.length === 0) return
  await trx
    .insertInto('core_group_member')
    .values([...new Set(agencyIds)].map((agencyId) => ({ plan_id: planId, agency_id: agencyId, since })))
    .onConflict((oc) => oc.doNothing())
    .execute()
}

export async function findPlan(db: Db, id: string): Promise<PlanRow | undefined> {
  return db.selectFrom('child_protection_plan').selectAll().where('id', '=', id).executeTakeFirst()
}

export async function lockPlan(trx: Transaction<DB>, id: string): Promise<PlanRow | undefined> {
  return trx
    .selectFrom('child_protection_plan')
    .selectAll()
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst()
}

export async function continuePlan(
  trx: Transaction<DB>,
  id: string,
  category: CpCategory | null,
  nextReviewDueBy: IsoDate,
) {
  await trx
    .updateTable('child_protection_plan')
    .set({ next_review_due_by: nextReviewDueBy, ...(category ? { latest_category: category } : {}) })
    .where('id', '=', id)
    .execute()
}

export async function endPlan(trx: Transaction<DB>, id: string, on: IsoDate, reason: PlanEndReason) {
  await trx
    .updateTable('child_protection_plan')
    .set({ end_date: on, end_reason: reason, next_review_due_by: null })
    .where('id', '=', id)
    .execute()
}

export async function coreGroupOf(db: Db, planId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('core_group_member')
    .select('agency_id')
    .where('plan_id', '=', planId)
    .orderBy('agency_id')
    .execute()
  return rows.map((row) => row.agency_id)
}

/** Review dates already held for a plan (decided review conferences). */
export async function reviewsHeld(db: Db, planId: string): Promise<IsoDate[]> {
  const rows = await db
    .selectFrom('conference')
    .select('meeting_date')
    .where('plan_id', '=', planId)
    .where('kind', '=', 'review')
    .where('status', '=', 'decided')
    .orderBy('meeting_date')
    .execute()
  return rows.map((row) => row.meeting_date)
}

// ---------------------------------------------------------------------------
// The feedback loop

export async function involvedAgencies(db: Db, childId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('child_involvement')
    .select('agency_id')
    .distinct()
    .where('child_id', '=', childId)
    .where('ended_at', 'is', null)
    .execute()
  return rows.map((row) => row.agency_id)
}

export interface NewRechecks {
  childId: string
  laId: string
  closingAgencyId: string
  closureKind: ClosureKind
  sourceId: string
  agencyIds: readonly string[]
}

export async function insertRechecks(trx: Transaction<DB>, r: NewRechecks): Promise<void> {
  if (r.agencyIds.length === 0) return
  await trx
    .insertInto('threshold_recheck')
    .values(
      r.agencyIds.map((agencyId) => ({
        child_id: r.childId,
        la_id: r.laId,
        closing_agency_id: r.closingAgencyId,
        closure_kind: r.closureKind,
        source_id: r.sourceId,
        agency_id: agencyId,
      })),
    )
    .onConflict((oc) => oc.doNothing())
    .execute()
}

export async function lockRecheck(trx: Transaction<DB>, id: string): Promise<RecheckRow | undefined> {
  return trx.selectFrom('threshold_recheck').selectAll().where('id', '=', id).forUpdate().executeTakeFirst()
}

export async function writeRecheckAnswer(
  trx: Transaction<DB>,
  id: string,
  answer: RecheckAnswer,
  notes: string,
  by: string,
) {
  await trx
    .updateTable('threshold_recheck')
    .set({ answer, answer_notes: notes || null, answered_at: new Date(), answered_by: by })
    .where('id', '=', id)
    .execute()
}

export async function listRechecksForChild(db: Db, childId: string): Promise<RecheckRow[]> {
  return db
    .selectFrom('threshold_recheck')
    .selectAll()
    .where('child_id', '=', childId)
    .orderBy('asked_at')
    .orderBy('agency_id')
    .execute()
}

// ---------------------------------------------------------------------------
// Reads

export interface ConferenceFile extends ConferenceRecordParts {
  conference: ConferenceRow
  invitations: ConferenceInvitationRow[]
  dissent: { agency_id: string; view: string }[]
  plan: PlanRow | undefined
  coreGroup: string[]
  previous: ConferenceRow | undefined
}

export async function findConferenceFile(db: Db, id: string): Promise<ConferenceFile | undefined> {
  const conference = await db.selectFrom('conference').selectAll().where('id', '=', id).executeTakeFirst()
  if (!conference) return undefined
  const [invitations, dissent, plan, coreGroup, previous, parts] = await Promise.all([
    invitationsOf(db, id),
    db
      .selectFrom('conference_dissent')
      .select(['agency_id', 'view'])
      .where('conference_id', '=', id)
      .execute(),
    conference.plan_id ? findPlan(db, conference.plan_id) : undefined,
    conference.plan_id ? coreGroupOf(db, conference.plan_id) : [],
    conference.replaces_id
      ? db.selectFrom('conference').selectAll().where('id', '=', conference.replaces_id).executeTakeFirst()
      : undefined,
    findRecordParts(db, id),
  ])
  return { conference, invitations, dissent, plan, coreGroup, previous, ...parts }
}

export async function conferencesForPlan(db: Db, planId: string): Promise<ConferenceRow[]> {
  return db
    .selectFrom('conference')
    .selectAll()
    .where('plan_id', '=', planId)
    .orderBy('meeting_date')
    .execute()
}
/** The enquiry a strategy discussion started, if it started one. */
export async function findSection47ForDiscussion(db: Kysely<DB>, strategyDiscussionId: string) {
  return db
    .selectFrom('section47_enquiry')
    .select(['id', 'icpc_due_by', 'outcome'])
    .where('strategy_discussion_id', '=', strategyDiscussionId)
    .executeTakeFirst()
}
