-- Missing episodes (src/missing): the police or the child's LA record that a child went missing,
-- when it was reported, and when and where the child was found or came back, with the police's risk
-- grading. Once the child is back, the LA offers a return home interview within 72 hours (a clock in
-- hours, not working days) and records whether it was done or declined and what the child said.
CREATE TABLE missing_episode (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  child_id uuid NOT NULL REFERENCES child (id),
  -- The agency that recorded the episode, and who: 'user:<id>' or 'system:<id>', and their name.
  agency_id text NOT NULL,
  recorded_by text NOT NULL,
  recorded_by_name text NOT NULL,
  recorded_at timestamptz NOT NULL DEFAULT now(),
  went_missing_at timestamptz NOT NULL,
  reported_at timestamptz NOT NULL CHECK (reported_at >= went_missing_at),
  risk text NOT NULL CHECK (risk IN ('no-apparent-risk', 'low', 'medium', 'high')),
  -- The return: when and where the child was found or came back (both, or neither while missing).
  returned_at timestamptz NULL CHECK (returned_at >= went_missing_at),
  where_found text NULL,
  return_recorded_by text NULL,
  -- The return home interview: when it was offered, done or declined, what the child said.
  interview_offered_at timestamptz NULL CHECK (interview_offered_at >= returned_at),
  interview_outcome text NULL CHECK (interview_outcome IN ('done', 'declined')),
  interview_child_said text NULL,
  interview_agency_id text NULL,
  interview_recorded_by text NULL,
  interview_recorded_by_name text NULL,
  CHECK ((returned_at IS NULL) = (where_found IS NULL)),
  CHECK ((returned_at IS NULL) = (return_recorded_by IS NULL)),
  CHECK ((interview_outcome IS NULL) = (interview_offered_at IS NULL)),
  CHECK ((interview_outcome IS NULL) = (interview_recorded_by IS NULL)),
  CHECK (interview_outcome IS NULL OR returned_at IS NOT NULL),
  CHECK (interview_outcome IS DISTINCT FROM 'done' OR interview_child_said IS NOT NULL)
);

CREATE INDEX missing_episode_child ON missing_episode (child_id, went_missing_at DESC);
-- The return interviews still to record, soonest due first.
CREATE INDEX missing_episode_interview_due ON missing_episode (returned_at)
  WHERE returned_at IS NOT NULL AND interview_outcome IS NULL;

-- Recording a missing episode makes the recording agency involved with the child.
ALTER TABLE child_involvement DROP CONSTRAINT child_involvement_kind;
ALTER TABLE child_involvement ADD CONSTRAINT child_involvement_kind CHECK (kind IN
  ('referral', 'meeting', 'action', 'shared-event', 'roll', 'caseload', 'added-by-la', 'created-record',
   'exploitation-screening', 'missing-episode'));

-- Referrals to the multi-agency child exploitation (MACE) meeting (src/mace): a partner refers a child,
-- from a screening whose next step is a MACE referral or directly, and the child is on the MACE list
-- of the child's LA for its next meeting.
CREATE TABLE mace_referral (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  child_id uuid NOT NULL REFERENCES child (id),
  -- The LA whose MACE discusses the child: the child's when referred.
  la_id text NOT NULL,
  agency_id text NOT NULL,
  -- 'user:<id>' or 'system:<id>', and their name.
  referred_by text NOT NULL,
  referred_by_name text NOT NULL,
  -- The screening that suggested it, when it came from one.
  screening_id uuid NULL REFERENCES exploitation_screening (id),
  reason text NOT NULL,
  referred_at timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX mace_referral_la ON mace_referral (la_id, referred_at);

-- A referred child's discussion at a MACE meeting: the day of the meeting, what was discussed and the
-- risk level agreed. Its actions are on the shared actions block, agreed at a 'mace-discussion'.
CREATE TABLE mace_discussion (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  referral_id uuid NOT NULL UNIQUE REFERENCES mace_referral (id),
  child_id uuid NOT NULL REFERENCES child (id),
  held_on date NOT NULL,
  discussion text NOT NULL,
  risk_level text NOT NULL CHECK (risk_level IN ('low', 'medium', 'high')),
  recorded_by text NOT NULL,
  recorded_by_name text NOT NULL,
  recorded_at timestamptz NOT NULL DEFAULT now()
);

ALTER TABLE action DROP CONSTRAINT action_source_kind_check;
ALTER TABLE action ADD CONSTRAINT action_source_kind_check
  CHECK (source_kind IN ('strategy-discussion', 'mace-discussion'));
