-- Multi-agency training (src/training): the partnership's catalogue of courses, their sessions,
-- practitioners' bookings and places on waiting lists, the register, and each practitioner's
-- evaluation (confidence before and after, and a follow-up three months on). No child data.

CREATE TABLE training_course (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  title text NOT NULL,
  -- Levels 1 to 4 of the partnership's training framework (awareness to strategic).
  level smallint NOT NULL CHECK (level BETWEEN 1 AND 4),
  audience text NOT NULL,
  description text NOT NULL,
  -- The partnership's priorities the course answers, in its own words.
  priorities text[] NOT NULL DEFAULT '{}',
  -- The review or audit that asked for it, as people name it ('Rapid review of Child Q, 2026').
  asked_for_by text NULL,
  created_at timestamptz NOT NULL,
  created_by_name text NOT NULL
);
CREATE INDEX training_course_title ON training_course (title);

CREATE TABLE training_session (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  course_id uuid NOT NULL REFERENCES training_course (id),
  held_on date NOT NULL,
  -- London wall-clock times, 'HH:MM'.
  starts_at text NOT NULL CHECK (starts_at ~ '^\d{2}:\d{2}$'),
  ends_at text NOT NULL CHECK (ends_at ~ '^\d{2}:\d{2}$' AND ends_at > starts_at),
  venue text NULL,
  online_link text NULL,
  capacity integer NOT NULL CHECK (capacity BETWEEN 1 AND 500),
  created_at timestamptz NOT NULL,
  CHECK (venue IS NOT NULL OR online_link IS NOT NULL)
);
CREATE INDEX training_session_upcoming ON training_session (held_on, starts_at);
CREATE INDEX training_session_course ON training_session (course_id, held_on);

-- A practitioner's place on a session: booked, waiting (the waiting list, first come first served),
-- or cancelled. Attendance, the evaluation and the follow-up are kept with it.
CREATE TABLE training_booking (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  session_id uuid NOT NULL REFERENCES training_session (id),
  user_id uuid NOT NULL REFERENCES app_user (id),
  user_name text NOT NULL,
  user_email text NOT NULL,
  agency_id text NOT NULL,
  -- The practitioner's role when they booked, for the take-up report.
  role text NOT NULL,
  status text NOT NULL CHECK (status IN ('booked', 'waiting', 'cancelled')),
  asked_at timestamptz NOT NULL,
  promoted_at timestamptz NULL,
  cancelled_at timestamptz NULL,
  attendance text NULL CHECK (attendance IN ('attended', 'did-not-attend')),
  confidence_before smallint NOT NULL CHECK (confidence_before BETWEEN 1 AND 5),
  confidence_after smallint NULL CHECK (confidence_after BETWEEN 1 AND 5),
  will_do_differently text NULL,
  evaluated_at timestamptz NULL,
  follow_up_due date NULL,
  follow_up text NULL,
  followed_up_at timestamptz NULL,
  CHECK ((status = 'cancelled') = (cancelled_at IS NOT NULL)),
  CHECK ((evaluated_at IS NULL) = (confidence_after IS NULL))
);
-- One live place (booked or waiting) per person per session.
CREATE UNIQUE INDEX training_booking_one_place ON training_booking (session_id, user_id) WHERE status <> 'cancelled';
CREATE INDEX training_booking_waiting ON training_booking (session_id, asked_at) WHERE status = 'waiting';
CREATE INDEX training_booking_user ON training_booking (user_id);
