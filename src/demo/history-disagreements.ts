// Professional disagreements in the demo history (history.ts): a partner agency disagrees with the
// child's LA about a decision recorded in masa, about 1 in 100 referrals in all (see RATES), a few
// days after it. Most are resolved at stage 1, fewer reach stage 2, a few the senior managers and the
// partnership's leads; a stage takes days, longer under the LA's pressure, and one that ran out of
// time was prompted as the service's loop prompts. The child's chronology gets what the service writes.

import { type RawBuilder, sql } from 'kysely'
import { escalationSettings, STAGE_NUMBERS, STAGES } from '../escalation/index.ts'
import type { PartnershipConfig } from '../partnership/config.ts'
import type { HistoryWriter } from './history-sharing.ts'

const ACTOR = 'system:demo-history'

/**
 * The chance a decision is disagreed with: partnerships' escalation logs count a few dozen formal
 * disagreements a year against a few thousand referrals, most about thresholds and about enquiries
 * or conferences that ended without the protection a partner expected. These give about 10 per
 * 1,000 referrals; the LA's pressure adds to each.
 */
const RATES = { threshold: 0.007, enquiry: 0.015, conference: 0.04 }
/** The chance of going on from stage 1, 2 and 3 (the pressure adds to the first two). */
const ESCALATES = { fromFirst: 0.3, fromSecond: 0.35, fromThird: 0.25 }

/** Writes the disagreements, their stages and chronology. */
export async function writeDisagreementHistory(
  partnership: PartnershipConfig,
  { run, step, now, today, atLondon }: HistoryWriter,
): Promise<void> {
  const reasons = escalationSettings(partnership).reasons
  const reason = (id: string) => reasons.find((r) => r.id === id) ?? reasons[0]
  const reasonOf = Object.fromEntries(
    ['threshold-not-met', 'child-protection-not-invoked', 'assessment-outcome'].map((id) => [id, reason(id)]),
  )
  const names = Object.fromEntries(partnership.agencies.map((agency) => [agency.id, agency.name]))
  const titles = Object.fromEntries(STAGE_NUMBERS.map((stage) => [stage, STAGES[stage].title.toLowerCase()]))
  const pick = (kinds: RawBuilder<unknown>) =>
    sql`(SELECT k.ids[1 + floor(d.r_pick * cardinality(k.ids))::int] FROM h_kind k WHERE k.la_id = d.la_id AND k.kind = ${kinds})`

  await step(sql`
    CREATE TEMP TABLE h_disagreement ON COMMIT DROP AS
    SELECT gen_random_uuid() AS id, d.*, ${pick(sql`CASE WHEN d.about = 's47-outcome'
        THEN CASE WHEN d.r_kind < 0.5 THEN 'police' ELSE 'health' END
        ELSE CASE WHEN d.r_kind < 0.4 THEN 'police' WHEN d.r_kind < 0.75 THEN 'health' ELSE 'education' END END`)} AS raiser,
      (SELECT k.ids[1] FROM h_kind k WHERE k.la_id = d.la_id AND k.kind = 'local-authority') AS other,
      ${atLondon(sql`(d.decided_at AT TIME ZONE 'Europe/London')::date + 1 + floor(d.r_when * 9)::int`, sql`9 + d.r_when * 8`)} AS raised_at,
      1 + d.up1::int + (d.up1 AND d.up2)::int + (d.up1 AND d.up2 AND d.up3)::int AS reached
    FROM (
      SELECT s.*, random() AS r_pick, random() AS r_kind, random() AS r_when,
        random() < ${ESCALATES.fromFirst}::float8 + 0.15 * s.p AS up1,
        random() < ${ESCALATES.fromSecond}::float8 + 0.1 * s.p AS up2, random() < ${ESCALATES.fromThird}::float8 AS up3
      FROM (
        SELECT 'threshold-decision' AS about, h.id AS about_id, h.child_id, h.la_id, h.decided_at, h.p,
          'threshold-not-met' AS reason
        FROM h_referral h WHERE h.outcome IN ('nfa-advice', 'early-help') AND h.decided_at IS NOT NULL
          AND random() < ${RATES.threshold}::float8 * (1 + h.p)
        UNION ALL
        SELECT 's47-outcome', e.id, e.child_id, e.la_id,
          ${atLondon(sql`e.started_on + 5 + floor(e.r1 * 9)::int`, sql`16`)}, e.p, 'child-protection-not-invoked'
        FROM h_s47 e WHERE NOT e.icpc AND e.started_on + 14 < ${today}
          AND random() < ${RATES.enquiry}::float8 * (1 + e.p)
        UNION ALL
        SELECT 'conference-decision', c.id, c.child_id, c.la_id, ${atLondon(sql`c.meeting_date`, sql`13`)}, c.p,
          'assessment-outcome'
        FROM h_conference c WHERE c.kind = 'initial' AND NOT c.plan_wanted AND NOT c.inquorate
          AND c.replaces_id IS NULL AND c.meeting_date < ${today} AND random() < ${RATES.conference}::float8 * (1 + c.p)
      ) s
    ) d`)
  await step(sql`DELETE FROM h_disagreement WHERE raised_at >= ${now} OR raiser IS NULL OR other IS NULL`)

  // Each stage reached: days long (longer under pressure), recorded at its end; one not yet recorded
  // is the stage the disagreement stands at, and no later one was reached.
  await step(sql`
    CREATE TEMP TABLE h_disagreement_stage ON COMMIT DROP AS
    SELECT q.*, ${atLondon(sql`q.ended_on`, sql`10 + q.r * 6`)} AS recorded_at,
      (SELECT hc.stage_due[q.stage] FROM h_calendar hc WHERE hc.day = q.ended_on - q.days) AS due_by
    FROM (
      SELECT l.id, l.stage, l.days, l.r,
        (l.raised_at AT TIME ZONE 'Europe/London')::date + sum(l.days) OVER (PARTITION BY l.id ORDER BY l.stage)::int AS ended_on
      FROM (
        SELECT d.id, d.raised_at, k AS stage, random() AS r, CASE WHEN random() < 0.15 + 0.3 * d.p
          THEN 8 + floor(random() * 14)::int ELSE 1 + floor(random() * 6)::int END AS days
        FROM h_disagreement d CROSS JOIN generate_series(1, d.reached) k
      ) l
    ) q`)
  await step(sql`
    DELETE FROM h_disagreement_stage s USING (
      SELECT id, min(stage) AS open_stage FROM h_disagreement_stage WHERE recorded_at >= ${now} GROUP BY id
    ) o WHERE s.id = o.id AND s.stage > o.open_stage`)
  await run(sql`
    INSERT INTO disagreement (id, child_id, la_id, raised_by, raised_by_name, raiser_agency_id, other_agency_id,
      about_kind, about_id, reason_id, reason_label, detail, stage, stage_started_on, stage_due_by, prompted_at,
      raised_at, resolved_at)
    SELECT d.id, d.child_id, d.la_id, ${ACTOR}, 'Demo practitioner', d.raiser, d.other, d.about, d.about_id,
      ${JSON.stringify(reasonOf)}::jsonb -> d.reason ->> 'id', ${JSON.stringify(reasonOf)}::jsonb -> d.reason ->> 'label',
      'Demo history', s.stage, s.ended_on - s.days, s.due_by,
      CASE WHEN s.due_by < least(s.ended_on, ${today}) AND ${atLondon(sql`s.due_by + 1`, sql`7`)} < ${now}
        THEN ${atLondon(sql`s.due_by + 1`, sql`7`)} END,
      d.raised_at, CASE WHEN s.recorded_at < ${now} THEN s.recorded_at END
    FROM h_disagreement d
    JOIN h_disagreement_stage s ON s.id = d.id AND s.stage = (SELECT max(x.stage) FROM h_disagreement_stage x WHERE x.id = d.id)`)
  await run(sql`
    INSERT INTO disagreement_stage (disagreement_id, stage, who, discussed, outcome, recorded_by, recorded_by_name,
      recorded_at)
    SELECT s.id, s.stage, 'Demo practitioners and managers of both agencies', 'Demo history',
      CASE WHEN s.stage < d.reached THEN 'escalated' ELSE 'resolved' END, ${ACTOR}, 'Demo practitioner', s.recorded_at
    FROM h_disagreement_stage s JOIN h_disagreement d ON d.id = s.id WHERE s.recorded_at < ${now}`)

  const about = sql`'Professional disagreement with ' || (${JSON.stringify(names)}::jsonb ->> d.other_agency_id)`
  await run(sql`
    INSERT INTO domain_event (occurred_at, type, child_id, la_id, agency_id, actor_id, summary, sensitivity, payload)
    SELECT d.raised_at, 'disagreement.raised', d.child_id, d.la_id, d.raiser_agency_id, ${ACTOR},
      ${about} || ' raised by ' || (${JSON.stringify(names)}::jsonb ->> d.raiser_agency_id), 'standard',
      jsonb_build_object('disagreementId', d.id)
    FROM disagreement d WHERE d.raised_by = ${ACTOR}
    UNION ALL
    SELECT s.recorded_at, CASE s.outcome WHEN 'escalated' THEN 'disagreement.escalated' ELSE 'disagreement.resolved' END,
      d.child_id, d.la_id, d.raiser_agency_id, ${ACTOR},
      ${about} || CASE s.outcome
        WHEN 'escalated' THEN ' moved to stage ' || s.stage + 1 || ' (' || (${JSON.stringify(titles)}::jsonb ->> (s.stage + 1)::text) || ')'
        ELSE ' resolved at stage ' || s.stage || ' (' || (${JSON.stringify(titles)}::jsonb ->> s.stage::text) || ')' END,
      'standard', jsonb_build_object('disagreementId', d.id)
    FROM disagreement_stage s JOIN disagreement d ON d.id = s.disagreement_id WHERE s.recorded_by = ${ACTOR}`)
}
