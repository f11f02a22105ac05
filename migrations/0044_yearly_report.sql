-- The partnership's yearly report (src/yearly-report): one report per reporting year (1 April to
-- 31 March, named by the year it starts), the business unit's narrative per section kept in versions
-- (each save a new version, none overwritten), the lead safeguarding partners' sign-offs of a
-- revision, and the report as published (figures and narrative frozen). Aggregates only: no child data.

CREATE TABLE yearly_report (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  start_year smallint NOT NULL UNIQUE CHECK (start_year BETWEEN 2000 AND 2100),
  -- Rises with every narrative saved: a sign-off counts for the revision it was given to.
  revision integer NOT NULL DEFAULT 0,
  started_at timestamptz NOT NULL,
  started_by_name text NOT NULL,
  published_at timestamptz NULL,
  published_by_name text NULL,
  -- The sections and narrative as published, so the published report does not move with live data.
  published jsonb NULL,
  CHECK ((published_at IS NULL) = (published IS NULL))
);

CREATE TABLE yearly_report_narrative (
  report_id uuid NOT NULL REFERENCES yearly_report (id),
  section text NOT NULL,
  version integer NOT NULL CHECK (version >= 1),
  body text NOT NULL,
  written_at timestamptz NOT NULL,
  written_by text NOT NULL,
  written_by_name text NOT NULL,
  PRIMARY KEY (report_id, section, version)
);

CREATE TABLE yearly_report_signoff (
  report_id uuid NOT NULL REFERENCES yearly_report (id),
  -- The lead safeguarding partner signed for: the local authority, the police or health.
  partner text NOT NULL CHECK (partner IN ('local-authority', 'police', 'health')),
  revision integer NOT NULL,
  agency_id text NOT NULL,
  signed_at timestamptz NOT NULL,
  signed_by text NOT NULL,
  signed_by_name text NOT NULL,
  PRIMARY KEY (report_id, partner, revision)
);
