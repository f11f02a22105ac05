-- Section 47 enquiries and child protection conferences (initial and review), the plans they make,
-- core groups, and the feedback loop that asks partners to re-check their own thresholds.

CREATE TABLE section47_enquiry (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  child_id uuid NOT NULL REFERENCES child (id),
  la_id text NOT NULL,
  strategy_discussion_id uuid NOT NULL UNIQUE REFERENCES strategy_discussion (id),
  joint_with_police boolean NOT NULL,
  -- CIN census S47ActualStartDate and InitialCPCtarget.
  started_on date NOT NULL,
  icpc_due_by date NOT NULL,
  outcome text NULL CHECK (outcome IN ('icpc', 'icpc-not-required')),
  outcome_reasons text NULL,
  outcome_on date NULL,
  outcome_by text NULL
);
CREATE INDEX section47_enquiry_child ON section47_enquiry (child_id);

-- Extends the front door's minimal plan with what conferences record.
ALTER TABLE child_protection_plan
  ADD COLUMN latest_category text NULL CHECK (latest_category IN ('NEG', 'PHY', 'SAB', 'EMO', 'MUL')),
  ADD COLUMN plan_summary text NULL,
  ADD COLUMN next_review_due_by date NULL,
  ADD COLUMN core_group_first_meeting_on date NULL,
  ADD COLUMN end_reason text NULL
    CHECK (end_reason IN ('no-longer-at-risk', 'moved-out-of-area', 'became-looked-after', 'turned-18', 'died', 'other'));

CREATE TABLE conference (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  number bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
  child_id uuid NOT NULL REFERENCES child (id),
  la_id text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('initial', 'review')),
  section47_id uuid NULL REFERENCES section47_enquiry (id),
  plan_id uuid NULL REFERENCES child_protection_plan (id),
  -- The inquorate conference this one replaces.
  replaces_id uuid NULL UNIQUE REFERENCES conference (id),
  due_by date NOT NULL,
  meeting_date date NOT NULL,
  meeting_time text NOT NULL CHECK (meeting_time ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
  location text NOT NULL,
  reports_to_parents_by date NOT NULL,
  status text NOT NULL CHECK (status IN ('booked', 'decided', 'inquorate', 'cancelled')),
  booked_by text NOT NULL,
  booked_at timestamptz NOT NULL DEFAULT now(),
  quorate boolean NULL,
  cp_plan boolean NULL,
  category text NULL CHECK (category IN ('NEG', 'PHY', 'SAB', 'EMO', 'MUL')),
  reasons text NULL,
  interim_plan text NULL,
  review_outcome text NULL CHECK (review_outcome IN ('continue', 'end')),
  decided_by text NULL,
  decided_by_name text NULL,
  decided_at timestamptz NULL,
  CHECK (kind = 'review' OR section47_id IS NOT NULL),
  CHECK (kind = 'initial' OR plan_id IS NOT NULL)
);
CREATE INDEX conference_child ON conference (child_id);
CREATE INDEX conference_diary ON conference (la_id, meeting_date) WHERE status <> 'cancelled';

CREATE TABLE conference_invitation (
  conference_id uuid NOT NULL REFERENCES conference (id),
  agency_id text NOT NULL,
  agency_kind text NOT NULL CHECK (agency_kind IN ('local-authority', 'police', 'health', 'education', 'other')),
  invitee_name text NOT NULL,
  invitee_email text NOT NULL,
  direct_involvement boolean NOT NULL DEFAULT true,
  attended boolean NULL,
  -- Each invited agency sends a written report, even if it cannot attend.
  report text NULL,
  report_submitted_at timestamptz NULL,
  report_shared_with_parents_at timestamptz NULL,
  PRIMARY KEY (conference_id, agency_id)
);

CREATE TABLE conference_dissent (
  conference_id uuid NOT NULL REFERENCES conference (id),
  agency_id text NOT NULL,
  view text NOT NULL,
  PRIMARY KEY (conference_id, agency_id)
);

CREATE TABLE core_group_member (
  plan_id uuid NOT NULL REFERENCES child_protection_plan (id),
  agency_id text NOT NULL,
  since date NOT NULL,
  PRIMARY KEY (plan_id, agency_id)
);

-- The feedback loop: when an agency closes its part, every other involved agency re-checks its own
-- threshold and records its answer.
CREATE TABLE threshold_recheck (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  child_id uuid NOT NULL REFERENCES child (id),
  la_id text NOT NULL,
  closing_agency_id text NOT NULL,
  closure_kind text NOT NULL CHECK (closure_kind IN ('nfa-after-s47', 'no-cp-plan', 'plan-ended')),
  source_id uuid NOT NULL,
  agency_id text NOT NULL,
  asked_at timestamptz NOT NULL DEFAULT now(),
  answer text NULL
    CHECK (answer IN ('own-offer-applies', 'continue-single-agency', 'nothing-further', 'disagree')),
  answer_notes text NULL,
  answered_at timestamptz NULL,
  answered_by text NULL,
  UNIQUE (source_id, agency_id)
);
CREATE INDEX threshold_recheck_open ON threshold_recheck (agency_id) WHERE answer IS NULL;
