-- MACE (src/mace) and VOLT (src/volt), issue 13 "MACE meetings": items with review dates, places and
-- persons flagged for MACE, strategic (thematic) meetings, and the minutes circulated to the
-- attending agencies with acknowledgements.

-- A child's discussion is time-limited: the day MACE reviews it (none when MACE closed the child's
-- case), and a review is itself a discussion of the same referral, naming the discussion it reviews.
ALTER TABLE mace_discussion ADD COLUMN review_on date NULL;
ALTER TABLE mace_discussion ADD COLUMN reviews_discussion_id uuid NULL REFERENCES mace_discussion (id);
ALTER TABLE mace_discussion DROP CONSTRAINT mace_discussion_referral_id_key;
-- One first discussion per referral, and one review per discussion.
CREATE UNIQUE INDEX mace_discussion_first ON mace_discussion (referral_id) WHERE reviews_discussion_id IS NULL;
CREATE UNIQUE INDEX mace_discussion_review ON mace_discussion (reviews_discussion_id)
  WHERE reviews_discussion_id IS NOT NULL;
CREATE INDEX mace_discussion_review_on ON mace_discussion (review_on) WHERE review_on IS NOT NULL;

-- A place or person of concern flagged for an LA's MACE (src/volt), with the reason; open until cleared.
CREATE TABLE volt_mace_flag (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  subject_kind text NOT NULL CHECK (subject_kind IN ('person', 'location')),
  subject_id uuid NOT NULL,
  la_id text NOT NULL,
  reason text NOT NULL,
  agency_id text NOT NULL,
  flagged_by text NOT NULL,
  flagged_by_name text NOT NULL,
  flagged_at timestamptz NOT NULL DEFAULT now(),
  cleared_at timestamptz NULL,
  cleared_by_name text NULL
);
CREATE INDEX volt_mace_flag_la ON volt_mace_flag (la_id, flagged_at) WHERE cleared_at IS NULL;
CREATE INDEX volt_mace_flag_subject ON volt_mace_flag (subject_kind, subject_id);

-- A flagged place's or person's discussion at a MACE meeting, time-limited like a child's: it comes
-- back on the agenda at its review date (none: MACE need not see it again).
CREATE TABLE mace_flag_discussion (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  flag_id uuid NOT NULL REFERENCES volt_mace_flag (id),
  meeting_id uuid NOT NULL REFERENCES mace_meeting (id),
  discussion text NOT NULL,
  review_on date NULL,
  recorded_by text NOT NULL,
  recorded_by_name text NOT NULL,
  recorded_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (flag_id, meeting_id)
);
CREATE INDEX mace_flag_discussion_meeting ON mace_flag_discussion (meeting_id);

-- Operational meetings discuss children, persons and places; strategic ones themes and trends, with
-- the actions agreed kept on the meeting as text (the actions block holds a child's actions only).
ALTER TABLE mace_meeting ADD COLUMN kind text NOT NULL DEFAULT 'operational'
  CHECK (kind IN ('operational', 'strategic'));
ALTER TABLE mace_meeting ADD COLUMN actions_agreed text NULL;

-- The minutes sent to each attending agency, acknowledged once by one of its MACE members.
CREATE TABLE mace_minutes_circulation (
  meeting_id uuid NOT NULL REFERENCES mace_meeting (id),
  agency_id text NOT NULL,
  sent_at timestamptz NOT NULL,
  due_by date NOT NULL,
  acknowledged_at timestamptz NULL,
  acknowledged_by text NULL,
  acknowledged_by_name text NULL,
  PRIMARY KEY (meeting_id, agency_id),
  CHECK ((acknowledged_at IS NULL) = (acknowledged_by IS NULL))
);
CREATE INDEX mace_minutes_awaiting ON mace_minutes_circulation (agency_id, due_by) WHERE acknowledged_at IS NULL;
