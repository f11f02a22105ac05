-- A conference's record (its minutes), written and signed off by its chair and circulated to the
-- invited agencies to acknowledge; the parents, the child and advocates invited, with their views in
-- their own words; each agency's report read before it goes to the parents (or withheld, with the
-- reason); and the core group meetings after the conference, with the plan's progress at each.

CREATE TABLE conference_minutes (
  conference_id uuid PRIMARY KEY REFERENCES conference (id),
  discussion text NOT NULL,
  risk_analysis text NOT NULL,
  recorded_by text NOT NULL,
  recorded_by_name text NOT NULL,
  recorded_at timestamptz NOT NULL DEFAULT now(),
  signed_off_at timestamptz,
  signed_off_by text,
  signed_off_by_name text,
  circulation_due_by date
);

CREATE TABLE conference_circulation (
  conference_id uuid NOT NULL REFERENCES conference (id),
  agency_id text NOT NULL,
  sent_at timestamptz NOT NULL,
  due_by date NOT NULL,
  acknowledged_at timestamptz,
  acknowledged_by text,
  acknowledged_by_name text,
  PRIMARY KEY (conference_id, agency_id)
);

CREATE TABLE conference_participant (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  conference_id uuid NOT NULL REFERENCES conference (id),
  role text NOT NULL CHECK (role IN ('parent', 'child', 'advocate')),
  name text NOT NULL,
  relationship text NOT NULL,
  invited_by text NOT NULL,
  invited_at timestamptz NOT NULL DEFAULT now(),
  attended boolean,
  views text
);
CREATE INDEX conference_participant_conference ON conference_participant (conference_id);

ALTER TABLE conference_invitation
  ADD COLUMN report_read_at timestamptz,
  ADD COLUMN report_read_by_name text,
  ADD COLUMN report_for_parents text CHECK (report_for_parents IN ('share', 'withhold')),
  ADD COLUMN report_withheld_reason text,
  ADD CONSTRAINT conference_invitation_withheld_reason
    CHECK (report_for_parents IS DISTINCT FROM 'withhold' OR report_withheld_reason IS NOT NULL);

CREATE TABLE core_group_meeting (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  plan_id uuid NOT NULL REFERENCES child_protection_plan (id),
  held_on date NOT NULL,
  attending_agency_ids text[] NOT NULL,
  recorded_by text NOT NULL,
  recorded_by_name text NOT NULL,
  recorded_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX core_group_meeting_plan ON core_group_meeting (plan_id, held_on);

-- What the plan works towards, agreed by the core group; progress on each at every meeting.
CREATE TABLE plan_outcome (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  plan_id uuid NOT NULL REFERENCES child_protection_plan (id),
  position integer NOT NULL,
  outcome text NOT NULL,
  agreed_at_meeting_id uuid NOT NULL REFERENCES core_group_meeting (id),
  UNIQUE (plan_id, position)
);

CREATE TABLE plan_progress (
  meeting_id uuid NOT NULL REFERENCES core_group_meeting (id),
  outcome_id uuid NOT NULL REFERENCES plan_outcome (id),
  progress text NOT NULL,
  PRIMARY KEY (meeting_id, outcome_id)
);
