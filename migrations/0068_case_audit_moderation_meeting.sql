-- A case audit programme's moderation meeting for a round (1 the audit, 2 the re-audit), on the
-- meetings block (src/case-audits, src/meetings): when and where it meets (London wall-clock date and
-- time), how many times it was booked (the calendar invitation's SEQUENCE is one less), who booked it
-- (the invitation's organiser), and which of the auditing agencies attended once it started. Each
-- case's moderated outcome recorded at it names the meeting.
CREATE TABLE case_audit_meeting (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  programme_id uuid NOT NULL REFERENCES case_audit_programme (id),
  round integer NOT NULL CHECK (round IN (1, 2)),
  meets_on date NOT NULL,
  starts_at text NOT NULL CHECK (starts_at ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
  place text NOT NULL CHECK (length(btrim(place)) > 0),
  scheduled integer NOT NULL DEFAULT 1 CHECK (scheduled >= 1),
  organizer_name text NOT NULL,
  organizer_email text NOT NULL,
  booked_at timestamptz NOT NULL,
  attended_agency_ids text[] NULL,
  attendance_recorded_at timestamptz NULL,
  attendance_recorded_by_name text NULL,
  UNIQUE (programme_id, round)
);

ALTER TABLE case_audit_moderation ADD COLUMN meeting_id uuid NULL REFERENCES case_audit_meeting (id);

-- Who was invited, as the meetings block keeps a meeting's invitations (its invitation columns): the
-- auditing agencies' safeguarding managers, written again each time the meeting is booked.
CREATE TABLE case_audit_meeting_invitation (
  meeting_id uuid NOT NULL REFERENCES case_audit_meeting (id),
  agency_id text NOT NULL,
  agency_kind text NOT NULL CHECK (agency_kind IN ('local-authority', 'police', 'health', 'education', 'other')),
  invitee_name text NOT NULL,
  invitee_email text NOT NULL,
  invited_at timestamptz NOT NULL,
  PRIMARY KEY (meeting_id, invitee_email)
);
