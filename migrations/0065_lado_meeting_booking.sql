-- Allegation management meetings booked on the meetings block (src/lado): the LADO books a meeting
-- (date, start time, place), each invitee (the person an agency sends, and their address) is emailed
-- the calendar invitation, and once it has started the LADO records who attended and the outcome.
-- A meeting recorded before this (held_on and minutes at once) keeps its record as it was.
ALTER TABLE lado_meeting
  ADD COLUMN meeting_time text NULL CHECK (meeting_time ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
  ADD COLUMN location text NULL,
  ADD COLUMN booked_at timestamptz NULL,
  ADD COLUMN booked_by_name text NULL,
  -- The LADO who booked it: the calendar invitation's organiser, whom invitees reply to.
  ADD COLUMN booked_by_email text NULL,
  ALTER COLUMN minutes DROP NOT NULL,
  ALTER COLUMN recorded_at DROP NOT NULL,
  ALTER COLUMN recorded_by_name DROP NOT NULL,
  ADD CONSTRAINT lado_meeting_booked_or_recorded CHECK (booked_at IS NOT NULL OR minutes IS NOT NULL),
  ADD CONSTRAINT lado_meeting_record_whole CHECK ((minutes IS NULL) = (recorded_at IS NULL));

CREATE TABLE lado_meeting_invitation (
  meeting_id uuid NOT NULL REFERENCES lado_meeting (id),
  agency_id text NOT NULL,
  agency_kind text NOT NULL,
  invitee_name text NOT NULL,
  invitee_email text NOT NULL,
  -- Null until the meeting's record says who attended.
  attended boolean NULL,
  PRIMARY KEY (meeting_id, agency_id)
);
