-- Partner information sharing: events any agency shares (police key events, new children,
-- associations, changes, concerns, escalations), one notification per receiving agency, each
-- agency's acknowledgement, escalations of overdue ones, and the association graph.

-- What was shared, once per (sender, sender's own id): a replay finds the row and adds nothing.
CREATE TABLE shared_event (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  sender_agency_id text NOT NULL,
  sender_event_id text NOT NULL,
  -- sha256 of what was sent, so the same sender id reused for different content is refused.
  content_hash text NOT NULL,
  type text NOT NULL,
  occurred_at timestamptz NOT NULL,
  received_at timestamptz NOT NULL,
  posted_by text NOT NULL,
  summary text NOT NULL,
  details text NULL,
  sensitivity text NOT NULL CHECK (sensitivity IN ('standard', 'police-restricted', 'health-restricted')),
  lawful_basis text NOT NULL,
  risk text NOT NULL CHECK (risk IN ('high', 'medium', 'low')),
  -- Type-specific facts and the people as sent (offences, bail conditions, hearing, order, adults).
  facts jsonb NOT NULL DEFAULT '{}',
  UNIQUE (sender_agency_id, sender_event_id)
);
CREATE INDEX shared_event_received ON shared_event (received_at);

-- The restricted part lives apart so that no query can read it without naming the marking.
CREATE TABLE shared_event_restricted (
  event_id uuid PRIMARY KEY REFERENCES shared_event (id),
  marking text NOT NULL CHECK (marking IN ('police-restricted', 'health-restricted')),
  details text NOT NULL
);

-- Each child the event concerns, as sent and as matched (child_id null: not known to masa yet).
CREATE TABLE shared_event_child (
  event_id uuid NOT NULL REFERENCES shared_event (id),
  position integer NOT NULL,
  child_id uuid NULL REFERENCES child (id),
  la_id text NULL,
  reference jsonb NOT NULL,
  PRIMARY KEY (event_id, position)
);
CREATE INDEX shared_event_child_child ON shared_event_child (child_id) WHERE child_id IS NOT NULL;

-- One per (event, receiving agency), written in the intake transaction: a crash loses none and
-- the unique key makes a second one impossible.
CREATE TABLE sharing_notification (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  event_id uuid NOT NULL REFERENCES shared_event (id),
  agency_id text NOT NULL,
  sees_restricted boolean NOT NULL,
  created_at timestamptz NOT NULL,
  due_at timestamptz NOT NULL,
  acknowledged_at timestamptz NULL,
  acknowledged_by text NULL,
  acknowledged_by_name text NULL,
  acknowledgement_note text NULL,
  own_record_reference text NULL,
  -- Outbox marker: null until a dispatcher (FOR UPDATE SKIP LOCKED) queued its email and webhook.
  dispatched_at timestamptz NULL,
  UNIQUE (event_id, agency_id),
  CHECK (acknowledged_at IS NULL OR acknowledgement_note IS NOT NULL OR own_record_reference IS NOT NULL)
);
CREATE INDEX sharing_notification_inbox ON sharing_notification (agency_id, created_at DESC);
CREATE INDEX sharing_notification_open ON sharing_notification (due_at) WHERE acknowledged_at IS NULL;
CREATE INDEX sharing_notification_undispatched ON sharing_notification (created_at) WHERE dispatched_at IS NULL;

-- An overdue acknowledgement escalated to the agency's manager, once.
CREATE TABLE sharing_escalation (
  notification_id uuid PRIMARY KEY REFERENCES sharing_notification (id),
  agency_id text NOT NULL,
  escalated_at timestamptz NOT NULL,
  manager_emails text[] NOT NULL
);
CREATE INDEX sharing_escalation_agency ON sharing_escalation (agency_id, escalated_at DESC);

-- Places named in shared events (an address, a park, a hotel), one row per place as described.
CREATE TABLE place (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  kind text NOT NULL,
  description text NOT NULL,
  postcode text NOT NULL DEFAULT '',
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX place_identity ON place (kind, lower(description), postcode);

-- Adults named in a shared event who are not (yet) a masa person.
CREATE TABLE shared_event_adult (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  event_id uuid NOT NULL REFERENCES shared_event (id),
  position integer NOT NULL,
  person_id uuid NULL REFERENCES person (id),
  given_name text NULL,
  family_name text NULL,
  date_of_birth date NULL,
  role text NOT NULL,
  UNIQUE (event_id, position)
);

-- A link learnt from a shared event: child, person, adult (shared_event_adult) or place to another.
CREATE TABLE association (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  event_id uuid NOT NULL REFERENCES shared_event (id),
  from_kind text NOT NULL CHECK (from_kind IN ('child', 'person', 'adult', 'place')),
  from_id uuid NOT NULL,
  to_kind text NOT NULL CHECK (to_kind IN ('child', 'person', 'adult', 'place')),
  to_id uuid NOT NULL,
  relationship text NOT NULL,
  sensitivity text NOT NULL CHECK (sensitivity IN ('standard', 'police-restricted', 'health-restricted')),
  agency_id text NOT NULL,
  created_at timestamptz NOT NULL
);
CREATE INDEX association_from ON association (from_kind, from_id);
CREATE INDEX association_to ON association (to_kind, to_id);
