-- The yearly safeguarding self-assessment (src/self-assessment): rounds opened by the partnership,
-- each agency's return (Section 11, or Section 175/157 for schools and colleges) with a rating,
-- evidence and actions per standard, the partnership's challenges and the agency's answers, and the
-- reminders sent before the due date. No child data.

CREATE TABLE self_assessment_round (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  -- One round a year: the year the return covers.
  year smallint NOT NULL UNIQUE CHECK (year BETWEEN 2000 AND 2100),
  due_on date NOT NULL,
  opened_at timestamptz NOT NULL,
  opened_by_name text NOT NULL
);

CREATE TABLE self_assessment_return (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  round_id uuid NOT NULL REFERENCES self_assessment_round (id),
  agency_id text NOT NULL,
  framework text NOT NULL CHECK (framework IN ('section-11', 'section-175')),
  status text NOT NULL CHECK (status IN ('draft', 'submitted')),
  started_at timestamptz NOT NULL,
  started_by_name text NOT NULL,
  submitted_at timestamptz NULL,
  submitted_by_name text NULL,
  UNIQUE (round_id, agency_id),
  CHECK ((status = 'submitted') = (submitted_at IS NOT NULL))
);
CREATE INDEX self_assessment_return_agency ON self_assessment_return (agency_id);

-- One standard's rating in a return; the standard's title as it was when rated.
CREATE TABLE self_assessment_rating (
  return_id uuid NOT NULL REFERENCES self_assessment_return (id),
  standard_id text NOT NULL,
  standard_title text NOT NULL,
  rating smallint NOT NULL CHECK (rating BETWEEN 1 AND 4),
  evidence text NOT NULL,
  actions text NULL,
  actions_due_on date NULL,
  rated_at timestamptz NOT NULL,
  rated_by_name text NOT NULL,
  PRIMARY KEY (return_id, standard_id)
);

-- The partnership's challenge to one standard of a submitted return, and the agency's answer.
CREATE TABLE self_assessment_challenge (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  return_id uuid NOT NULL REFERENCES self_assessment_return (id),
  standard_id text NOT NULL,
  challenge text NOT NULL,
  challenged_at timestamptz NOT NULL,
  challenged_by_name text NOT NULL,
  response text NULL,
  responded_at timestamptz NULL,
  responded_by_name text NULL,
  CHECK ((response IS NULL) = (responded_at IS NULL))
);
CREATE INDEX self_assessment_challenge_return ON self_assessment_challenge (return_id);

-- A reminder sent to an agency: once per round, agency and point (working days before the due date).
CREATE TABLE self_assessment_reminder (
  round_id uuid NOT NULL REFERENCES self_assessment_round (id),
  agency_id text NOT NULL,
  working_days_before smallint NOT NULL,
  sent_at timestamptz NOT NULL,
  PRIMARY KEY (round_id, agency_id, working_days_before)
);
