// Up to 5 years of history for the demo children, at about England's published rates per 10,000
// children a year (540 referrals, 175 section 47 enquiries, 65 initial conferences; about 41 on a plan
// at any time): referrals and their decisions, re-referrals, strategy discussions, enquiries, initial
// and review conferences (some booked late with a reason, some inquorate and met again), the agencies
// invited (attendance, reports before the conference), plans, first core groups and records signed off.
// Written in the database set by set (INSERT ... SELECT, nothing crosses the wire), so it keeps the
// loader's pace. Each LA has its own pressure month by month (a season, a drift over the years and
// noise): under pressure decisions, bookings, meetings and reports slip, so the dashboards vary.
// Each child's chronology gets the events of its history (history-events.ts). Then the events partner
// agencies shared about the children and their acknowledgements (history-sharing.ts), and professional
// disagreements with the LA (history-disagreements.ts), their clocks by the modules' own working-day
// rules (history-calendar.ts).

import { type Kysely, sql } from 'kysely'
import type { Database, DB } from '../database.ts'
import type { PartnershipConfig } from '../partnership/config.ts'
import { analyzeInTransaction, holdsOtherPartnerships } from '../platform/maintenance/store.ts'
import { analyseLoadedTables } from '../platform/maintenance/workflow.ts'
import { writeHistoryCalendar } from './history-calendar.ts'
import { writeDisagreementHistory } from './history-disagreements.ts'
import { writeHistoryEvents } from './history-events.ts'
import { type HistoryWriter, writeSharingHistory } from './history-sharing.ts'

export interface DemoHistoryOptions {
  /** Years of history before today, 1 to 5. */
  years: number
  seed: number
  now?: Date
}

export interface DemoHistoryResult {
  referrals: number
  enquiries: number
  initialConferences: number
  plans: number
  /** Every row written, in all tables. */
  rows: number
  seconds: number
}

export const MAX_HISTORY_YEARS = 5

/** Per child a year (England's published rates per 10,000 children). */
const REFERRALS_PER_CHILD_YEAR = 0.054
/**
 * A child referred is referred again 3 weeks to 2 years later: half of those whose first referral
 * went to a strategy discussion, a quarter of the others (about a third in all, so that about one
 * referral in five is a re-referral within 12 months).
 */
const REREFERRED = { known: 0.5, others: 0.24, overall: 0.33 }
/** A child referred again meets the same decisions as before more often than not: repeat plans. */
const SAME_AGAIN = 0.7
const TO_STRATEGY = 0.31
const TO_SECTION_47 = 0.9
const TO_ICPC = 0.37
const TO_PLAN = 0.75
/** A child's first plan in the window had one before the window: this share at its start, less later on. */
const EARLIER_PLAN = 0.3

/** Who is asked to conferences, by kind of agency: the LA always, schools and others less often. */
const INVITED: Record<string, number> = {
  'local-authority': 1,
  police: 0.95,
  health: 0.9,
  education: 0.6,
  other: 0.3,
}

const LATE_REASONS = [
  'The chair was ill',
  'No room was free on the day',
  'The police officer was on leave',
  'The family asked for another day',
  'The social worker was in court',
]

/** The history's tables, analysed once written. */
const HISTORY_TABLES = [
  'referral',
  'threshold_decision',
  'strategy_discussion',
  'section47_enquiry',
  'conference',
  'conference_invitation',
  'conference_minutes',
  'child_protection_plan',
  'core_group_meeting',
  'shared_event',
  'shared_event_restricted',
  'shared_event_child',
  'sharing_notification',
  'sharing_escalation',
  'disagreement',
  'disagreement_stage',
  'domain_event',
]

/** The tables analysed within the load before the conferences' invitations, minutes and meetings join them. */
const WRITTEN_BEFORE_INVITATIONS = ['referral', 'section47_enquiry', 'conference', 'child_protection_plan']

/** Grows `years` of history over the children already loaded (`loadDemoData`), in one transaction. */
export async function growDemoHistory(
  database: Database,
  partnership: PartnershipConfig,
  options: DemoHistoryOptions,
): Promise<DemoHistoryResult> {
  if (!Number.isInteger(options.years) || options.years < 1 || options.years > MAX_HISTORY_YEARS)
    throw new RangeError(`Years of history are 1 to ${MAX_HISTORY_YEARS}`)
  const started = performance.now()
  const now = options.now ?? new Date()
  const result = await database.db.transaction().execute((trx) => grow(trx, partnership, options, now))
  await analyseLoadedTables(database.db, HISTORY_TABLES)
  return { ...result, seconds: (performance.now() - started) / 1000 }
}

async function grow(
  db: Kysely<DB>,
  partnership: PartnershipConfig,
  { years, seed }: DemoHistoryOptions,
  now: Date,
): Promise<Omit<DemoHistoryResult, 'seconds'>> {
  const laIds = partnership.local_authorities.map((la) => la.id)
  const served = partnership.agencies.flatMap((agency) =>
    (agency.kind === 'local-authority' ? [agency.la] : agency.serves === 'all' ? laIds : agency.serves).map(
      (laId) => ({ laId, agencyId: agency.id, kind: agency.kind }),
    ),
  )
  let rows = 0
  const run = async (query: ReturnType<typeof sql>) => {
    const { numAffectedRows } = await query.execute(db)
    rows += Number(numAffectedRows ?? 0)
  }
  const step = (query: ReturnType<typeof sql>) => query.execute(db)
  // The same seed draws the same history over the same children.
  await step(sql`SELECT setseed(${((seed % 2000) - 1000) / 1000}::float8)`)
  const today = sql`(${now}::timestamptz AT TIME ZONE 'Europe/London')::date`
  const start = sql`(${today} - ${`${years} years`}::interval)::date`
  const atLondon = (day: ReturnType<typeof sql>, hours: ReturnType<typeof sql>) =>
    sql`((${day})::timestamp + (${hours}) * interval '1 hour') AT TIME ZONE 'Europe/London'`

  // Each LA's pressure (0 to 1) month by month: a season peaking in the autumn and spring terms, a
  // drift better or worse over the years, and noise.
  await step(sql`
    CREATE TEMP TABLE h_pressure ON COMMIT DROP AS
    SELECT la.la_id, m::date AS month,
      least(1, greatest(0, 0.25 + la.drift * ((m::date - ${start}) / 365.0)
        + 0.15 * sin(2 * pi() * extract(month FROM m) / 12 + la.phase) + 0.3 * random()))::float8 AS p
    FROM (SELECT unnest(${laIds}::text[]) AS la_id, random() * 0.12 - 0.05 AS drift, random() * 2 * pi() AS phase) la
    CROSS JOIN generate_series(date_trunc('month', ${start}::timestamp), ${today}::timestamp, interval '1 month') m`)
  await step(sql`ALTER TABLE h_pressure ADD PRIMARY KEY (la_id, month)`)
  const pressure = (la: ReturnType<typeof sql>, day: ReturnType<typeof sql>) =>
    sql`coalesce((SELECT hp.p FROM h_pressure hp WHERE hp.la_id = ${la} AND hp.month = date_trunc('month', ${day})::date), 0.3)`
  await step(sql`
    CREATE TEMP TABLE h_agency ON COMMIT DROP AS
    SELECT * FROM unnest(${served.map((s) => s.laId)}::text[], ${served.map((s) => s.agencyId)}::text[],
      ${served.map((s) => s.kind)}::text[]) AS a(la_id, agency_id, kind)`)

  // Referrals: each child's chance in proportion to the years it was a child (or expected) in the
  // window, some referred again 3 weeks to 2 years later; decided within a working day unless the
  // front door is under pressure.
  await step(sql`
    CREATE TEMP TABLE h_referral ON COMMIT DROP AS
    WITH exposed AS (
      SELECT c.id AS child_id, c.la_id, c.given_name, c.family_name,
        greatest(${start}, coalesce(c.date_of_birth, c.expected_date_of_birth, ${start}) - 150) AS from_day
      FROM child c WHERE c.la_id = ANY(${laIds}::text[])
    ), weighed AS (
      -- The rate is per child a year: today's children, weighted by the days each was a child (or expected).
      SELECT e.*, (${today} - e.from_day) * count(*) OVER () * ${years}::float8
        / nullif(sum(greatest(${today} - e.from_day, 0)) OVER (), 0) AS weight
      FROM exposed e
    ), firsts AS (
      SELECT child_id, la_id, given_name, family_name,
        ${atLondon(sql`from_day + floor(random() * (${today} - from_day))::int`, sql`7 + random() * 12`)} AS received_at,
        random() AS u1, random() AS u2, random() AS u3, random() AS same
      FROM weighed
      WHERE from_day < ${today} AND random() < ${REFERRALS_PER_CHILD_YEAR / (1 + REREFERRED.overall * 0.85)}::float8 * weight
    ), again AS (
      SELECT f.child_id, f.la_id, f.given_name, f.family_name,
        f.received_at + (21 + power(random(), 1.3) * 700) * interval '1 day',
        CASE WHEN f.same < ${SAME_AGAIN}::float8 THEN f.u1 ELSE random() END,
        CASE WHEN f.same < ${SAME_AGAIN}::float8 THEN f.u2 ELSE random() END,
        CASE WHEN f.same < ${SAME_AGAIN}::float8 THEN f.u3 ELSE random() END, f.same
      FROM firsts f
      WHERE random() < CASE WHEN f.u1 < ${TO_STRATEGY}::float8 THEN ${REREFERRED.known}::float8 ELSE ${REREFERRED.others}::float8 END
    ), received AS (
      SELECT * FROM firsts UNION ALL SELECT * FROM again
    )
    SELECT gen_random_uuid() AS id, r.*, ${pressure(sql`r.la_id`, sql`r.received_at`)} AS p,
      random() AS r1, random() AS r2, random() AS r3
    FROM received r WHERE r.received_at < ${now}`)
  await step(sql`
    ALTER TABLE h_referral ADD COLUMN decided_at timestamptz, ADD COLUMN outcome text, ADD COLUMN source text`)
  await step(sql`
    UPDATE h_referral SET
      decided_at = nullif(least(${now}, received_at + CASE WHEN r1 < 0.04 + 0.3 * p
        THEN (30 + r2 * 110) ELSE r2 * 20 END * interval '1 hour'), ${now}),
      outcome = CASE WHEN u1 < ${TO_STRATEGY}::float8 THEN 'strategy-discussion-s47'
        WHEN u1 < 0.58 THEN 'nfa-advice' WHEN u1 < 0.8 THEN 'early-help' ELSE 'cin-assessment-s17' END,
      source = CASE WHEN r3 < 0.29 THEN '6' WHEN r3 < 0.49 THEN '2A' WHEN r3 < 0.53 THEN '3A'
        WHEN r3 < 0.57 THEN '3B' WHEN r3 < 0.60 THEN '3E' WHEN r3 < 0.64 THEN '3F' WHEN r3 < 0.70 THEN '5A'
        WHEN r3 < 0.76 THEN '5D' WHEN r3 < 0.84 THEN '1A' WHEN r3 < 0.87 THEN '1C' WHEN r3 < 0.89 THEN '4'
        WHEN r3 < 0.91 THEN '7' WHEN r3 < 0.93 THEN '9' ELSE '8' END`)
  await run(sql`
    INSERT INTO referral (id, la_id, child_id, child_first_name, child_last_name, what_happened, worries,
      family_knows, consent, urgency, referral_source, referrer_user_id, referrer_name, referrer_agency_id,
      referrer_role, referrer_email, route, queue, priority, had_live_cp_plan, received_at, decision_due_by,
      status, client_id, idempotency_key, request_hash)
    SELECT h.id, h.la_id, h.child_id, h.given_name, h.family_name, 'Demo history', 'Demo history', 'Yes', 'given',
      CASE WHEN h.outcome = 'strategy-discussion-s47' THEN 'urgent' ELSE 'standard' END, h.source, 'demo-history',
      'Demo referrer', (SELECT a.agency_id FROM h_agency a WHERE a.la_id = h.la_id AND a.kind = 'local-authority' LIMIT 1),
      'Practitioner', 'referrer@demo.example', 'la-screening', 'la-screening', 3, false, h.received_at,
      (h.received_at AT TIME ZONE 'Europe/London')::date + 1,
      CASE WHEN h.decided_at IS NULL THEN 'awaiting-screening' ELSE 'decided' END,
      'demo-history', h.id::text, 'demo-history'
    FROM h_referral h ORDER BY h.received_at`)
  await run(sql`
    INSERT INTO threshold_decision (referral_id, outcome, reasons, level_of_need, decided_by, decided_by_name,
      decided_by_agency_id, decided_at, working_days_taken, within_timescale, feedback_to_referrer)
    SELECT h.id, h.outcome, 'Demo history', CASE WHEN h.outcome = 'strategy-discussion-s47' THEN 4 ELSE 2 END,
      'demo-history', 'Demo screener',
      (SELECT a.agency_id FROM h_agency a WHERE a.la_id = h.la_id AND a.kind = 'local-authority' LIMIT 1),
      h.decided_at, CASE WHEN h.decided_at - h.received_at > interval '1 day' THEN 2 ELSE 1 END,
      h.decided_at - h.received_at <= interval '1 day', 'Demo history'
    FROM h_referral h WHERE h.decided_at IS NOT NULL`)

  // Strategy discussions due the next day, some booked late with a reason; records signed off.
  await step(sql`
    CREATE TEMP TABLE h_strategy ON COMMIT DROP AS
    SELECT gen_random_uuid() AS id, d.*,
      CASE WHEN d.late THEN d.due_by + 1 + floor(random() * 6)::int ELSE d.due_by - floor(random() * 2)::int END AS meeting_date
    FROM (
      SELECT h.id AS referral_id, h.child_id, h.la_id, h.p, h.u2, h.u3,
        greatest((h.decided_at AT TIME ZONE 'Europe/London')::date, (h.decided_at AT TIME ZONE 'Europe/London')::date + 1
          + CASE extract(isodow FROM h.decided_at AT TIME ZONE 'Europe/London') WHEN 5 THEN 2 WHEN 6 THEN 1 ELSE 0 END) AS due_by,
        random() < 0.05 + 0.25 * h.p AS late, random() AS r1, random() AS r2, random() AS r3
      FROM h_referral h WHERE h.outcome = 'strategy-discussion-s47' AND h.decided_at IS NOT NULL
    ) d`)
  await run(sql`
    INSERT INTO strategy_discussion (id, child_id, la_id, origin, referral_id, concerns, requested_by, requested_at,
      due_by, status, format, meeting_date, meeting_time, location, scheduled_by, signed_off_at, signed_off_by,
      signed_off_by_name, late_reason)
    SELECT s.id, s.child_id, s.la_id, 'threshold-decision', s.referral_id, 'Demo history', 'demo-history',
      ${atLondon(sql`s.due_by - 1`, sql`9`)}, s.due_by,
      CASE WHEN s.meeting_date >= ${today} THEN 'scheduled' WHEN signed.at < ${now} THEN 'signed-off' ELSE 'recorded' END,
      'meeting', s.meeting_date, '10:00', 'Demo room', 'demo-history',
      CASE WHEN signed.at < ${now} THEN signed.at END, 'demo-history', 'Demo chair',
      CASE WHEN s.late AND s.r3 < 0.85 THEN (${LATE_REASONS}::text[])[1 + floor(s.r3 / 0.85 * ${LATE_REASONS.length})::int] END
    FROM h_strategy s
    CROSS JOIN LATERAL (SELECT ${atLondon(sql`s.meeting_date`, sql`CASE WHEN s.r1 < 0.9 - 0.35 * s.p THEN 12 + s.r2 * 20 ELSE 40 + s.r2 * 100 END`)} AS at) signed`)

  // Section 47 enquiries from the discussions held; some found to need no conference.
  await step(sql`
    CREATE TEMP TABLE h_s47 ON COMMIT DROP AS
    SELECT gen_random_uuid() AS id, s.id AS discussion_id, s.child_id, s.la_id, s.meeting_date AS started_on,
      ${pressure(sql`s.la_id`, sql`s.meeting_date`)} AS p, s.u2 < ${TO_ICPC}::float8 AS icpc, s.u3, random() AS r1
    FROM h_strategy s WHERE s.meeting_date < ${today} AND random() < ${TO_SECTION_47}::float8`)
  await run(sql`
    INSERT INTO section47_enquiry (id, child_id, la_id, strategy_discussion_id, joint_with_police, started_on,
      icpc_due_by, outcome, outcome_reasons, outcome_on, outcome_by)
    SELECT e.id, e.child_id, e.la_id, e.discussion_id, e.r1 < 0.6, e.started_on, e.started_on + 21,
      CASE WHEN e.started_on + 14 < ${today} THEN CASE WHEN e.icpc THEN 'icpc' ELSE 'icpc-not-required' END END,
      CASE WHEN e.started_on + 14 < ${today} THEN 'Demo history' END,
      CASE WHEN e.started_on + 14 < ${today} THEN e.started_on + 5 + floor(e.r1 * 9)::int END,
      CASE WHEN e.started_on + 14 < ${today} THEN 'demo-history' END
    FROM h_s47 e`)

  // Conferences: initial ones due 15 working days (about 21 days) after the discussion, late under
  // pressure; an inquorate one meets again a week or so later. Reviews follow the plans below.
  await step(sql`
    CREATE TEMP TABLE h_conference ON COMMIT DROP AS
    SELECT gen_random_uuid() AS id, 'initial'::text AS kind, e.id AS section47_id, null::uuid AS replaces_id,
      e.child_id, e.la_id, e.started_on + 21 AS due_by,
      CASE WHEN late THEN e.started_on + 22 + floor(random() * 20)::int
        ELSE e.started_on + 8 + floor(random() * 13)::int END AS meeting_date,
      late, random() < 0.02 + 0.08 * e.p AS inquorate, e.u3 < ${TO_PLAN}::float8 AS plan_wanted,
      null::int AS review, false AS last_review, e.p, null::uuid AS plan_id
    FROM h_s47 e CROSS JOIN LATERAL (SELECT random() < 0.12 + 0.4 * e.p AS late) l
    WHERE e.icpc AND e.started_on + 14 < ${today}`)
  const replacements = sql`
    INSERT INTO h_conference
    SELECT gen_random_uuid(), c.kind, c.section47_id, c.id, c.child_id, c.la_id, c.due_by,
      c.meeting_date + 5 + floor(random() * 8)::int, c.late, false, c.plan_wanted, c.review, c.last_review, c.p,
      c.plan_id
    FROM h_conference c WHERE c.inquorate AND c.meeting_date < ${today} AND c.replaces_id IS NULL`
  await step(sql`${replacements} AND c.kind = 'initial'`)

  // Plans from the conferences that decided on one (none while the child's last one could still be
  // open): 3 months to over 2 years, ending at a review.
  await step(sql`
    CREATE TEMP TABLE h_plan ON COMMIT DROP AS
    SELECT * FROM (
      SELECT p.*, (p.start_date + ((3 + 6 * (p.reviews - 1)) * interval '1 month'))::date AS planned_end,
        max((p.start_date + ((3 + 6 * (p.reviews - 1)) * interval '1 month'))::date) OVER (PARTITION BY p.child_id
          ORDER BY p.start_date ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS earlier_end
      FROM (
        SELECT gen_random_uuid() AS id, c.id AS conference_id, c.child_id, c.la_id, c.meeting_date AS start_date, c.p,
          CASE WHEN r < 0.25 THEN 'EMO' WHEN r < 0.32 THEN 'PHY' WHEN r < 0.36 THEN 'SAB' WHEN r < 0.40 THEN 'MUL' ELSE 'NEG' END AS category,
          CASE WHEN n < 0.2 THEN 1 WHEN n < 0.65 THEN 2 WHEN n < 0.87 THEN 3 WHEN n < 0.97 THEN 4 ELSE 5 END AS reviews
        FROM h_conference c CROSS JOIN LATERAL (SELECT random() AS r, random() AS n) d
        WHERE c.kind = 'initial' AND c.plan_wanted AND NOT c.inquorate AND c.meeting_date < ${today}
      ) p
    ) q WHERE q.earlier_end IS NULL OR q.start_date > q.earlier_end`)
  await step(sql`UPDATE h_conference c SET plan_id = pl.id FROM h_plan pl WHERE pl.conference_id = c.id`)
  await step(sql`
    INSERT INTO h_conference
    SELECT gen_random_uuid(), 'review', null, null, pl.child_id, pl.la_id, due.due_by,
      CASE WHEN late THEN due.due_by + 1 + floor(random() * 20)::int ELSE due.due_by - floor(random() * 7)::int END,
      late, random() < 0.02 + 0.06 * pl.p, false, k, k = pl.reviews, pl.p, pl.id
    FROM h_plan pl CROSS JOIN generate_series(1, pl.reviews) k
    CROSS JOIN LATERAL (SELECT (pl.start_date + ((3 + 6 * (k - 1)) * interval '1 month'))::date AS due_by) due
    CROSS JOIN LATERAL (SELECT random() < 0.04 + 0.25 * pl.p AS late) l
    WHERE due.due_by <= ${today} + 30`)
  await step(sql`${replacements} AND c.kind = 'review'`)
  await run(sql`
    INSERT INTO child_protection_plan (id, child_id, la_id, category, start_date, end_date)
    SELECT pl.id, pl.child_id, pl.la_id, pl.category, pl.start_date,
      CASE WHEN pl.planned_end < ${today} THEN pl.planned_end END
    FROM h_plan pl`)
  // Plans before the window: England counts a plan as second or subsequent whenever the child's
  // first was, so some children on a plan in the window had one that ended before it began, more of
  // them early in the window, whose own earlier plans the window leaves out (about 23% in all).
  await run(sql`
    INSERT INTO child_protection_plan (id, child_id, la_id, category, start_date, end_date)
    SELECT gen_random_uuid(), f.child_id, f.la_id, f.category, e.end_date - (90 + floor(random() * 630))::int, e.end_date
    FROM (SELECT DISTINCT ON (pl.child_id) pl.* FROM h_plan pl ORDER BY pl.child_id, pl.start_date) f
    JOIN child c ON c.id = f.child_id
    CROSS JOIN LATERAL (SELECT ${start} - (30 + floor(random() * 700))::int AS end_date) e
    WHERE random() < ${EARLIER_PLAN}::float8 * (1 - 0.4 * (f.start_date - ${start}) / (365.0 * ${years}))
      AND c.date_of_birth < e.end_date - 720`)
  const conferences = (replacing: boolean) => sql`
    INSERT INTO conference (id, child_id, la_id, kind, section47_id, plan_id, replaces_id, due_by, meeting_date,
      meeting_time, location, reports_to_parents_by, status, booked_by, booked_at, quorate, cp_plan, category,
      review_outcome, decided_by, decided_by_name, decided_at, late_reason)
    SELECT c.id, c.child_id, c.la_id, c.kind, c.section47_id, c.plan_id, c.replaces_id, c.due_by, c.meeting_date,
      '10:00', 'Demo room', c.meeting_date - CASE c.kind WHEN 'initial' THEN 5 ELSE 7 END,
      CASE WHEN c.meeting_date >= ${today} THEN 'booked' WHEN c.inquorate THEN 'inquorate' ELSE 'decided' END,
      'demo-history', ${atLondon(sql`least(c.due_by - 10, c.meeting_date - 7)`, sql`11`)},
      CASE WHEN c.meeting_date < ${today} THEN NOT c.inquorate END,
      CASE WHEN c.meeting_date < ${today} AND NOT c.inquorate AND c.kind = 'initial' THEN c.plan_id IS NOT NULL END,
      CASE WHEN c.kind = 'initial' THEN (SELECT pl.category FROM h_plan pl WHERE pl.id = c.plan_id) END,
      CASE WHEN c.kind = 'review' AND c.meeting_date < ${today} AND NOT c.inquorate
        THEN CASE WHEN c.last_review THEN 'end' ELSE 'continue' END END,
      CASE WHEN c.meeting_date < ${today} THEN 'demo-history' END,
      CASE WHEN c.meeting_date < ${today} THEN 'Demo chair' END,
      CASE WHEN c.meeting_date < ${today} THEN ${atLondon(sql`c.meeting_date`, sql`13`)} END,
      CASE WHEN c.meeting_date > c.due_by AND random() < 0.85
        THEN (${LATE_REASONS}::text[])[1 + floor(random() * ${LATE_REASONS.length})::int] END
    FROM h_conference c WHERE (c.kind = 'initial' OR c.plan_id IS NOT NULL)
      AND (c.replaces_id IS NOT NULL) = ${replacing}`
  await run(conferences(false))
  await run(conferences(true))
  // The statements below join what is written above. In a database already holding another
  // partnership's records (a region's), this one's are in no statistics yet: the planner would take
  // them for a handful of rows and join their thousands by nested loop (minutes for one statement).
  // Only there: new statistics change the plans, and with them which row draws which of the seed's numbers.
  if (await holdsOtherPartnerships(db)) await analyzeInTransaction(db, WRITTEN_BEFORE_INVITATIONS)

  // The agencies invited: attendance and reports slip under pressure, schools' most.
  await run(sql`
    INSERT INTO conference_invitation (conference_id, agency_id, agency_kind, invitee_name, invitee_email, attended,
      report, report_submitted_at)
    SELECT i.id, i.agency_id, i.kind, 'Demo practitioner', 'practitioner@' || i.agency_id || '.example',
      CASE WHEN i.met THEN i.kind = 'local-authority' OR i.r1 < 0.92 - 0.35 * i.p - CASE i.kind WHEN 'education' THEN 0.1 ELSE 0 END END,
      CASE WHEN submitted.at IS NOT NULL THEN 'Demo report' END, submitted.at
    FROM (
      SELECT c.id, c.meeting_date < ${today} AS met, c.meeting_date, c.kind AS conference_kind, c.p, a.agency_id, a.kind,
        random() AS r1, random() AS r2, random() AS r3
      FROM h_conference c JOIN h_agency a ON a.la_id = c.la_id
      WHERE (c.kind = 'initial' OR c.plan_id IS NOT NULL)
        AND random() < (${JSON.stringify(INVITED)}::jsonb ->> a.kind)::float8
    ) i
    CROSS JOIN LATERAL (SELECT i.meeting_date - CASE i.conference_kind WHEN 'initial' THEN 5 ELSE 7 END AS due) d
    CROSS JOIN LATERAL (SELECT CASE
      WHEN i.r2 < 0.85 - 0.4 * i.p THEN ${atLondon(sql`d.due - floor(i.r3 * 4)::int`, sql`10 + i.r3 * 6`)}
      WHEN i.r2 < 0.93 THEN ${atLondon(sql`d.due + 1 + floor(i.r3 * 3)::int`, sql`10 + i.r3 * 6`)} END AS raw) late
    CROSS JOIN LATERAL (SELECT CASE WHEN late.raw < ${now} THEN late.raw END AS at) submitted`)
  await run(sql`
    INSERT INTO conference_minutes (conference_id, discussion, risk_analysis, recorded_by, recorded_by_name,
      recorded_at, signed_off_at, signed_off_by, signed_off_by_name)
    SELECT c.id, 'Demo history', 'Demo history', 'demo-history', 'Demo chair', ${atLondon(sql`c.meeting_date`, sql`14`)},
      CASE WHEN signed.at < ${now} THEN signed.at END, 'demo-history', 'Demo chair'
    FROM h_conference c
    CROSS JOIN LATERAL (SELECT ${atLondon(sql`c.meeting_date`, sql`CASE WHEN random() < 0.9 - 0.35 * c.p THEN 15 + random() * 18 ELSE 40 + random() * 120 END`)} AS at) signed
    WHERE c.meeting_date < ${today} AND NOT c.inquorate AND (c.kind = 'initial' OR c.plan_id IS NOT NULL)`)
  await run(sql`
    INSERT INTO core_group_meeting (plan_id, held_on, attending_agency_ids, recorded_by, recorded_by_name)
    SELECT g.id, g.held_on, ARRAY[(SELECT a.agency_id FROM h_agency a WHERE a.la_id = g.la_id AND a.kind = 'local-authority' LIMIT 1)],
      'demo-history', 'Demo social worker'
    FROM (
      SELECT pl.id, pl.la_id, pl.planned_end,
        pl.start_date + CASE WHEN random() < 0.88 - 0.35 * pl.p THEN 4 + floor(random() * 9)::int ELSE 15 + floor(random() * 20)::int END AS held_on
      FROM h_plan pl
    ) g WHERE g.held_on < ${today} AND g.held_on <= g.planned_end`)

  rows += await writeHistoryEvents(db, partnership)
  // After everything above, so their draws for a seed stay as they were.
  const writer: HistoryWriter = { run, step, now, today, pressure, atLondon }
  await writeHistoryCalendar(db, partnership, { years, now })
  await writeSharingHistory(partnership, writer)
  await writeDisagreementHistory(partnership, writer)

  const counted = await sql<{ referrals: number; enquiries: number; initial: number; plans: number }>`
    SELECT (SELECT count(*)::int FROM h_referral) AS referrals, (SELECT count(*)::int FROM h_s47) AS enquiries,
      (SELECT count(*)::int FROM h_conference WHERE kind = 'initial' AND replaces_id IS NULL) AS initial,
      (SELECT count(*)::int FROM h_plan) AS plans`.execute(db)
  const figures = counted.rows[0] ?? { referrals: 0, enquiries: 0, initial: 0, plans: 0 }
  return {
    referrals: figures.referrals,
    enquiries: figures.enquiries,
    initialConferences: figures.initial,
    plans: figures.plans,
    rows,
  }
}
