-- The voice of children and families (src/voice): a short feedback survey a family answers once
-- through an expiring link after a child protection conference, the partnership's own "what we
-- changed" against each theme. A response keeps no child identifier and no name: only which
-- audience answered, the day and the answers.

-- The family's link: a random 256-bit token kept only as its SHA-256, for one conference.
CREATE TABLE voice_link (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  conference_id uuid NOT NULL REFERENCES conference (id),
  -- The only thing about the conference the family's page shows.
  meeting_date date NOT NULL,
  token_hash text NOT NULL UNIQUE,
  issued_by text NOT NULL,
  issued_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  used_at timestamptz NULL
);
CREATE INDEX voice_link_conference ON voice_link (conference_id);

-- One answered survey. No child, no meeting, no name: the link it came through is spent instead.
CREATE TABLE voice_response (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  audience text NOT NULL CHECK (audience IN ('family', 'practitioner')),
  link_id uuid NULL UNIQUE REFERENCES voice_link (id),
  answered_on date NOT NULL,
  -- Each closed question's answer by its key: 'yes', 'partly' or 'no'.
  answers jsonb NOT NULL,
  suggestion text NULL
);
CREATE INDEX voice_response_audience ON voice_response (audience, answered_on);

-- What the partnership changed because of what it was told, against a theme.
CREATE TABLE voice_change (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  theme text NOT NULL,
  what_we_changed text NOT NULL,
  changed_on date NOT NULL,
  recorded_by text NOT NULL,
  recorded_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX voice_change_theme ON voice_change (theme, changed_on);

-- Who has answered a meeting's practitioner survey, so each attendee answers once. Kept apart from
-- the answers, which name no one.
CREATE TABLE voice_practitioner_answered (
  meeting_kind text NOT NULL CHECK (meeting_kind IN ('conference', 'strategy-discussion')),
  meeting_id uuid NOT NULL,
  user_id uuid NOT NULL REFERENCES app_user (id),
  PRIMARY KEY (meeting_kind, meeting_id, user_id)
);

-- The child's own words (their wishes and feelings) at each core group meeting of their plan, as
-- conferences already ask for them in the chair's minutes. Optional: how they were sought may be
-- written instead.
ALTER TABLE core_group_meeting ADD COLUMN child_words text NULL;
