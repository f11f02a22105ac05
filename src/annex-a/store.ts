// SQL for Annex A: what masa holds for an LA's contacts, referrals, s47 enquiries and CP plans in a
// period (London dates, both ends included). Sealed children are left out: closed to everyone.

import { type Kysely, sql } from 'kysely'
import type { DB } from '../database.ts'

type Db = Kysely<DB>

export interface Period {
  laId: string
  from: string
  to: string
}

/** The child as every list gives them; null where masa has no child record (an unmatched contact). */
export interface ChildColumns {
  child_ref: string
  sex: string | null
  ethnicity: string | null
  date_of_birth: string | null
  /** The child's household's postcode (a contact's as the referrer gave it): for the partnership view's sector only. */
  postcode: string | null
}

const receivedOn = sql`(r.received_at AT TIME ZONE 'Europe/London')::date`
const decidedOn = sql`(d.decided_at AT TIME ZONE 'Europe/London')::date`
const notSealed = sql`(c.id IS NULL OR c.sensitivity <> 'sealed')`

export interface ContactRow extends ChildColumns {
  contact_date: string
  source: string
}

/** List 1: every contact received at the LA's front door in the period. */
export async function contacts(db: Db, p: Period): Promise<ContactRow[]> {
  const { rows } = await sql<ContactRow>`
    SELECT coalesce(c.la_child_id, 'FD-' || lpad(r.number::text, 6, '0')) AS child_ref,
           c.sex, c.ethnicity, coalesce(c.date_of_birth, r.child_date_of_birth)::text AS date_of_birth,
           coalesce(h.postcode, r.child_postcode) AS postcode,
           ${receivedOn}::text AS contact_date, r.referral_source AS source
    FROM referral r LEFT JOIN child c ON c.id = r.child_id LEFT JOIN household h ON h.id = c.household_id
    WHERE r.la_id = ${p.laId} AND ${receivedOn} BETWEEN ${p.from}::date AND ${p.to}::date AND ${notSealed}
    ORDER BY r.received_at, r.number`.execute(db)
  return rows
}

export interface ReferralRow extends ChildColumns {
  referral_date: string
  source: string
  referrals_in_year: number
}

const FURTHER_ACTION = sql`('cin-assessment-s17', 'strategy-discussion-s47', 'immediate-protection')`

/** List 3: contacts decided for children's social care (an assessment, an s47, protection) in the period. */
export async function referrals(db: Db, p: Period): Promise<ReferralRow[]> {
  const { rows } = await sql<ReferralRow>`
    SELECT coalesce(c.la_child_id, 'FD-' || lpad(r.number::text, 6, '0')) AS child_ref,
           c.sex, c.ethnicity, coalesce(c.date_of_birth, r.child_date_of_birth)::text AS date_of_birth,
           coalesce(h.postcode, r.child_postcode) AS postcode,
           ${decidedOn}::text AS referral_date, r.referral_source AS source,
           (SELECT count(*) FROM referral r2 JOIN threshold_decision d2 ON d2.referral_id = r2.id
             WHERE r2.child_id = r.child_id AND d2.outcome IN ${FURTHER_ACTION}
               AND (d2.decided_at AT TIME ZONE 'Europe/London')::date
                   BETWEEN ${decidedOn} - interval '1 year' + interval '1 day' AND ${decidedOn})::int AS referrals_in_year
    FROM referral r JOIN threshold_decision d ON d.referral_id = r.id LEFT JOIN child c ON c.id = r.child_id
    LEFT JOIN household h ON h.id = c.household_id
    WHERE r.la_id = ${p.laId} AND d.outcome IN ${FURTHER_ACTION}
      AND ${decidedOn} BETWEEN ${p.from}::date AND ${p.to}::date AND ${notSealed}
    ORDER BY d.decided_at, r.number`.execute(db)
  return rows.map((row) => ({
    ...row,
    referrals_in_year: row.child_ref.startsWith('FD-') ? 1 : row.referrals_in_year,
  }))
}

export interface EnquiryRow extends ChildColumns {
  strategy_date: string | null
  started_on: string
  icpc_not_required: boolean
  icpc_date: string | null
  icpc_made_plan: boolean | null
  enquiries_in_year: number
  icpcs_in_year: number
}

/** The 12 months to the period's last day, both ends included. */
const lastYear = (p: Period) => sql`${p.to}::date - interval '1 year' + interval '1 day' AND ${p.to}::date`

/** List 5: s47 enquiries started in the period, with their initial conference (the last one held); the counts are of the 12 months to the period's end. */
export async function enquiries(db: Db, p: Period): Promise<EnquiryRow[]> {
  const { rows } = await sql<EnquiryRow>`
    SELECT c.la_child_id AS child_ref, c.sex, c.ethnicity, c.date_of_birth::text AS date_of_birth,
           h.postcode, sd.meeting_date::text AS strategy_date, s.started_on::text AS started_on,
           (s.outcome = 'icpc-not-required') AS icpc_not_required,
           icpc.meeting_date::text AS icpc_date, icpc.cp_plan AS icpc_made_plan,
           (SELECT count(*) FROM section47_enquiry s2 WHERE s2.child_id = s.child_id
             AND s2.started_on BETWEEN ${lastYear(p)})::int AS enquiries_in_year,
           (SELECT count(*) FROM conference k WHERE k.child_id = s.child_id AND k.kind = 'initial'
             AND k.status = 'decided'
             AND k.meeting_date BETWEEN ${lastYear(p)})::int AS icpcs_in_year
    FROM section47_enquiry s JOIN child c ON c.id = s.child_id LEFT JOIN household h ON h.id = c.household_id
    JOIN strategy_discussion sd ON sd.id = s.strategy_discussion_id
    LEFT JOIN LATERAL (SELECT k.meeting_date, k.cp_plan FROM conference k
      WHERE k.section47_id = s.id AND k.kind = 'initial' AND k.status = 'decided'
      ORDER BY k.meeting_date DESC LIMIT 1) icpc ON true
    WHERE s.la_id = ${p.laId} AND s.started_on BETWEEN ${p.from}::date AND ${p.to}::date AND ${notSealed}
    ORDER BY s.started_on, c.la_child_id`.execute(db)
  return rows
}

export interface PlanRow extends ChildColumns {
  start_date: string
  initial_category: string
  latest_category: string | null
  latest_review: string | null
  end_date: string | null
  previous_plans: number
}

/** List 7: CP plans open at any time in the period. */
export async function plans(db: Db, p: Period): Promise<PlanRow[]> {
  const { rows } = await sql<PlanRow>`
    SELECT c.la_child_id AS child_ref, c.sex, c.ethnicity, c.date_of_birth::text AS date_of_birth,
           h.postcode, cp.start_date::text AS start_date, cp.category AS initial_category, cp.latest_category,
           (SELECT max(k.meeting_date) FROM conference k WHERE k.plan_id = cp.id AND k.kind = 'review'
             AND k.status = 'decided' AND k.meeting_date <= ${p.to}::date)::text AS latest_review,
           cp.end_date::text AS end_date,
           (SELECT count(*) FROM child_protection_plan before
             WHERE before.child_id = cp.child_id AND before.start_date < cp.start_date)::int AS previous_plans
    FROM child_protection_plan cp JOIN child c ON c.id = cp.child_id LEFT JOIN household h ON h.id = c.household_id
    WHERE cp.la_id = ${p.laId} AND cp.start_date <= ${p.to}::date
      AND (cp.end_date IS NULL OR cp.end_date >= ${p.from}::date) AND ${notSealed}
    ORDER BY cp.start_date, c.la_child_id`.execute(db)
  return rows
}
