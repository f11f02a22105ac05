// Shared events in the demo history (history.ts): a few per referred child over the years, from the
// police, health, schools and the LA, each sent about the child by its masa id and told, as sharing's
// intake tells it, to the child's LA and every agency involved with the child (never the sender; only
// an agency the policy lets read the child, and the restricted part only to the marking's owner).
// Most are acknowledged within the sharing target, more late when the LA is under pressure, a few
// never (escalated to the agency's managers, as the overdue loop does); all already delivered. The
// child's chronology gets the events the intake and the acknowledgement write.

import { type RawBuilder, sql } from 'kysely'
import type { PartnershipConfig } from '../partnership/config.ts'
import type { Sensitivity } from '../platform/events/event.ts'
import { agencyMayRead, DEFAULT_ACKNOWLEDGEMENT_TIMES, EVENT_TYPE_LABELS } from '../sharing/index.ts'

type Sql = RawBuilder<unknown>

/**
 * The history's own writer (history.ts): `run` counts the rows a statement writes, `step` builds its
 * temporary tables; every part reads the clock and the LAs' pressure the same way.
 */
export interface HistoryWriter {
  run: (query: Sql) => Promise<void>
  step: (query: Sql) => Promise<unknown>
  now: Date
  today: Sql
  pressure: (la: Sql, day: Sql) => Sql
  atLondon: (day: Sql, hours: Sql) => Sql
}

const ACTOR = 'demo-history'
/** Up to this many events a referred child, each sent with even odds: about 3 a child over the years. */
const EVENTS_PER_CHILD = { tries: 6, chance: 0.5 }
/** Who shares, by kind of agency: the police most, then health, schools and the LA itself. */
const SENDERS = { police: 0.4, health: 0.65, education: 0.85 }

const SUMMARIES: Record<string, string> = {
  arrest: 'An adult in the household arrested on suspicion of assault',
  'voluntary-interview': 'An adult in the household interviewed under caution',
  'released-under-investigation': 'The adult arrested released under investigation',
  'no-further-action': 'No further action on the adult arrested',
  'cawn-served': 'Child abduction warning notice served on an adult',
  'change-in-support-needs': 'The family’s support needs have changed',
  police: 'Police called to a domestic incident at the home',
  health: 'An injury seen at an appointment, explained by the parent',
  education: 'The child came to school hungry and withdrawn',
  'local-authority': 'A worry raised by the family’s support worker',
}

const SENSITIVITIES: readonly Sensitivity[] = ['standard', 'police-restricted', 'health-restricted', 'sealed']

/** Writes the shared events, their notifications, acknowledgements, escalations and chronology. */
export async function writeSharingHistory(
  partnership: PartnershipConfig,
  { run, step, now, pressure }: HistoryWriter,
): Promise<void> {
  // Who may be told of a child (and read a restricted part) with each marking, as the policy answers.
  const may = partnership.agencies.flatMap((agency) =>
    SENSITIVITIES.filter((sensitivity) => agencyMayRead(agency, { sensitivity })).map((sensitivity) => ({
      agencyId: agency.id,
      sensitivity,
    })),
  )
  await step(sql`
    CREATE TEMP TABLE h_may ON COMMIT DROP AS
    SELECT * FROM unnest(${may.map((m) => m.agencyId)}::text[], ${may.map((m) => m.sensitivity)}::text[])
      AS m(agency_id, sensitivity)`)
  await step(sql`
    CREATE TEMP TABLE h_kind ON COMMIT DROP AS
    SELECT la_id, kind, array_agg(agency_id ORDER BY agency_id) AS ids FROM h_agency GROUP BY la_id, kind`)

  // The events: each referred child's from a day after its first referral to about 2.5 years on.
  await step(sql`
    CREATE TEMP TABLE h_shared ON COMMIT DROP AS
    SELECT gen_random_uuid() AS id, e.child_id, e.la_id, e.kind, e.received_at,
      e.received_at - (10 + e.r_type * 170) * interval '1 minute' AS occurred_at,
      (SELECT k.ids[1 + floor(e.r_pick * cardinality(k.ids))::int] FROM h_kind k
        WHERE k.la_id = e.la_id AND k.kind = e.kind) AS sender_agency_id,
      CASE WHEN e.kind <> 'police' THEN CASE WHEN e.r_type < 0.7 THEN 'new-concern' ELSE 'change-in-support-needs' END
        WHEN e.r_type < 0.3 THEN 'arrest' WHEN e.r_type < 0.45 THEN 'voluntary-interview'
        WHEN e.r_type < 0.6 THEN 'released-under-investigation' WHEN e.r_type < 0.75 THEN 'no-further-action'
        WHEN e.r_type < 0.8 THEN 'cawn-served' ELSE 'new-concern' END AS type,
      CASE WHEN e.kind = 'police' AND e.r_mark < 0.5 THEN 'police-restricted'
        WHEN e.kind = 'health' AND e.r_mark < 0.4 THEN 'health-restricted' ELSE 'standard' END AS sensitivity,
      CASE WHEN e.r_risk < 0.15 THEN 'high' WHEN e.r_risk < 0.6 THEN 'medium' ELSE 'low' END AS risk,
      ${pressure(sql`e.la_id`, sql`e.received_at AT TIME ZONE 'Europe/London'`)} AS p
    FROM (
      SELECT f.child_id, f.la_id,
        f.first_at + (1 + power(random(), 1.4) * least(900, f.span)) * interval '1 day' AS received_at,
        CASE WHEN f.r_kind < ${SENDERS.police}::float8 THEN 'police' WHEN f.r_kind < ${SENDERS.health}::float8 THEN 'health'
          WHEN f.r_kind < ${SENDERS.education}::float8 THEN 'education' ELSE 'local-authority' END AS kind,
        f.r_pick, f.r_type, f.r_mark, f.r_risk
      FROM (
        SELECT g.*, random() AS r_kind, random() AS r_pick, random() AS r_type, random() AS r_mark, random() AS r_risk
        FROM (
          SELECT child_id, min(la_id) AS la_id, min(received_at) AS first_at,
            extract(epoch FROM ${now}::timestamptz - min(received_at)) / 86400 - 1 AS span
          FROM h_referral GROUP BY child_id ORDER BY child_id
        ) g
        CROSS JOIN generate_series(1, ${EVENTS_PER_CHILD.tries})
        WHERE g.span > 1 AND random() < ${EVENTS_PER_CHILD.chance}::float8
      ) f
    ) e`)
  await step(sql`ALTER TABLE h_shared ADD PRIMARY KEY (id)`)
  await step(sql`ANALYZE h_shared`)
  await run(sql`
    INSERT INTO shared_event (id, sender_agency_id, sender_event_id, content_hash, type, occurred_at, received_at,
      posted_by, summary, details, sensitivity, lawful_basis, risk, facts)
    SELECT s.id, s.sender_agency_id, 'demo-history-' || s.id, encode(sha256(convert_to(s.id::text, 'UTF8')), 'hex'),
      s.type, s.occurred_at, s.received_at, ${ACTOR},
      coalesce(${JSON.stringify(SUMMARIES)}::jsonb ->> s.type, ${JSON.stringify(SUMMARIES)}::jsonb ->> s.kind),
      'Demo history', s.sensitivity,
      CASE WHEN s.kind = 'police' THEN 'dpa2018-sch8-para4' ELSE 'ukgdpr-6-1-e-art9-dpa2018-sch1-para18' END,
      s.risk, '{}'::jsonb
    FROM h_shared s ORDER BY s.received_at`)
  await run(sql`
    INSERT INTO shared_event_restricted (event_id, marking, details)
    SELECT s.id, s.sensitivity, 'Demo history: what only the marking’s owner may read'
    FROM h_shared s WHERE s.sensitivity <> 'standard'`)
  await run(sql`
    INSERT INTO shared_event_child (event_id, position, child_id, la_id, reference)
    SELECT s.id, 0, s.child_id, s.la_id, jsonb_build_object('childId', s.child_id) FROM h_shared s`)

  // Told: the child's LA and every agency involved with the child, as the intake's fan-out.
  await step(sql`
    CREATE TEMP TABLE h_told ON COMMIT DROP AS
    SELECT gen_random_uuid() AS id, t.*, random() AS r1, random() AS r2
    FROM (
      SELECT s.id AS event_id, told.agency_id, s.received_at AS created_at, s.p,
        EXISTS (SELECT 1 FROM h_may m WHERE m.agency_id = told.agency_id AND m.sensitivity = s.sensitivity) AS sees_restricted,
        CASE WHEN s.risk = 'high' THEN s.received_at + ${DEFAULT_ACKNOWLEDGEMENT_TIMES.highRiskHours} * interval '1 hour'
          ELSE hc.ack_due_at END AS due_at
      FROM h_shared s JOIN child c ON c.id = s.child_id
      JOIN h_calendar hc ON hc.day = (s.received_at AT TIME ZONE 'Europe/London')::date
      JOIN (
        SELECT e.id AS event_id, a.agency_id FROM h_shared e
        JOIN h_agency a ON a.la_id = e.la_id AND a.kind = 'local-authority'
        UNION
        SELECT e.id, i.agency_id FROM h_shared e
        JOIN child_involvement i ON i.child_id = e.child_id AND i.ended_at IS NULL
      ) told ON told.event_id = s.id
      WHERE told.agency_id <> s.sender_agency_id
        AND EXISTS (SELECT 1 FROM h_may m WHERE m.agency_id = told.agency_id AND m.sensitivity = c.sensitivity)
      ORDER BY s.received_at, told.agency_id
    ) t`)
  // Acknowledged within the target, late (more under pressure), or never; none after now.
  await step(sql`
    ALTER TABLE h_told ADD COLUMN acknowledged_at timestamptz`)
  await step(sql`
    UPDATE h_told SET acknowledged_at = nullif(least(${now}, CASE
      WHEN r1 < 0.97 - 0.3 * p THEN created_at + (0.05 + 0.9 * r2) * (due_at - created_at)
      WHEN r1 < 0.99 - 0.03 * p THEN due_at + (1 + r2 * 96) * interval '1 hour' END), ${now})`)
  // Overdue ones were escalated to the agency's safeguarding managers as they fell due.
  await step(sql`
    ALTER TABLE h_told ADD COLUMN escalated_at timestamptz`)
  await step(sql`
    UPDATE h_told SET escalated_at = due_at + interval '1 second'
    WHERE due_at + interval '1 second' < ${now} AND (acknowledged_at IS NULL OR acknowledged_at > due_at)`)
  await run(sql`
    INSERT INTO sharing_notification (id, event_id, agency_id, sees_restricted, created_at, due_at, acknowledged_at,
      acknowledged_by, acknowledged_by_name, acknowledgement_note, dispatched_at, escalated_at)
    SELECT t.id, t.event_id, t.agency_id, t.sees_restricted, t.created_at, t.due_at, t.acknowledged_at,
      CASE WHEN t.acknowledged_at IS NOT NULL THEN ${ACTOR} END,
      CASE WHEN t.acknowledged_at IS NOT NULL THEN 'Demo practitioner' END,
      CASE WHEN t.acknowledged_at IS NOT NULL THEN 'Checked against our records' END,
      CASE WHEN t.created_at + interval '1 minute' < ${now} THEN t.created_at + interval '1 minute' END,
      t.escalated_at
    FROM h_told t`)
  await run(sql`
    INSERT INTO sharing_escalation (notification_id, agency_id, escalated_at, manager_emails)
    SELECT t.id, t.agency_id, t.escalated_at, ARRAY['safeguarding-manager@' || t.agency_id || '.example']
    FROM h_told t WHERE t.escalated_at IS NOT NULL`)

  const label = sql`(${JSON.stringify(EVENT_TYPE_LABELS)}::jsonb ->> e.type) || ': ' || e.summary`
  // From the history's own (analysed) tables: the new ones have no statistics until the end.
  await run(sql`
    INSERT INTO domain_event (occurred_at, type, child_id, la_id, agency_id, actor_id, summary, sensitivity, payload)
    SELECT s.occurred_at, 'sharing.event-shared', s.child_id, s.la_id, s.sender_agency_id, ${ACTOR}, ${label},
      'standard', jsonb_build_object('sharedEventId', s.id, 'type', s.type, 'risk', s.risk)
    FROM h_shared s JOIN shared_event e ON e.id = s.id`)
  await step(sql`ANALYZE h_told`)
  await run(sql`
    INSERT INTO domain_event (occurred_at, type, child_id, la_id, agency_id, actor_id, summary, sensitivity, payload)
    SELECT t.acknowledged_at, 'sharing.event-acknowledged', s.child_id, s.la_id, t.agency_id, ${ACTOR},
      'Checked against own records and recorded: ' || ${label}, 'standard',
      jsonb_build_object('sharedEventId', s.id, 'notificationId', t.id, 'reference', null)
    FROM h_told t JOIN h_shared s ON s.id = t.event_id JOIN shared_event e ON e.id = s.id
    WHERE t.acknowledged_at IS NOT NULL`)
}
