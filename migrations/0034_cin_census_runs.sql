-- The CIN census returns an LA has had checked (src/cin-census): each run's counts per rule, and
-- its findings per child (up to a cap, so an England-sized return with many breaches stays small).

CREATE TABLE cin_census_run (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  la_id text NOT NULL,
  -- As the return's header gives them: the collection year ('2025') and its reference date.
  census_year text NULL,
  reference_date date NULL,
  children integer NOT NULL CHECK (children >= 0),
  errors integer NOT NULL CHECK (errors >= 0),
  queries integer NOT NULL CHECK (queries >= 0),
  -- Per rule: code, kind, message, children, records (report.ts RuleTally).
  rules jsonb NOT NULL,
  findings_total integer NOT NULL CHECK (findings_total >= 0),
  findings_kept integer NOT NULL CHECK (findings_kept >= 0 AND findings_kept <= findings_total),
  uploaded_by text NOT NULL,
  uploaded_by_name text NOT NULL,
  uploaded_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX cin_census_run_la ON cin_census_run (la_id, uploaded_at DESC);

CREATE TABLE cin_census_finding (
  run_id uuid NOT NULL REFERENCES cin_census_run (id) ON DELETE CASCADE,
  -- The order the validator found it in (children in the file's order, then the return as a whole).
  position integer NOT NULL,
  -- The child's LAchildID as the return gives it ('' for the return as a whole).
  child text NOT NULL,
  code text NOT NULL,
  records integer NOT NULL CHECK (records > 0),
  PRIMARY KEY (run_id, position)
);

-- Reconciliation with masa's records of the LA: CP plans open in the census year that one side has
-- and the other has not, or that start on another day.
CREATE TABLE cin_census_difference (
  run_id uuid NOT NULL REFERENCES cin_census_run (id) ON DELETE CASCADE,
  position integer NOT NULL,
  child text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('missing-from-return', 'missing-from-masa', 'start-differs')),
  masa_start date NULL,
  return_start date NULL,
  PRIMARY KEY (run_id, position)
);
