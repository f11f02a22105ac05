-- Strategy discussions, organised by multi-agency business support: scheduling, invitations per
-- agency, each agency's information before the meeting, the record and its actions, and the
-- circulation of the signed-off record to every attending agency until each acknowledges it.
CREATE TABLE strategy_discussion (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  -- A short number people can quote ('SD-000042').
  number bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
  child_id uuid NOT NULL REFERENCES child (id),
  la_id text NOT NULL,
  origin text NOT NULL CHECK (origin IN ('threshold-decision', 'live-cp-plan', 'urgent')),
  referral_id uuid NULL REFERENCES referral (id),
  concerns text NOT NULL,
  meeting_reasons text[] NOT NULL DEFAULT '{}',
  requested_by text NOT NULL,
  requested_at timestamptz NOT NULL DEFAULT now(),
  due_by date NOT NULL,
  status text NOT NULL CHECK (status IN ('requested', 'scheduled', 'recorded', 'signed-off', 'cancelled')),
  format text NULL CHECK (format IN ('meeting', 'call')),
  meeting_date date NULL,
  meeting_time text NULL CHECK (meeting_time ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
  location text NULL,
  scheduled_by text NULL,
  signed_off_at timestamptz NULL,
  signed_off_by text NULL,
  signed_off_by_name text NULL,
  circulation_due_by date NULL,
  CHECK (status IN ('requested', 'cancelled') OR meeting_date IS NOT NULL)
);
-- One discussion per referral decision.
CREATE UNIQUE INDEX strategy_discussion_referral ON strategy_discussion (referral_id) WHERE referral_id IS NOT NULL;
CREATE INDEX strategy_discussion_child ON strategy_discussion (child_id);
CREATE INDEX strategy_discussion_diary ON strategy_discussion (la_id, meeting_date) WHERE status <> 'cancelled';

CREATE TABLE strategy_invitation (
  discussion_id uuid NOT NULL REFERENCES strategy_discussion (id),
  agency_id text NOT NULL,
  agency_kind text NOT NULL CHECK (agency_kind IN ('local-authority', 'police', 'health', 'education', 'other')),
  invitee_name text NOT NULL,
  invitee_email text NOT NULL,
  invited_at timestamptz NOT NULL DEFAULT now(),
  reply text NOT NULL DEFAULT 'awaiting' CHECK (reply IN ('awaiting', 'accepted', 'declined')),
  replied_at timestamptz NULL,
  -- Set when the record is written: who actually attended for the agency.
  attended boolean NULL,
  attendee_name text NULL,
  PRIMARY KEY (discussion_id, agency_id)
);
CREATE INDEX strategy_invitation_agency ON strategy_invitation (agency_id);

CREATE TABLE strategy_contribution (
  discussion_id uuid NOT NULL REFERENCES strategy_discussion (id),
  agency_id text NOT NULL,
  records_held text NOT NULL,
  risks text NOT NULL,
  strengths text NOT NULL,
  contributed_by text NOT NULL,
  contributed_by_name text NOT NULL,
  contributed_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (discussion_id, agency_id)
);

CREATE TABLE strategy_record (
  discussion_id uuid PRIMARY KEY REFERENCES strategy_discussion (id),
  information_shared text NOT NULL,
  risk_analysis text NOT NULL,
  decision text NOT NULL CHECK (decision IN
    ('s47-single-agency', 's47-joint', 'cin-assessment', 'early-help', 'nfa', 'immediate-protection')),
  decision_reasons text NOT NULL,
  police_decision text NOT NULL
    CHECK (police_decision IN ('criminal-investigation', 'no-criminal-investigation', 'further-enquiries')),
  family_sharing text NOT NULL,
  family_sharing_on date NULL,
  icpc_due_by date NULL,
  recorded_by text NOT NULL,
  recorded_by_name text NOT NULL,
  recorded_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE strategy_action (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  discussion_id uuid NOT NULL REFERENCES strategy_discussion (id),
  position smallint NOT NULL,
  description text NOT NULL,
  owner_agency_id text NOT NULL,
  owner_name text NOT NULL,
  due_by date NOT NULL,
  completed_at timestamptz NULL,
  UNIQUE (discussion_id, position)
);
CREATE INDEX strategy_action_owner ON strategy_action (owner_agency_id, due_by) WHERE completed_at IS NULL;

-- The signed-off record sent to each attending agency, until that agency acknowledges it.
CREATE TABLE strategy_circulation (
  discussion_id uuid NOT NULL REFERENCES strategy_discussion (id),
  agency_id text NOT NULL,
  sent_at timestamptz NOT NULL,
  due_by date NOT NULL,
  acknowledged_at timestamptz NULL,
  acknowledged_by text NULL,
  acknowledged_by_name text NULL,
  PRIMARY KEY (discussion_id, agency_id)
);
CREATE INDEX strategy_circulation_open ON strategy_circulation (agency_id) WHERE acknowledged_at IS NULL;
