-- MACE meetings as records (src/mace): a MACE coordinator schedules the meetings of an LA's
-- multi-agency child exploitation (MACE) meeting (the day, the start time, in person at a venue or
-- online), records which agencies attended and the meeting's minutes once it has started, and each
-- child's discussion belongs to one meeting.
CREATE TABLE mace_meeting (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  la_id text NOT NULL,
  held_on date NOT NULL,
  -- hh:mm, London time.
  start_time text NOT NULL CHECK (start_time ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
  format text NOT NULL CHECK (format IN ('in-person', 'online')),
  -- The venue's name and address, or how to join online.
  venue text NOT NULL,
  scheduled_by text NOT NULL,
  scheduled_by_name text NOT NULL,
  scheduled_at timestamptz NOT NULL DEFAULT now(),
  minutes text NULL,
  minutes_recorded_by_name text NULL,
  minutes_recorded_at timestamptz NULL,
  CHECK ((minutes IS NULL) = (minutes_recorded_at IS NULL))
);

CREATE INDEX mace_meeting_la ON mace_meeting (la_id, held_on, start_time);

-- The agencies that attended a meeting, with the person each sent (when given).
CREATE TABLE mace_meeting_attendance (
  meeting_id uuid NOT NULL REFERENCES mace_meeting (id),
  agency_id text NOT NULL,
  attendee_name text NULL,
  PRIMARY KEY (meeting_id, agency_id)
);

-- Each child's discussion (mace_discussion) belongs to one meeting of its LA. A table of its own, not
-- a column, because mace_discussion comes in 0030 and this migration runs before it on a new
-- database; hence no foreign key to it either (src/mace writes both in one transaction). Discussions
-- recorded before meetings were kept have no row here and show their own day.
CREATE TABLE mace_discussion_meeting (
  discussion_id uuid PRIMARY KEY,
  meeting_id uuid NOT NULL REFERENCES mace_meeting (id)
);

CREATE INDEX mace_discussion_meeting_meeting ON mace_discussion_meeting (meeting_id);
