// Strategy discussions' SQL. Every write takes the transaction of its step; the route records the
// step's domain event in the same transaction.

import { type Kysely, type Selectable, sql, type Transaction } from 'kysely'
import { type ActionInput, type ActionRow, actionsOf, replaceActions } from '../../actions/index.ts'
import type { DB } from '../../database.ts'
import { type InvitationReply, type Invitee, invitationColumns } from '../../meetings/index.ts'
import type { IsoDate } from '../../platform/calendar/working-days.ts'
import type {
  ContributionInput,
  MeetingReason,
  PoliceDecision,
  ScheduleInput,
  StrategyDecision,
  StrategyOrigin,
  StrategyStatus,
} from '../schemas.ts'
import type { ChildProtectionTables } from '../tables.ts'

type Db = Kysely<DB> | Transaction<DB>
export type DiscussionRow = Selectable<ChildProtectionTables['strategy_discussion']>
type InvitationRow = Selectable<ChildProtectionTables['strategy_invitation']>
export type ContributionRow = Selectable<ChildProtectionTables['strategy_contribution']>
type RecordRow = Selectable<ChildProtectionTables['strategy_record']>
type CirculationRow = Selectable<ChildProtectionTables['strategy_circulation']>

export const discussionReference = (number: number) => `SD-${String(number).padStart(6, '0')}`

// ---------------------------------------------------------------------------
// Where a discussion comes from

export interface ReferralForStrategy {
  referralId: string
  childId: string | null
  laId: string
  outcome: string
  concerns: string
  urgent: boolean
}

export async function findReferralForStrategy(
  db: Db,
  referralId: string,
): Promise<ReferralForStrategy | undefined> {
  const row = await db
    .selectFrom('referral as r')
    .innerJoin('threshold_decision as d', 'd.referral_id', 'r.id')
    .select(['r.id', 'r.child_id', 'r.la_id', 'd.outcome', 'd.reasons', 'r.worries', 'r.urgency'])
    .where('r.id', '=', referralId)
    .executeTakeFirst()
  if (!row) return undefined
  return {
    referralId: row.id,
    childId: row.child_id,
    laId: row.la_id,
    outcome: row.outcome,
    concerns: `${row.worries}\n\nThreshold decision: ${row.reasons}`,
    urgent: row.urgency === 'urgent',
  }
}

export async function findDiscussionForReferral(db: Db, referralId: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('strategy_discussion')
    .select('id')
    .where('referral_id', '=', referralId)
    .executeTakeFirst()
  return row?.id
}

interface ChildLabel {
  id: string
  laId: string
  name: string
  dateOfBirth: IsoDate | null
}

async function findChildLabel(db: Db, childId: string): Promise<ChildLabel | undefined> {
  const row = await db
    .selectFrom('child')
    .select(['id', 'la_id', 'given_name', 'family_name', 'date_of_birth'])
    .where('id', '=', childId)
    .executeTakeFirst()
  if (!row) return undefined
  return {
    id: row.id,
    laId: row.la_id,
    name: `${row.given_name} ${row.family_name}`,
    dateOfBirth: row.date_of_birth as IsoDate | null,
  }
}

// ---------------------------------------------------------------------------
// Writes

export interface NewDiscussion {
  childId: string
  laId: string
  origin: StrategyOrigin
  referralId: string | null
  concerns: string
  meetingReasons: readonly MeetingReason[]
  requestedBy: string
  dueBy: IsoDate
}

export async function insertDiscussion(trx: Transaction<DB>, d: NewDiscussion): Promise<DiscussionRow> {
  return trx
    .insertInto('strategy_discussion')
    .values({
      child_id: d.childId,
      la_id: d.laId,
      origin: d.origin,
      referral_id: d.referralId,
      concerns: d.concerns,
      meeting_reasons: [...d.meetingReasons],
      requested_by: d.requestedBy,
      due_by: d.dueBy,
      status: 'requested',
    })
    .returningAll()
    .executeTakeFirstOrThrow()
}

/** Locks the discussion for the rest of the step, so two steps cannot race past the status rules. */
export async function lockDiscussion(trx: Transaction<DB>, id: string): Promise<DiscussionRow | undefined> {
  return trx.selectFrom('strategy_discussion').selectAll().where('id', '=', id).forUpdate().executeTakeFirst()
}

export async function writeSchedule(
  trx: Transaction<DB>,
  id: string,
  schedule: ScheduleInput,
  { scheduledBy, chair }: { scheduledBy: string; chair: { id: string; name: string } | null },
  status: StrategyStatus,
): Promise<void> {
  await trx
    .updateTable('strategy_discussion')
    .set({
      status,
      format: schedule.format,
      meeting_date: schedule.date,
      meeting_time: schedule.time,
      location: schedule.location,
      meeting_reasons: [...schedule.meetingReasons],
      scheduled_by: scheduledBy,
      late_reason: schedule.lateReason ?? null,
      chair_user_id: chair?.id ?? null,
      chair_name: chair?.name ?? null,
    })
    .where('id', '=', id)
    .execute()
}

export async function upsertInvitations(trx: Transaction<DB>, id: string, invitees: readonly Invitee[]) {
  if (invitees.length === 0) return
  await trx
    .insertInto('strategy_invitation')
    .values(invitees.map((i) => ({ discussion_id: id, ...invitationColumns(i) })))
    .onConflict((oc) =>
      oc.columns(['discussion_id', 'agency_id', 'partnership_id']).doUpdateSet((eb) => ({
        invitee_name: eb.ref('excluded.invitee_name'),
        invitee_email: eb.ref('excluded.invitee_email'),
      })),
    )
    .execute()
}

/** A discussion's invitations, in the order they were sent. */
export async function invitationsOf(db: Db, id: string): Promise<InvitationRow[]> {
  return db
    .selectFrom('strategy_invitation')
    .selectAll()
    .where('discussion_id', '=', id)
    .orderBy('invited_at')
    .orderBy('agency_id')
    .execute()
}

/** The agencies invited to the discussion. */
export async function invitedAgencyIds(db: Db, id: string): Promise<string[]> {
  const rows = await db
    .selectFrom('strategy_invitation')
    .select('agency_id')
    .where('discussion_id', '=', id)
    .execute()
  return rows.map((row) => row.agency_id)
}

export async function writeReply(trx: Transaction<DB>, id: string, agencyId: string, reply: InvitationReply) {
  const result = await trx
    .updateTable('strategy_invitation')
    .set({ reply, replied_at: new Date() })
    .where('discussion_id', '=', id)
    .where('agency_id', '=', agencyId)
    .executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}

export async function upsertContribution(
  trx: Transaction<DB>,
  id: string,
  agencyId: string,
  input: ContributionInput,
  by: { id: string; name: string },
) {
  const values = {
    records_held: input.recordsHeld,
    risks: input.risks,
    strengths: input.strengths,
    marking: input.marking ?? 'standard',
    contributed_by: by.id,
    contributed_by_name: by.name,
    contributed_at: new Date(),
  }
  await trx
    .insertInto('strategy_contribution')
    .values({ discussion_id: id, agency_id: agencyId, ...values })
    .onConflict((oc) => oc.columns(['discussion_id', 'agency_id', 'partnership_id']).doUpdateSet(values))
    .execute()
}

export interface RecordWrite {
  attendance: readonly { agencyId: string; attendeeName: string }[]
  informationShared: string
  riskAnalysis: string
  decision: StrategyDecision
  decisionReasons: string
  policeDecision: PoliceDecision
  familySharing: string
  familySharingOn: IsoDate | null
  childWords: string | null
  icpcDueBy: IsoDate | null
  actions: readonly ActionInput[]
  childId: string
  recordedBy: { id: string; name: string }
}

export async function writeRecord(trx: Transaction<DB>, id: string, r: RecordWrite): Promise<void> {
  const values = {
    information_shared: r.informationShared,
    risk_analysis: r.riskAnalysis,
    decision: r.decision,
    decision_reasons: r.decisionReasons,
    police_decision: r.policeDecision,
    family_sharing: r.familySharing,
    family_sharing_on: r.familySharingOn,
    child_words: r.childWords,
    icpc_due_by: r.icpcDueBy,
    recorded_by: r.recordedBy.id,
    recorded_by_name: r.recordedBy.name,
    recorded_at: new Date(),
  }
  await trx
    .insertInto('strategy_record')
    .values({ discussion_id: id, ...values })
    .onConflict((oc) => oc.columns(['discussion_id', 'partnership_id']).doUpdateSet(values))
    .execute()
  await writeAttendance(trx, id, r.attendance)
  await replaceActions(trx, { kind: 'strategy-discussion', id, childId: r.childId }, r.actions)
  await trx.updateTable('strategy_discussion').set({ status: 'recorded' }).where('id', '=', id).execute()
}

async function writeAttendance(trx: Transaction<DB>, id: string, attendance: RecordWrite['attendance']) {
  await trx
    .updateTable('strategy_invitation')
    .set({ attended: false, attendee_name: null })
    .where('discussion_id', '=', id)
    .execute()
  for (const a of attendance)
    await trx
      .updateTable('strategy_invitation')
      .set({ attended: true, attendee_name: a.attendeeName || null })
      .where('discussion_id', '=', id)
      .where('agency_id', '=', a.agencyId)
      .execute()
}

export async function writeSignOff(
  trx: Transaction<DB>,
  id: string,
  by: { id: string; name: string },
  circulationDueBy: IsoDate,
  agencyIds: readonly string[],
): Promise<void> {
  const now = new Date()
  await trx
    .updateTable('strategy_discussion')
    .set({
      status: 'signed-off',
      signed_off_at: now,
      signed_off_by: by.id,
      signed_off_by_name: by.name,
      circulation_due_by: circulationDueBy,
    })
    .where('id', '=', id)
    .execute()
  await trx
    .insertInto('strategy_circulation')
    .values(
      agencyIds.map((agencyId) => ({
        discussion_id: id,
        agency_id: agencyId,
        sent_at: now,
        due_by: circulationDueBy,
      })),
    )
    .execute()
}

export async function writeAcknowledgement(
  trx: Transaction<DB>,
  id: string,
  agencyId: string,
  by: { id: string; name: string },
): Promise<boolean> {
  const result = await trx
    .updateTable('strategy_circulation')
    .set({ acknowledged_at: new Date(), acknowledged_by: by.id, acknowledged_by_name: by.name })
    .where('discussion_id', '=', id)
    .where('agency_id', '=', agencyId)
    .where('acknowledged_at', 'is', null)
    .executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}

// ---------------------------------------------------------------------------
// Reads

export interface StrategyDiscussionFile {
  discussion: DiscussionRow
  child: ChildLabel
  invitations: InvitationRow[]
  contributions: ContributionRow[]
  record: RecordRow | undefined
  actions: ActionRow[]
  circulations: CirculationRow[]
}

export async function findDiscussionFile(db: Db, id: string): Promise<StrategyDiscussionFile | undefined> {
  const discussion = await db
    .selectFrom('strategy_discussion')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst()
  if (!discussion) return undefined
  const [child, invitations, contributions, record, actions, circulations] = await Promise.all([
    findChildLabel(db, discussion.child_id),
    db
      .selectFrom('strategy_invitation')
      .selectAll()
      .where('discussion_id', '=', id)
      .orderBy('invited_at')
      .orderBy('agency_id')
      .execute(),
    db
      .selectFrom('strategy_contribution')
      .selectAll()
      .where('discussion_id', '=', id)
      .orderBy('contributed_at')
      .execute(),
    db.selectFrom('strategy_record').selectAll().where('discussion_id', '=', id).executeTakeFirst(),
    actionsOf(db, 'strategy-discussion', id),
    db
      .selectFrom('strategy_circulation')
      .selectAll()
      .where('discussion_id', '=', id)
      .orderBy('agency_id')
      .execute(),
  ])
  if (!child) return undefined
  return { discussion, child, invitations, contributions, record, actions, circulations }
}

export interface DiscussionSummary {
  id: string
  number: number
  childId: string
  childName: string
  laId: string
  status: StrategyStatus
  dueBy: IsoDate
  meetingDate: IsoDate | null
  meetingTime: string | null
  circulationDueBy: IsoDate | null
  awaitingAcknowledgement: number
}

export async function listDiscussions(
  db: Db,
  filter: { laIds?: readonly string[]; childId?: string; open?: boolean },
): Promise<DiscussionSummary[]> {
  let query = db
    .selectFrom('strategy_discussion as d')
    .innerJoin('child as c', 'c.id', 'd.child_id')
    .select((eb) => [
      'd.id',
      'd.number',
      'd.child_id',
      'c.given_name',
      'c.family_name',
      'd.la_id',
      'd.status',
      'd.due_by',
      'd.meeting_date',
      'd.meeting_time',
      'd.circulation_due_by',
      eb
        .selectFrom('strategy_circulation as sc')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('sc.discussion_id', '=', 'd.id')
        .where('sc.acknowledged_at', 'is', null)
        .as('awaiting'),
    ])
    .where('d.status', '<>', 'cancelled')
  if (filter.laIds) query = query.where('d.la_id', 'in', filter.laIds.length ? [...filter.laIds] : [''])
  if (filter.childId) query = query.where('d.child_id', '=', filter.childId)
  const rows = await query.orderBy('d.meeting_date').orderBy('d.due_by').limit(500).execute()
  return rows
    .map((row) => ({
      id: row.id,
      number: row.number,
      childId: row.child_id,
      childName: `${row.given_name} ${row.family_name}`,
      laId: row.la_id,
      status: row.status,
      dueBy: row.due_by,
      meetingDate: row.meeting_date,
      meetingTime: row.meeting_time,
      circulationDueBy: row.circulation_due_by,
      awaitingAcknowledgement: Number(row.awaiting ?? 0),
    }))
    .filter((d) => !filter.open || d.status !== 'signed-off' || d.awaitingAcknowledgement > 0)
}

export interface AwaitingBooking {
  referralId: string
  referralNumber: number
  childId: string | null
  childName: string
  laId: string
  decidedAt: Date
  urgent: boolean
}

/** Threshold decisions for a strategy discussion that business support has not booked yet. */
export async function listAwaitingBooking(db: Db, laIds: readonly string[]): Promise<AwaitingBooking[]> {
  if (laIds.length === 0) return []
  const rows = await db
    .selectFrom('referral as r')
    .innerJoin('threshold_decision as d', 'd.referral_id', 'r.id')
    .leftJoin('strategy_discussion as s', 's.referral_id', 'r.id')
    .select([
      'r.id',
      'r.number',
      'r.child_id',
      'r.child_first_name',
      'r.child_last_name',
      'r.la_id',
      'r.urgency',
      'd.decided_at',
    ])
    .where('d.outcome', '=', 'strategy-discussion-s47')
    .where('s.id', 'is', null)
    .where('r.la_id', 'in', [...laIds])
    .orderBy('d.decided_at')
    .limit(200)
    .execute()
  return rows.map((row) => ({
    referralId: row.id,
    referralNumber: Number(row.number),
    childId: row.child_id,
    childName: `${row.child_first_name} ${row.child_last_name}`,
    laId: row.la_id,
    decidedAt: row.decided_at,
    urgent: row.urgency === 'urgent',
  }))
}

/** How many times the meeting has been (re)scheduled: a calendar file's SEQUENCE. */
export async function scheduleCount(db: Db, id: string): Promise<number> {
  const row = await db
    .selectFrom('domain_event')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('type', '=', 'strategy.scheduled')
    .where(sql<boolean>`payload->>'strategyDiscussionId' = ${id}`)
    .executeTakeFirst()
  return Number(row?.n ?? 0)
}
