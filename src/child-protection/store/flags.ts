// The child protection steps a child's record flags, in one statement (the child's page is read
// often): live plans, open section 47 enquiries, and the strategy discussions and conferences to
// come, each with who was invited, attended and is named on its meeting, for the policy to decide.

import { type Kysely, type RawBuilder, sql, type Transaction } from 'kysely'
import type { DB } from '../../database.ts'
import type { IsoDate } from '../../platform/calendar/working-days.ts'
import type { ConferenceKind, CpCategory } from '../schemas.ts'

type Db = Kysely<DB> | Transaction<DB>

interface MeetingParties {
  laId: string
  invitations: { agency_id: string; attended: boolean | null }[]
  named: (string | null)[]
}

export type FlaggedStep =
  | { kind: 'plan'; id: string; category: CpCategory; date: IsoDate }
  | ({
      kind: 's47'
      id: string
      date: IsoDate
      joint: boolean
      dueBy: IsoDate
      meetingId: string
    } & MeetingParties)
  | ({ kind: 'discussion'; id: string; date: IsoDate; time: string } & MeetingParties)
  | ({
      kind: 'conference'
      id: string
      date: IsoDate
      time: string
      conferenceKind: ConferenceKind
    } & MeetingParties)

const discussionInvitations = sql`(SELECT coalesce(jsonb_agg(jsonb_build_object('agency_id', i.agency_id, 'attended', i.attended)), '[]'::jsonb)
  FROM strategy_invitation i WHERE i.discussion_id = d.id)`
const discussionNamed = sql`(ARRAY[d.requested_by, d.scheduled_by, d.signed_off_by,
  (SELECT r.recorded_by FROM strategy_record r WHERE r.discussion_id = d.id)]
  || ARRAY(SELECT c.contributed_by FROM strategy_contribution c WHERE c.discussion_id = d.id))::text[]`

/** Plans first, then enquiries, then the meetings to come by date (the sort keeps their order). */
const RANK: Readonly<Record<FlaggedStep['kind'], number>> = { plan: 0, s47: 1, discussion: 2, conference: 2 }

/** Whether the child may have any such step (a superset: meetings in the past count), each found by its child index. */
export const mayHaveFlaggedSteps = (childId: RawBuilder<string>) => sql<boolean>`(
  EXISTS (SELECT 1 FROM child_protection_plan WHERE child_id = ${childId} AND end_date IS NULL)
  OR EXISTS (SELECT 1 FROM section47_enquiry WHERE child_id = ${childId} AND outcome IS NULL)
  OR EXISTS (SELECT 1 FROM strategy_discussion WHERE child_id = ${childId} AND status = 'scheduled')
  OR EXISTS (SELECT 1 FROM conference WHERE child_id = ${childId} AND status = 'booked'))`

export async function findFlaggedSteps(db: Db, childId: string, today: IsoDate): Promise<FlaggedStep[]> {
  const { rows } = await sql<Record<string, unknown>>`
    SELECT 'plan' AS kind, p.id, p.start_date::text AS date, coalesce(p.latest_category, p.category)::text AS category,
      NULL::text AS time, NULL::boolean AS joint, NULL::text AS due_by, NULL::text AS meeting_id,
      NULL::text AS conference_kind, p.la_id, '[]'::jsonb AS invitations, ARRAY[]::text[] AS named
    FROM child_protection_plan p WHERE p.child_id = ${childId} AND p.end_date IS NULL
    UNION ALL
    SELECT 's47', s.id, s.started_on::text, NULL, NULL, s.joint_with_police, s.icpc_due_by::text, d.id::text, NULL,
      d.la_id, ${discussionInvitations}, ${discussionNamed}
    FROM section47_enquiry s JOIN strategy_discussion d ON d.id = s.strategy_discussion_id
    WHERE s.child_id = ${childId} AND s.outcome IS NULL
    UNION ALL
    SELECT 'discussion', d.id, d.meeting_date::text, NULL, d.meeting_time, NULL, NULL, d.id::text, NULL,
      d.la_id, ${discussionInvitations}, ${discussionNamed}
    FROM strategy_discussion d
    WHERE d.child_id = ${childId} AND d.status = 'scheduled' AND d.meeting_date >= ${today}
    UNION ALL
    SELECT 'conference', c.id, c.meeting_date::text, NULL, c.meeting_time, NULL, NULL, c.id::text, c.kind::text,
      c.la_id,
      (SELECT coalesce(jsonb_agg(jsonb_build_object('agency_id', i.agency_id, 'attended', i.attended)), '[]'::jsonb)
        FROM conference_invitation i WHERE i.conference_id = c.id),
      ARRAY[c.booked_by, c.decided_by]::text[]
    FROM conference c
    WHERE c.child_id = ${childId} AND c.status = 'booked' AND c.meeting_date >= ${today}
    ORDER BY date`.execute(db)
  return rows.map(stepOf).sort((a, b) => RANK[a.kind] - RANK[b.kind])
}

function stepOf(row: Record<string, unknown>): FlaggedStep {
  const id = row.id as string
  const date = row.date as IsoDate
  const parties: MeetingParties = {
    laId: row.la_id as string,
    invitations: row.invitations as MeetingParties['invitations'],
    named: row.named as (string | null)[],
  }
  switch (row.kind) {
    case 'plan':
      return { kind: 'plan', id, date, category: row.category as CpCategory }
    case 's47':
      return {
        kind: 's47',
        id,
        date,
        joint: row.joint as boolean,
        dueBy: row.due_by as IsoDate,
        meetingId: row.meeting_id as string,
        ...parties,
      }
    case 'discussion':
      return { kind: 'discussion', id, date, time: row.time as string, ...parties }
    default:
      return {
        kind: 'conference',
        id,
        date,
        time: row.time as string,
        conferenceKind: row.conference_kind as ConferenceKind,
        ...parties,
      }
  }
}
