-- A local child safeguarding practice review after commissioning (src/reviews): its milestones, its
-- drafts as versions (none overwritten), the lead safeguarding partners' sign-off of one draft, the
-- Panel's copy; evidence of the impact of a recommendation once its action is done; and the themes
-- a serious incident is tagged with (the partnership's `learning_themes`).

ALTER TABLE practice_review
  -- Rises with every draft written: a sign-off counts for the draft version it was given to.
  ADD COLUMN draft_version integer NOT NULL DEFAULT 0,
  -- The day the published review was sent to the national Panel.
  ADD COLUMN panel_copy_sent_on date NULL,
  -- The publication target the reviews people were last warned of: each warned once.
  ADD COLUMN warned_for date NULL,
  ADD CONSTRAINT practice_review_panel_copy_after_publication
    CHECK (panel_copy_sent_on IS NULL OR published_on IS NOT NULL);

CREATE TABLE practice_review_milestone (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  incident_id uuid NOT NULL REFERENCES practice_review (incident_id),
  title text NOT NULL,
  due_on date NOT NULL,
  met_on date NULL,
  recorded_at timestamptz NOT NULL,
  recorded_by_name text NOT NULL
);
CREATE INDEX practice_review_milestone_review ON practice_review_milestone (incident_id, due_on);

CREATE TABLE practice_review_draft (
  incident_id uuid NOT NULL REFERENCES practice_review (incident_id),
  version integer NOT NULL CHECK (version >= 1),
  body text NOT NULL,
  note text NULL,
  written_at timestamptz NOT NULL,
  written_by_name text NOT NULL,
  PRIMARY KEY (incident_id, version)
);

CREATE TABLE practice_review_signoff (
  incident_id uuid NOT NULL REFERENCES practice_review (incident_id),
  -- The lead safeguarding partner signed for: the local authority, the police or health.
  partner text NOT NULL CHECK (partner IN ('local-authority', 'police', 'health')),
  version integer NOT NULL,
  agency_id text NOT NULL,
  signed_at timestamptz NOT NULL,
  signed_by text NOT NULL,
  signed_by_name text NOT NULL,
  PRIMARY KEY (incident_id, partner, version),
  FOREIGN KEY (incident_id, version) REFERENCES practice_review_draft (incident_id, version)
);

-- The evidence, some time after a recommendation's action was done, that it changed practice.
CREATE TABLE recommendation_impact (
  action_id uuid PRIMARY KEY REFERENCES action (id),
  incident_id uuid NOT NULL REFERENCES serious_incident (id),
  evidence text NOT NULL,
  evidenced_on date NOT NULL,
  recorded_at timestamptz NOT NULL,
  recorded_by_name text NOT NULL
);
CREATE INDEX recommendation_impact_incident ON recommendation_impact (incident_id);

-- The themes (ids of the partnership's `learning_themes`) a serious incident is tagged with.
CREATE TABLE serious_incident_theme (
  incident_id uuid NOT NULL REFERENCES serious_incident (id),
  theme text NOT NULL,
  PRIMARY KEY (incident_id, theme)
);

-- The rapid review meeting on the meetings block: its start time (London), and the agencies that
-- attended (of those invited and the child's LA); quorate with the three lead safeguarding partners.
ALTER TABLE serious_incident
  ADD COLUMN rapid_review_meeting_time text NULL,
  ADD COLUMN rapid_review_attended text[] NULL;
