// The chronology of the demo history (history.ts): the events the service would have written as each
// referral, decision, strategy discussion, enquiry, conference, agency report, plan and core group
// happened, so a child with history has a multi-agency chronology to read. Agencies' reports carry
// their marking (police and health restricted), as the service writes them. Set by set, in the
// history's transaction, from the rows it wrote (each marked 'demo-history').

import { type Kysely, sql } from 'kysely'
import type { DB } from '../database.ts'
import type { PartnershipConfig } from '../partnership/config.ts'

const ACTOR = 'demo-history'
/** A referral's number as people quote it ('FD-000042'), as formatReferralNumber writes it. */
const NUMBER = sql`'FD-' || lpad(r.number::text, 6, '0')`

const OUTCOME_WORDS: Record<string, string> = {
  'strategy-discussion-s47': 'strategy discussion',
  'nfa-advice': 'no further action, with advice',
  'early-help': 'early help',
  'cin-assessment-s17': 'child in need assessment',
}

/** Writes the history's events; returns how many. */
export async function writeHistoryEvents(db: Kysely<DB>, partnership: PartnershipConfig): Promise<number> {
  const las = partnership.local_authorities.map((la) => la.id)
  const laAgencies = las.map(
    (laId) => partnership.agencies.find((a) => a.kind === 'local-authority' && a.la === laId)?.id ?? laId,
  )
  const laAgency = (laId: ReturnType<typeof sql>) =>
    sql`(${laAgencies}::text[])[array_position(${las}::text[], ${laId})]`
  const insert = (select: ReturnType<typeof sql>) => sql`
    INSERT INTO domain_event (occurred_at, type, child_id, la_id, agency_id, actor_id, summary, sensitivity, payload)
    ${select}`
  const statements = [
    sql`SELECT r.received_at, 'referral.received', r.child_id, r.la_id, r.referrer_agency_id, ${ACTOR},
        CASE r.urgency WHEN 'urgent' THEN 'Urgent referral ' ELSE 'Referral ' END || ${NUMBER} || ' received from '
          || r.referrer_role, 'standard', jsonb_build_object('referralId', r.id)
      FROM referral r WHERE r.client_id = ${ACTOR} AND r.child_id IS NOT NULL`,
    sql`SELECT d.decided_at, 'threshold.decided', r.child_id, r.la_id, d.decided_by_agency_id, ${ACTOR},
        ${NUMBER} || ': ' || (${JSON.stringify(OUTCOME_WORDS)}::jsonb ->> d.outcome)
          || ' (level ' || d.level_of_need || '), ' || CASE WHEN d.within_timescale THEN 'in time' ELSE 'late' END,
        'standard', jsonb_build_object('referralId', r.id)
      FROM threshold_decision d JOIN referral r ON r.id = d.referral_id
      WHERE d.decided_by = ${ACTOR} AND r.child_id IS NOT NULL`,
    // Booked, held and started once the decision asking for it is made (the history's meeting may
    // fall the day before the decision's record).
    sql`SELECT greatest(s.requested_at, d.decided_at), 'strategy.scheduled', s.child_id, s.la_id,
        ${laAgency(sql`s.la_id`)}, ${ACTOR}, 'Strategy meeting on ' || to_char(s.meeting_date, 'FMDD FMMonth YYYY'),
        'standard', '{}'::jsonb
      FROM strategy_discussion s JOIN threshold_decision d ON d.referral_id = s.referral_id
      WHERE s.requested_by = ${ACTOR}`,
    sql`SELECT greatest(s.signed_off_at, d.decided_at + interval '2 hours'), 'strategy.signed-off', s.child_id,
        s.la_id, ${laAgency(sql`s.la_id`)}, ${ACTOR}, 'Strategy discussion record signed off', 'standard', '{}'::jsonb
      FROM strategy_discussion s JOIN threshold_decision d ON d.referral_id = s.referral_id
      WHERE s.requested_by = ${ACTOR} AND s.signed_off_at IS NOT NULL`,
    sql`SELECT greatest(e.started_on::timestamp AT TIME ZONE 'Europe/London' + interval '14 hours',
          d.decided_at + interval '1 hour'), 'section47.started', e.child_id, e.la_id, ${laAgency(sql`e.la_id`)},
        ${ACTOR}, CASE WHEN e.joint_with_police THEN 'Section 47 enquiry started, jointly with the police'
          ELSE 'Section 47 enquiry started' END, 'standard', '{}'::jsonb
      FROM section47_enquiry e JOIN strategy_discussion s ON s.id = e.strategy_discussion_id
      JOIN threshold_decision d ON d.referral_id = s.referral_id
      WHERE s.requested_by = ${ACTOR}`,
    sql`SELECT c.booked_at, 'conference.booked', c.child_id, c.la_id, ${laAgency(sql`c.la_id`)}, ${ACTOR},
        CASE c.kind WHEN 'initial' THEN 'Initial' ELSE 'Review' END || ' child protection conference booked for '
          || to_char(c.meeting_date, 'FMDD FMMonth YYYY'), 'standard', '{}'::jsonb
      FROM conference c WHERE c.booked_by = ${ACTOR}`,
    sql`SELECT i.report_submitted_at, 'conference.report-submitted', c.child_id, c.la_id, i.agency_id, ${ACTOR},
        'Report for the conference sent',
        CASE i.agency_kind WHEN 'police' THEN 'police-restricted' WHEN 'health' THEN 'health-restricted'
          ELSE 'standard' END, '{}'::jsonb
      FROM conference_invitation i JOIN conference c ON c.id = i.conference_id
      WHERE c.booked_by = ${ACTOR} AND i.report_submitted_at IS NOT NULL`,
    sql`SELECT c.decided_at, CASE WHEN c.status = 'inquorate' THEN 'conference.inquorate' ELSE 'conference.decided' END,
        c.child_id, c.la_id, ${laAgency(sql`c.la_id`)}, ${ACTOR},
        CASE WHEN c.status = 'inquorate' THEN 'Conference not quorate: to meet again'
          WHEN c.cp_plan OR c.review_outcome = 'continue' THEN 'Conference decided on a child protection plan'
          WHEN c.review_outcome = 'end' THEN 'Conference decided the plan can end'
          ELSE 'Conference decided no plan is needed' END, 'standard', '{}'::jsonb
      FROM conference c WHERE c.booked_by = ${ACTOR} AND c.decided_at IS NOT NULL`,
    sql`SELECT p.start_date::timestamp AT TIME ZONE 'Europe/London' + interval '15 hours', 'cp-plan.started',
        p.child_id, p.la_id, ${laAgency(sql`p.la_id`)}, ${ACTOR}, 'Child protection plan started', 'standard',
        '{}'::jsonb
      FROM child_protection_plan p JOIN conference c ON c.plan_id = p.id AND c.kind = 'initial'
      WHERE c.booked_by = ${ACTOR} AND c.replaces_id IS NULL`,
    sql`SELECT g.held_on::timestamp AT TIME ZONE 'Europe/London' + interval '11 hours', 'cp-plan.core-group-met',
        p.child_id, p.la_id, ${laAgency(sql`p.la_id`)}, ${ACTOR}, 'Core group met', 'standard', '{}'::jsonb
      FROM core_group_meeting g JOIN child_protection_plan p ON p.id = g.plan_id WHERE g.recorded_by = ${ACTOR}`,
    sql`SELECT p.end_date::timestamp AT TIME ZONE 'Europe/London' + interval '15 hours', 'cp-plan.ended',
        p.child_id, p.la_id, ${laAgency(sql`p.la_id`)}, ${ACTOR}, 'Child protection plan ended', 'standard',
        '{}'::jsonb
      FROM child_protection_plan p JOIN conference c ON c.plan_id = p.id AND c.kind = 'initial'
      WHERE c.booked_by = ${ACTOR} AND c.replaces_id IS NULL AND p.end_date IS NOT NULL`,
  ]
  let written = 0
  for (const select of statements) {
    const { numAffectedRows } = await insert(select).execute(db)
    written += Number(numAffectedRows ?? 0)
  }
  return written
}
