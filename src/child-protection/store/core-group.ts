// Core group meetings' SQL: each meeting after the conference, the plan's outcomes the core group
// agreed, and the progress recorded on each at every meeting.

import type { Kysely, Selectable, Transaction } from 'kysely'
import type { DB } from '../../database.ts'
import type { IsoDate } from '../../platform/calendar/working-days.ts'
import type { ChildProtectionTables } from '../tables.ts'

type Db = Kysely<DB> | Transaction<DB>
export type CoreGroupMeetingRow = Selectable<ChildProtectionTables['core_group_meeting']>
export type PlanOutcomeRow = Selectable<ChildProtectionTables['plan_outcome']>
type ProgressRow = Selectable<ChildProtectionTables['plan_progress']>

export interface NewCoreGroupMeeting {
  planId: string
  heldOn: IsoDate
  attendingAgencyIds: readonly string[]
  recordedBy: { id: string; name: string }
  progress: readonly { outcomeId: string; progress: string }[]
  newOutcomes: readonly string[]
  childWords: string | null
}

/** Stores the meeting, the outcomes it agreed (after the plan's others) and its progress on each. */
export async function insertCoreGroupMeeting(trx: Transaction<DB>, m: NewCoreGroupMeeting): Promise<string> {
  const meeting = await trx
    .insertInto('core_group_meeting')
    .values({
      plan_id: m.planId,
      held_on: m.heldOn,
      attending_agency_ids: [...new Set(m.attendingAgencyIds)],
      recorded_by: m.recordedBy.id,
      recorded_by_name: m.recordedBy.name,
      child_words: m.childWords,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  if (m.progress.length > 0)
    await trx
      .insertInto('plan_progress')
      .values(
        m.progress.map((p) => ({ meeting_id: meeting.id, outcome_id: p.outcomeId, progress: p.progress })),
      )
      .execute()
  if (m.newOutcomes.length > 0) {
    const { last } = await trx
      .selectFrom('plan_outcome')
      .select((eb) => eb.fn.coalesce(eb.fn.max('position'), eb.lit(0)).as('last'))
      .where('plan_id', '=', m.planId)
      .executeTakeFirstOrThrow()
    await trx
      .insertInto('plan_outcome')
      .values(
        m.newOutcomes.map((outcome, i) => ({
          plan_id: m.planId,
          position: Number(last) + i + 1,
          outcome,
          agreed_at_meeting_id: meeting.id,
        })),
      )
      .execute()
  }
  return meeting.id
}

export interface CoreGroupRecord {
  meetings: CoreGroupMeetingRow[]
  outcomes: PlanOutcomeRow[]
  progress: ProgressRow[]
}

export async function findCoreGroupRecord(db: Db, planId: string): Promise<CoreGroupRecord> {
  const [meetings, outcomes, progress] = await Promise.all([
    db
      .selectFrom('core_group_meeting')
      .selectAll()
      .where('plan_id', '=', planId)
      .orderBy('held_on')
      .orderBy('recorded_at')
      .execute(),
    db.selectFrom('plan_outcome').selectAll().where('plan_id', '=', planId).orderBy('position').execute(),
    db
      .selectFrom('plan_progress')
      .innerJoin('core_group_meeting as m', 'm.id', 'plan_progress.meeting_id')
      .select(['plan_progress.meeting_id', 'plan_progress.outcome_id', 'plan_progress.progress'])
      .where('m.plan_id', '=', planId)
      .execute(),
  ])
  return { meetings, outcomes, progress }
}
