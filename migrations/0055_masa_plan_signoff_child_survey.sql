-- The MASA plan's sign-off (src/masa-plan): each published version of the plan is signed off by the
-- three lead safeguarding partners, as the yearly report is (src/yearly-report), each by a
-- safeguarding manager of an agency of its kind. A version never changes, so a signature stays with it.

CREATE TABLE masa_plan_signoff (
  version integer NOT NULL REFERENCES masa_plan_published (version),
  -- The lead safeguarding partner signed for: the local authority, the police or health.
  partner text NOT NULL CHECK (partner IN ('local-authority', 'police', 'health')),
  agency_id text NOT NULL,
  signed_at timestamptz NOT NULL,
  signed_by text NOT NULL,
  signed_by_name text NOT NULL,
  PRIMARY KEY (version, partner)
);

-- The voice of children and families (src/voice): a survey for the child or young person themselves
-- after a conference, in plain words, through the same expiring single-use link as the family's. The
-- link says whose survey it is; the answers are kept as the child's, gathered under the same themes.
ALTER TABLE voice_link
  ADD COLUMN audience text NOT NULL DEFAULT 'family' CHECK (audience IN ('family', 'child'));
ALTER TABLE voice_response DROP CONSTRAINT voice_response_audience_check;
ALTER TABLE voice_response
  ADD CONSTRAINT voice_response_audience_check CHECK (audience IN ('family', 'child', 'practitioner'));
