-- Multi-agency case audits (src/case-audits): a programme with its themes, dates, audit tool and
-- auditing agencies; its sample of children drawn by a recorded rule and seed; each agency's part of
-- each case, per round (1: the audit, 2: the re-audit); the agencies' time-limited audit grants to the
-- child's record; the moderation of each case. Findings' actions live on the actions block
-- (source kind 'case-audit').

CREATE SEQUENCE case_audit_programme_number;

CREATE TABLE case_audit_programme (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  -- CA-101: what people quote.
  reference text NOT NULL UNIQUE DEFAULT 'CA-' || (100 + nextval('case_audit_programme_number')),
  title text NOT NULL,
  themes text[] NOT NULL,
  starts_on date NOT NULL,
  ends_on date NOT NULL,
  -- The audit tool: [{ "id": "q1", "text": "..." }], each answered with a grade and free text.
  questions jsonb NOT NULL,
  -- The agencies asked to audit each case of the sample (ids in the partnership configuration).
  agency_ids text[] NOT NULL,
  created_at timestamptz NOT NULL,
  created_by text NOT NULL,
  created_by_name text NOT NULL,
  -- The sample as drawn: the rule (category, months, size, the day it was counted back from), the
  -- seed, how many children met the rule, and who drew it when. Same rule, seed and data: same sample.
  sample_rule jsonb NULL,
  sample_seed text NULL,
  sample_pool integer NULL,
  sampled_at timestamptz NULL,
  sampled_by_name text NULL,
  CHECK (ends_on >= starts_on),
  CHECK (cardinality(agency_ids) > 0)
);

CREATE TABLE case_audit_case (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  programme_id uuid NOT NULL REFERENCES case_audit_programme (id),
  position integer NOT NULL,
  child_id uuid NOT NULL REFERENCES child (id),
  la_id text NOT NULL,
  plan_id uuid NOT NULL REFERENCES child_protection_plan (id),
  -- The round open now: 1, or 2 once a re-audit is started.
  round integer NOT NULL DEFAULT 1 CHECK (round IN (1, 2)),
  UNIQUE (programme_id, position),
  UNIQUE (programme_id, child_id)
);
CREATE INDEX case_audit_case_child ON case_audit_case (child_id);

CREATE TABLE case_audit_part (
  case_id uuid NOT NULL REFERENCES case_audit_case (id),
  round integer NOT NULL CHECK (round IN (1, 2)),
  agency_id text NOT NULL,
  -- { "q1": { "grade": "good", "comment": "..." } }
  answers jsonb NULL,
  overall_grade text NULL
    CHECK (overall_grade IN ('outstanding', 'good', 'requires-improvement', 'inadequate')),
  summary text NULL,
  submitted_at timestamptz NULL,
  submitted_by_name text NULL,
  PRIMARY KEY (case_id, round, agency_id)
);
CREATE INDEX case_audit_part_agency ON case_audit_part (agency_id);

-- An agency's audit grant: the child's record opened to its auditors for the audit's purpose until
-- it expires. Each read it opens is decided by the policy and audited.
CREATE TABLE case_audit_grant (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  case_id uuid NOT NULL REFERENCES case_audit_case (id),
  round integer NOT NULL CHECK (round IN (1, 2)),
  agency_id text NOT NULL,
  purpose text NOT NULL,
  granted_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  granted_by_name text NOT NULL,
  CHECK (expires_at > granted_at),
  UNIQUE (case_id, round, agency_id)
);

CREATE TABLE case_audit_moderation (
  case_id uuid NOT NULL REFERENCES case_audit_case (id),
  round integer NOT NULL CHECK (round IN (1, 2)),
  met_on date NOT NULL,
  attendees text NOT NULL,
  agreed_grade text NOT NULL
    CHECK (agreed_grade IN ('outstanding', 'good', 'requires-improvement', 'inadequate')),
  findings text NOT NULL,
  learning text NOT NULL,
  recorded_at timestamptz NOT NULL,
  recorded_by_name text NOT NULL,
  PRIMARY KEY (case_id, round)
);

ALTER TABLE action DROP CONSTRAINT action_source_kind_check;
ALTER TABLE action ADD CONSTRAINT action_source_kind_check
  CHECK (source_kind IN ('strategy-discussion', 'mace-discussion', 'rapid-review', 'case-audit'));
