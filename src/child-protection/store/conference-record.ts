// A conference's record SQL: the chair's minutes and their sign-off and circulation, the parents, the
// child and advocates invited with their views, and each agency's report read for the parents.

import type { Kysely, Selectable, Transaction } from 'kysely'
import type { DB } from '../../database.ts'
import type { IsoDate } from '../../platform/calendar/working-days.ts'
import type { ParticipantInvitation, ReportForParents } from '../schemas.ts'
import type { ChildProtectionTables } from '../tables.ts'

type Db = Kysely<DB> | Transaction<DB>
export type MinutesRow = Selectable<ChildProtectionTables['conference_minutes']>
export type ParticipantRow = Selectable<ChildProtectionTables['conference_participant']>
export type ConferenceCirculationRow = Selectable<ChildProtectionTables['conference_circulation']>
type By = { id: string; name: string }

export async function insertParticipant(
  trx: Transaction<DB>,
  conferenceId: string,
  p: ParticipantInvitation,
  invitedBy: string,
): Promise<string> {
  const row = await trx
    .insertInto('conference_participant')
    .values({
      conference_id: conferenceId,
      role: p.role,
      name: p.name.trim(),
      relationship: p.relationship.trim(),
      invited_by: invitedBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

/** The chair's minutes: written again until signed off. */
export async function writeMinutes(
  trx: Transaction<DB>,
  conferenceId: string,
  minutes: { discussion: string; riskAnalysis: string },
  by: By,
) {
  const values = {
    discussion: minutes.discussion,
    risk_analysis: minutes.riskAnalysis,
    recorded_by: by.id,
    recorded_by_name: by.name,
    recorded_at: new Date(),
  }
  await trx
    .insertInto('conference_minutes')
    .values({ conference_id: conferenceId, ...values })
    .onConflict((oc) => oc.columns(['conference_id', 'partnership_id']).doUpdateSet(values))
    .execute()
}

export async function writeParticipantViews(
  trx: Transaction<DB>,
  conferenceId: string,
  views: readonly { participantId: string; attended: boolean; views?: string | undefined }[],
) {
  for (const v of views)
    await trx
      .updateTable('conference_participant')
      .set({ attended: v.attended, views: v.views?.trim() || null })
      .where('conference_id', '=', conferenceId)
      .where('id', '=', v.participantId)
      .execute()
}

/** Signs the minutes off and sends a copy to each agency, to acknowledge by `dueBy`. */
export async function writeMinutesSignOff(
  trx: Transaction<DB>,
  conferenceId: string,
  by: By,
  dueBy: IsoDate,
  agencyIds: readonly string[],
) {
  const now = new Date()
  await trx
    .updateTable('conference_minutes')
    .set({ signed_off_at: now, signed_off_by: by.id, signed_off_by_name: by.name, circulation_due_by: dueBy })
    .where('conference_id', '=', conferenceId)
    .execute()
  if (agencyIds.length === 0) return
  await trx
    .insertInto('conference_circulation')
    .values(
      agencyIds.map((agencyId) => ({
        conference_id: conferenceId,
        agency_id: agencyId,
        sent_at: now,
        due_by: dueBy,
      })),
    )
    .execute()
}

export async function writeMinutesAcknowledgement(
  trx: Transaction<DB>,
  conferenceId: string,
  agencyId: string,
  by: By,
): Promise<boolean> {
  const result = await trx
    .updateTable('conference_circulation')
    .set({ acknowledged_at: new Date(), acknowledged_by: by.id, acknowledged_by_name: by.name })
    .where('conference_id', '=', conferenceId)
    .where('agency_id', '=', agencyId)
    .where('acknowledged_at', 'is', null)
    .executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}

/** Whoever read an agency's report decides whether the parents get it (withheld: why). */
export async function writeReportReview(
  trx: Transaction<DB>,
  conferenceId: string,
  agencyId: string,
  review: { forParents: ReportForParents; withheldReason: string | null },
  by: By,
): Promise<boolean> {
  const result = await trx
    .updateTable('conference_invitation')
    .set({
      report_read_at: new Date(),
      report_read_by_name: by.name,
      report_for_parents: review.forParents,
      report_withheld_reason: review.withheldReason,
    })
    .where('conference_id', '=', conferenceId)
    .where('agency_id', '=', agencyId)
    .where('report', 'is not', null)
    .executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}

export interface ConferenceRecordParts {
  minutes: MinutesRow | undefined
  participants: ParticipantRow[]
  circulations: ConferenceCirculationRow[]
}

export async function findRecordParts(db: Db, conferenceId: string): Promise<ConferenceRecordParts> {
  const [minutes, participants, circulations] = await Promise.all([
    db
      .selectFrom('conference_minutes')
      .selectAll()
      .where('conference_id', '=', conferenceId)
      .executeTakeFirst(),
    db
      .selectFrom('conference_participant')
      .selectAll()
      .where('conference_id', '=', conferenceId)
      .orderBy('invited_at')
      .orderBy('name')
      .execute(),
    db
      .selectFrom('conference_circulation')
      .selectAll()
      .where('conference_id', '=', conferenceId)
      .orderBy('agency_id')
      .execute(),
  ])
  return { minutes, participants, circulations }
}

/** A conference replacing an inquorate one invites the same parents, child and advocates. */
export async function copyParticipants(trx: Transaction<DB>, fromId: string, toId: string) {
  const rows = await trx
    .selectFrom('conference_participant')
    .select(['role', 'name', 'relationship', 'invited_by'])
    .where('conference_id', '=', fromId)
    .execute()
  if (rows.length === 0) return
  await trx
    .insertInto('conference_participant')
    .values(rows.map((row) => ({ ...row, conference_id: toId })))
    .execute()
}
