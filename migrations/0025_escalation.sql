-- Professional disagreements about a child (src/escalation): who raised one, about what decision
-- (in masa or outside it), why, with which agency, and the stage it has reached (1 practitioners,
-- 2 managers, 3 senior managers, 4 the partnership's leads), each stage due by a working day from
-- the partnership's timescales; and each stage's record (who, what was discussed, its outcome).
CREATE TABLE disagreement (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  child_id uuid NOT NULL REFERENCES child (id),
  la_id text NOT NULL,
  -- 'user:<id>' or 'system:<id>', and the name the record shows.
  raised_by text NOT NULL,
  raised_by_name text NOT NULL,
  raiser_agency_id text NOT NULL,
  other_agency_id text NOT NULL,
  about_kind text NOT NULL CHECK (about_kind IN ('threshold-decision', 'strategy-outcome', 's47-outcome',
    'conference-decision', 'plan-ending', 'information-not-shared', 'service-not-provided', 'outside-masa')),
  -- The record in masa the decision is on (a referral, a strategy discussion ...), when there is one.
  about_id uuid NULL,
  reason_id text NOT NULL,
  reason_label text NOT NULL,
  detail text NOT NULL,
  stage smallint NOT NULL DEFAULT 1 CHECK (stage BETWEEN 1 AND 4),
  stage_started_on date NOT NULL,
  stage_due_by date NOT NULL,
  -- When the raiser was prompted (and the next stage's people told) that this stage ran out of time.
  prompted_at timestamptz NULL,
  raised_at timestamptz NOT NULL DEFAULT now(),
  resolved_at timestamptz NULL
);
CREATE INDEX disagreement_child ON disagreement (child_id);
CREATE INDEX disagreement_to_prompt ON disagreement (stage_due_by) WHERE resolved_at IS NULL AND prompted_at IS NULL;

CREATE TABLE disagreement_stage (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  disagreement_id uuid NOT NULL REFERENCES disagreement (id),
  stage smallint NOT NULL CHECK (stage BETWEEN 1 AND 4),
  who text NOT NULL,
  discussed text NOT NULL,
  outcome text NOT NULL CHECK (outcome IN ('resolved', 'escalated')),
  recorded_by text NOT NULL,
  recorded_by_name text NOT NULL,
  recorded_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (disagreement_id, stage)
);
