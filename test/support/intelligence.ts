// Seeds what the performance dashboard measures, as the workflows leave it in the tables: referrals
// and their decisions, section 47 enquiries and their initial conferences, plans and their first core
// groups, and agencies told of shared events. Times are London wall-clock ('2026-05-22T16:00').

import { type Kysely, sql } from 'kysely'
import type { DB } from '../../src/database.ts'

type Db = Kysely<DB>

/** A London wall-clock time as an instant (the dashboard's tests run in GMT and BST months). */
export function london(local: string): Date {
  const guess = new Date(`${local}:00Z`)
  const shown = new Date(guess.toLocaleString('en-US', { timeZone: 'Europe/London' }))
  const asUtc = new Date(guess.toLocaleString('en-US', { timeZone: 'UTC' }))
  return new Date(guess.getTime() - (shown.getTime() - asUtc.getTime()))
}

let sequence = 0
const next = () => {
  sequence += 1
  return sequence
}

export async function seedChild(db: Db, laId: string): Promise<string> {
  const { rows } = await sql<{ id: string }>`
    INSERT INTO child (la_id, la_child_id, given_name, family_name, sex)
    VALUES (${laId}, ${`INT-${next()}`}, 'Synthetic', 'Child', 'U') RETURNING id`.execute(db)
  return rows[0]?.id as string
}

/** A referral received at `receivedAt`, decided at `decidedAt` if given; returns its reference number. */
export async function seedReferral(
  db: Db,
  r: { laId: string; childId?: string; receivedAt: Date; decidedAt?: Date },
): Promise<number> {
  const key = `intelligence-${next()}`
  const { rows } = await sql<{ id: string; number: string }>`
    INSERT INTO referral (la_id, child_id, child_first_name, child_last_name, what_happened, worries,
      family_knows, consent, urgency, referral_source, referrer_user_id, referrer_name, referrer_agency_id,
      referrer_role, referrer_email, route, queue, priority, had_live_cp_plan, received_at, decision_due_by,
      status, client_id, idempotency_key, request_hash)
    VALUES (${r.laId}, ${r.childId ?? null}, 'Synthetic', 'Child', 'Seeded', 'Seeded', 'Yes', 'given', 'standard',
      '2A', 'seed', 'Seed Referrer', 'llr-schools', 'Teacher', 'seed@school.example', 'la-screening',
      'la-screening', 3, false, ${r.receivedAt}, ${r.receivedAt}::date, ${r.decidedAt ? 'decided' : 'awaiting-screening'},
      'seed', ${key}, ${key})
    RETURNING id, number`.execute(db)
  const referral = rows[0] as { id: string; number: string }
  if (r.decidedAt)
    await sql`INSERT INTO threshold_decision (referral_id, outcome, reasons, level_of_need, decided_by,
        decided_by_name, decided_by_agency_id, decided_at, working_days_taken, within_timescale, feedback_to_referrer)
      VALUES (${referral.id}, 'early-help', 'Seeded', 2, 'seed', 'Seed Screener', 'leicester-city-council',
        ${r.decidedAt}, 0, true, 'Seeded')`.execute(db)
  return Number(referral.number)
}

/** A section 47 enquiry begun at a strategy discussion on `startedOn`, with its initial conference if held. */
export async function seedSection47(
  db: Db,
  s: {
    laId: string
    childId: string
    startedOn: string
    icpcOn?: string
    icpcStatus?: 'decided' | 'inquorate'
  },
): Promise<number> {
  const { rows } = await sql<{ id: string; number: string }>`
    INSERT INTO strategy_discussion (child_id, la_id, origin, concerns, requested_by, due_by, status, meeting_date)
    VALUES (${s.childId}, ${s.laId}, 'urgent', 'Seeded', 'seed', ${s.startedOn}::date, 'signed-off', ${s.startedOn}::date)
    RETURNING id, number`.execute(db)
  const discussion = rows[0] as { id: string; number: string }
  const enquiry = await sql<{ id: string }>`
    INSERT INTO section47_enquiry (child_id, la_id, strategy_discussion_id, joint_with_police, started_on, icpc_due_by)
    VALUES (${s.childId}, ${s.laId}, ${discussion.id}, true, ${s.startedOn}::date, ${s.startedOn}::date)
    RETURNING id`.execute(db)
  if (s.icpcOn)
    await sql`INSERT INTO conference (child_id, la_id, kind, section47_id, due_by, meeting_date, meeting_time,
        location, reports_to_parents_by, status, booked_by)
      VALUES (${s.childId}, ${s.laId}, 'initial', ${enquiry.rows[0]?.id}, ${s.icpcOn}::date, ${s.icpcOn}::date,
        '10:00', 'Seeded room', ${s.icpcOn}::date, ${s.icpcStatus ?? 'decided'}, 'seed')`.execute(db)
  return Number(discussion.number)
}

/** A plan an initial conference on `icpcOn` made, with its first core group if held; returns the conference number. */
export async function seedPlan(
  db: Db,
  p: { laId: string; childId: string; icpcOn: string; coreGroupOn?: string; endedOn?: string },
): Promise<number> {
  const { rows } = await sql<{ id: string }>`
    INSERT INTO child_protection_plan (child_id, la_id, category, start_date, end_date)
    VALUES (${p.childId}, ${p.laId}, 'NEG', ${p.icpcOn}::date, ${p.endedOn ?? null}::date) RETURNING id`.execute(
    db,
  )
  const planId = rows[0]?.id as string
  const discussion = await sql<{ id: string }>`
    INSERT INTO strategy_discussion (child_id, la_id, origin, concerns, requested_by, due_by, status, meeting_date)
    VALUES (${p.childId}, ${p.laId}, 'urgent', 'Seeded', 'seed', ${p.icpcOn}::date, 'signed-off', ${p.icpcOn}::date)
    RETURNING id`.execute(db)
  const enquiry = await sql<{ id: string }>`
    INSERT INTO section47_enquiry (child_id, la_id, strategy_discussion_id, joint_with_police, started_on, icpc_due_by, outcome)
    VALUES (${p.childId}, ${p.laId}, ${discussion.rows[0]?.id}, true, ${p.icpcOn}::date, ${p.icpcOn}::date, 'icpc')
    RETURNING id`.execute(db)
  const conference = await sql<{ number: string }>`
    INSERT INTO conference (child_id, la_id, kind, section47_id, plan_id, due_by, meeting_date, meeting_time,
      location, reports_to_parents_by, status, booked_by, quorate, cp_plan, category)
    VALUES (${p.childId}, ${p.laId}, 'initial', ${enquiry.rows[0]?.id}, ${planId}, ${p.icpcOn}::date, ${p.icpcOn}::date,
      '10:00', 'Seeded room', ${p.icpcOn}::date, 'decided', 'seed', true, true, 'NEG')
    RETURNING number`.execute(db)
  if (p.coreGroupOn)
    await sql`INSERT INTO core_group_meeting (plan_id, held_on, attending_agency_ids, recorded_by, recorded_by_name)
      VALUES (${planId}, ${p.coreGroupOn}::date, ARRAY['leicester-city-council'], 'seed', 'Seed Chair')`.execute(
      db,
    )
  return Number(conference.rows[0]?.number)
}

/** An agency told of an event about a child, due to acknowledge by `dueAt`, acknowledged at `acknowledgedAt` if given. */
export async function seedAcknowledgement(
  db: Db,
  a: { laId: string; childId: string; agencyId: string; toldAt: Date; dueAt: Date; acknowledgedAt?: Date },
): Promise<void> {
  const id = next()
  const { rows } = await sql<{ id: string }>`
    INSERT INTO shared_event (sender_agency_id, sender_event_id, content_hash, type, occurred_at, received_at,
      posted_by, summary, sensitivity, lawful_basis, risk)
    VALUES ('leicestershire-police', ${`seed-${id}`}, ${`hash-${id}`}, 'new-concern', ${a.toldAt}, ${a.toldAt},
      'seed', 'Seeded event', 'standard', 'Seeded', 'medium') RETURNING id`.execute(db)
  const eventId = rows[0]?.id as string
  await sql`INSERT INTO shared_event_child (event_id, position, child_id, la_id, reference)
    VALUES (${eventId}, 0, ${a.childId}, ${a.laId}, '{}'::jsonb)`.execute(db)
  await sql`INSERT INTO sharing_notification (event_id, agency_id, sees_restricted, created_at, due_at,
      acknowledged_at, acknowledged_by, acknowledgement_note)
    VALUES (${eventId}, ${a.agencyId}, false, ${a.toldAt}, ${a.dueAt}, ${a.acknowledgedAt ?? null},
      ${a.acknowledgedAt ? 'seed' : null}, ${a.acknowledgedAt ? 'Seen' : null})`.execute(db)
}

/** A strategy discussion held on `heldOn` (still only scheduled if not `circulatedAt`), its record circulated at `circulatedAt`. */
export async function seedDiscussion(
  db: Db,
  d: {
    laId: string
    childId: string
    heldOn: string
    dueBy?: string
    circulatedAt?: Date
    lateReason?: string
  },
): Promise<number> {
  const { rows } = await sql<{ id: string; number: string }>`
    INSERT INTO strategy_discussion (child_id, la_id, origin, concerns, requested_by, due_by, status,
      meeting_date, signed_off_at, late_reason)
    VALUES (${d.childId}, ${d.laId}, 'urgent', 'Seeded', 'seed', ${d.dueBy ?? d.heldOn}::date,
      ${d.circulatedAt ? 'signed-off' : 'scheduled'}, ${d.heldOn}::date, ${d.circulatedAt ?? null},
      ${d.lateReason ?? null})
    RETURNING id, number`.execute(db)
  const discussion = rows[0] as { id: string; number: string }
  if (d.circulatedAt)
    await sql`INSERT INTO strategy_circulation (discussion_id, agency_id, sent_at, due_by)
      VALUES (${discussion.id}, 'leicestershire-police', ${d.circulatedAt}, ${d.heldOn}::date)`.execute(db)
  return Number(discussion.number)
}

/** An open plan begun on `startedOn` (ended on `endedOn` if given), with no conference record. */
export async function seedBarePlan(
  db: Db,
  p: { laId: string; childId: string; startedOn: string; endedOn?: string; category?: string },
): Promise<string> {
  const { rows } = await sql<{ id: string }>`
    INSERT INTO child_protection_plan (child_id, la_id, category, start_date, end_date)
    VALUES (${p.childId}, ${p.laId}, ${p.category ?? 'NEG'}, ${p.startedOn}::date, ${p.endedOn ?? null}::date)
    RETURNING id`.execute(db)
  return rows[0]?.id as string
}

/** A review conference of a plan, due by `dueBy` and booked for `meetingOn`, with the agencies invited. */
export async function seedReview(
  db: Db,
  c: {
    laId: string
    childId: string
    planId: string
    dueBy: string
    meetingOn: string
    status: 'booked' | 'decided' | 'inquorate' | 'cancelled'
    lateReason?: string
    replacesNumber?: number
    reportsBy?: string
    minutesCirculatedAt?: Date
    invited?: { agencyId: string; attended: boolean | null; reportAt?: Date }[]
  },
): Promise<number> {
  const { rows } = await sql<{ id: string; number: string }>`
    INSERT INTO conference (child_id, la_id, kind, plan_id, replaces_id, due_by, meeting_date, meeting_time,
      location, reports_to_parents_by, status, booked_by, late_reason, quorate, decided_at)
    VALUES (${c.childId}, ${c.laId}, 'review', ${c.planId},
      (SELECT id FROM conference WHERE number = ${c.replacesNumber ?? null}), ${c.dueBy}::date, ${c.meetingOn}::date,
      '10:00', 'Seeded room', ${c.reportsBy ?? c.meetingOn}::date, ${c.status}, 'seed', ${c.lateReason ?? null},
      ${c.status === 'decided' ? true : c.status === 'inquorate' ? false : null},
      ${c.status === 'decided' || c.status === 'inquorate' ? london(`${c.meetingOn}T12:00`) : null})
    RETURNING id, number`.execute(db)
  const conference = rows[0] as { id: string; number: string }
  for (const invited of c.invited ?? [])
    await sql`INSERT INTO conference_invitation (conference_id, agency_id, agency_kind, invitee_name, invitee_email,
        attended, report, report_submitted_at)
      VALUES (${conference.id}, ${invited.agencyId}, 'other', 'Seed Invitee', 'seed@agency.example',
        ${invited.attended}, ${invited.reportAt ? 'Seeded report' : null}, ${invited.reportAt ?? null})`.execute(
      db,
    )
  if (c.minutesCirculatedAt) {
    await sql`INSERT INTO conference_minutes (conference_id, discussion, risk_analysis, recorded_by,
        recorded_by_name, signed_off_at, signed_off_by, signed_off_by_name)
      VALUES (${conference.id}, 'Seeded', 'Seeded', 'seed', 'Seed Chair', ${c.minutesCirculatedAt}, 'seed',
        'Seed Chair')`.execute(db)
    await sql`INSERT INTO conference_circulation (conference_id, agency_id, sent_at, due_by)
      VALUES (${conference.id}, 'leicestershire-police', ${c.minutesCirculatedAt}, ${c.meetingOn}::date)`.execute(
      db,
    )
  }
  return Number(conference.number)
}

/** A professional disagreement about a child raised at `raisedAt`, at `stage` (resolved there at `resolvedAt`). */
export async function seedDisagreement(
  db: Db,
  d: {
    laId: string
    childId: string
    raisedAt: Date
    stage: 1 | 2 | 3 | 4
    resolvedAt?: Date
    raisedBy?: string
  },
): Promise<void> {
  await sql`INSERT INTO disagreement (child_id, la_id, raised_by, raised_by_name, raiser_agency_id,
      other_agency_id, about_kind, reason_id, reason_label, detail, stage, stage_started_on, stage_due_by,
      raised_at, resolved_at)
    VALUES (${d.childId}, ${d.laId}, 'seed', 'Seed Raiser', ${d.raisedBy ?? 'leicestershire-police'},
      'leicester-city-council', 'outside-masa', 'other', 'Other', 'Seeded', ${d.stage}, ${d.raisedAt}::date,
      ${d.raisedAt}::date, ${d.raisedAt}, ${d.resolvedAt ?? null})`.execute(db)
}

/** A VOLT link between a child and an exploitation theme, seen on `seenOn` (handling code C: police only). */
export async function seedThemeLink(
  db: Db,
  l: { childId: string; theme: string; seenOn: string; policeOnly?: boolean },
): Promise<void> {
  await sql`INSERT INTO volt_link (a_kind, a_ref, b_kind, b_ref, link_type, source_agency_id, seen_on,
      source_evaluation, intelligence_assessment, handling_code, handling_conditions, recorded_by, recorded_by_name)
    VALUES ('child', ${l.childId}, 'theme', ${l.theme}, 'associated', 'leicestershire-police', ${l.seenOn}::date,
      ${l.policeOnly ? 1 : null}, ${l.policeOnly ? 'A' : null}, ${l.policeOnly ? 'C' : null},
      ${l.policeOnly ? 'Police only' : null}, 'seed', 'Seed Officer')`.execute(db)
}
