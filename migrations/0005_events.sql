-- Every change is an event, written in the same transaction as the change (the outbox).
-- The child's multi-agency chronology, notifications and webhooks are read from here.
CREATE TABLE domain_event (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
  occurred_at timestamptz NOT NULL DEFAULT now(),
  type text NOT NULL,
  child_id uuid NULL,
  la_id text NULL,
  agency_id text NOT NULL,
  actor_id text NOT NULL,
  summary text NOT NULL,
  sensitivity text NOT NULL DEFAULT 'standard'
    CHECK (sensitivity IN ('standard', 'police-restricted', 'health-restricted', 'sealed')),
  payload jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX domain_event_child_time ON domain_event (child_id, occurred_at);
CREATE INDEX domain_event_type_time ON domain_event (type, occurred_at);
