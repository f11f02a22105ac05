-- Children who move across borders (src/moves): the placing LA records that an exploited child, or
-- their family, was placed or relocated in another LA, with its exploitation risk assessment; the
-- host LA's nominated point of contact (partnership configuration, by DfE LA code) is told after the
-- move is kept (an outbox: notified_at), and acknowledges it within a working day.

CREATE TABLE child_move (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  child_id uuid NOT NULL REFERENCES child (id),
  -- The child's LA, which placed or relocated them (its id in the partnership configuration).
  placing_la_id text NOT NULL,
  host_dfe_code text NOT NULL CHECK (host_dfe_code ~ '^\d{3}$'),
  -- The host LA's id when it is in the partnership; NULL for an LA outside it.
  host_la_id text NULL,
  host_la_name text NOT NULL,
  moved_on date NOT NULL,
  who_moved text NOT NULL CHECK (who_moved IN ('child', 'family')),
  reason text NOT NULL,
  risk_level text NOT NULL CHECK (risk_level IN ('low', 'medium', 'high')),
  risk_summary text NOT NULL,
  contact_name text NOT NULL,
  contact_email text NOT NULL,
  acknowledge_by date NOT NULL,
  recorded_by text NOT NULL,
  recorded_by_name text NOT NULL,
  recorded_agency_id text NOT NULL,
  recorded_at timestamptz NOT NULL DEFAULT now(),
  -- The outbox: set once the contact's email (and webhook) are queued, after the move committed.
  notified_at timestamptz NULL,
  acknowledged_at timestamptz NULL,
  acknowledged_by_name text NULL,
  acknowledgement_note text NULL,
  escalated_at timestamptz NULL
);
CREATE INDEX child_move_child ON child_move (child_id, recorded_at);
CREATE INDEX child_move_host ON child_move (host_la_id, recorded_at) WHERE host_la_id IS NOT NULL;
CREATE INDEX child_move_placing ON child_move (placing_la_id, recorded_at);
CREATE INDEX child_move_to_notify ON child_move (recorded_at) WHERE notified_at IS NULL;
CREATE INDEX child_move_to_escalate ON child_move (acknowledge_by)
  WHERE acknowledged_at IS NULL AND escalated_at IS NULL;

-- The expiring link an LA outside the partnership reads the move through: a random token, kept only
-- as its SHA-256 (as the LADO's public links are).
CREATE TABLE child_move_link (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  move_id uuid NOT NULL REFERENCES child_move (id),
  token_hash char(64) NOT NULL UNIQUE,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  CHECK (expires_at > created_at)
);
CREATE INDEX child_move_link_move ON child_move_link (move_id);

-- The host LA (in the partnership) becomes involved with the child it takes in.
ALTER TABLE child_involvement DROP CONSTRAINT child_involvement_kind;
ALTER TABLE child_involvement ADD CONSTRAINT child_involvement_kind CHECK (kind IN
  ('referral', 'meeting', 'action', 'shared-event', 'roll', 'caseload', 'added-by-la', 'created-record',
   'exploitation-screening', 'missing-episode', 'move'));
