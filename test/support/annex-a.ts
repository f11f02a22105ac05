// What the Annex A tests read: one Leicester child through contact, referral, strategy discussion,
// s47, initial conference, CP plan and review in April to September 2025, an earlier contact and
// plan, an unmatched contact, a sealed child on a plan and a contact in another LA.

import { type Kysely, sql } from 'kysely'
import type { DB } from '../../src/database.ts'

let serial = 0

async function child(db: Kysely<DB>, la: string, id: string, sensitivity = 'standard') {
  const { rows } = await sql<{ id: string }>`
    INSERT INTO child (la_id, la_child_id, given_name, family_name, date_of_birth, sex, ethnicity, sensitivity)
    VALUES (${la}, ${id}, 'Ava', 'Synthetic', '2015-06-10', 'F', 'WBRI', ${sensitivity}) RETURNING id`.execute(
    db,
  )
  return (rows[0] as { id: string }).id
}

async function contact(
  db: Kysely<DB>,
  la: string,
  childId: string | null,
  receivedAt: string,
  source: string,
  outcome: string,
) {
  serial += 1
  const { rows } = await sql<{ id: string }>`
    INSERT INTO referral (la_id, child_id, child_first_name, child_last_name, child_date_of_birth, what_happened,
      worries, family_knows, consent, urgency, referral_source, referrer_user_id, referrer_name,
      referrer_agency_id, referrer_role, referrer_email, route, queue, priority, had_live_cp_plan,
      received_at, decision_due_by, status, client_id, idempotency_key, request_hash)
    VALUES (${la}, ${childId}, 'Ava', 'Synthetic', '2019-01-01', 'w', 'w', 'yes', 'given', 'standard', ${source},
      'user:x', 'A Referrer', 'school', 'teacher', 'referrer@example.org', 'la-screening', 'la-screening', 1,
      false, ${receivedAt}::timestamptz, ${receivedAt}::date + 1, 'decided', 'annex-a-test',
      ${`key-${serial}`}, 'h') RETURNING id`.execute(db)
  const id = (rows[0] as { id: string }).id
  await sql`
    INSERT INTO threshold_decision (referral_id, outcome, reasons, level_of_need, decided_by, decided_by_name,
      decided_by_agency_id, decided_at, working_days_taken, within_timescale, feedback_to_referrer)
    VALUES (${id}, ${outcome}, 'r', 4, 'user:y', 'A Screener', 'leicester-city-council',
      ${receivedAt}::timestamptz + interval '2 hours', 0, true, 'f')`.execute(db)
  return id
}

async function plan(
  db: Kysely<DB>,
  childId: string,
  start: string,
  end: string | null,
  latest: string | null,
) {
  const { rows } = await sql<{ id: string }>`
    INSERT INTO child_protection_plan (child_id, la_id, category, latest_category, start_date, end_date)
    VALUES (${childId}, 'leicester', 'NEG', ${latest}, ${start}, ${end}) RETURNING id`.execute(db)
  return (rows[0] as { id: string }).id
}

async function conference(
  db: Kysely<DB>,
  childId: string,
  kind: 'initial' | 'review',
  on: string,
  link: { section47Id?: string; planId?: string },
) {
  await sql`
    INSERT INTO conference (child_id, la_id, kind, section47_id, plan_id, due_by, meeting_date, meeting_time,
      location, reports_to_parents_by, status, booked_by, cp_plan, category)
    VALUES (${childId}, 'leicester', ${kind}, ${link.section47Id ?? null}, ${link.planId ?? null}, ${on}, ${on},
      '10:00', 'Room 1', ${on}, 'decided', 'user:z', ${kind === 'initial' ? true : null},
      ${kind === 'initial' ? 'NEG' : null})`.execute(db)
}

/** Seeds the scenario; returns the unmatched contact's front door reference. */
export async function seedAnnexA(db: Kysely<DB>): Promise<{ unmatched: string }> {
  const ava = await child(db, 'leicester', 'LEI-A')
  // Her household's postcode: the partnership view gives only its sector (LE2 1).
  await sql`
    WITH h AS (INSERT INTO household (la_id, address_line1, town, postcode)
      VALUES ('leicester', '1 Synthetic Street', 'Leicester', 'LE2 1AA') RETURNING id)
    UPDATE child SET household_id = (SELECT id FROM h) WHERE id = ${ava}`.execute(db)
  await contact(db, 'leicester', ava, '2025-03-15T10:00:00Z', '1A', 'cin-assessment-s17')
  const referral = await contact(
    db,
    'leicester',
    ava,
    '2025-05-02T10:00:00Z',
    '1A',
    'strategy-discussion-s47',
  )
  const unmatched = await contact(db, 'leicester', null, '2025-06-01T10:00:00Z', '5A', 'nfa-advice')
  const other = await child(db, 'leicestershire', 'LCS-B')
  await contact(db, 'leicestershire', other, '2025-05-02T10:00:00Z', '1A', 'strategy-discussion-s47')
  const { rows } = await sql<{ id: string }>`
    INSERT INTO strategy_discussion (child_id, la_id, origin, referral_id, concerns, requested_by, due_by, status, meeting_date)
    VALUES (${ava}, 'leicester', 'threshold-decision', ${referral}, 'c', 'user:z', '2025-05-06', 'signed-off', '2025-05-06')
    RETURNING id`.execute(db)
  const { rows: s47 } = await sql<{ id: string }>`
    INSERT INTO section47_enquiry (child_id, la_id, strategy_discussion_id, joint_with_police, started_on, icpc_due_by, outcome)
    VALUES (${ava}, 'leicester', ${(rows[0] as { id: string }).id}, true, '2025-05-06', '2025-05-28', 'icpc')
    RETURNING id`.execute(db)
  await conference(db, ava, 'initial', '2025-05-19', { section47Id: (s47[0] as { id: string }).id })
  await plan(db, ava, '2023-01-01', '2023-06-01', null)
  const current = await plan(db, ava, '2025-05-19', null, 'EMO')
  await conference(db, ava, 'review', '2025-08-11', { planId: current })
  const sealed = await child(db, 'leicester', 'LEI-SEALED', 'sealed')
  await plan(db, sealed, '2025-05-01', null, null)
  const { rows: numbered } = await sql<{
    number: number
  }>`SELECT number FROM referral WHERE id = ${unmatched}`.execute(db)
  return { unmatched: `FD-${String((numbered[0] as { number: number }).number).padStart(6, '0')}` }
}
