-- Learning briefings (src/learning): the partnership's reviews and learning lead writes a one-page
-- "7-minute briefing" from its reviews, optionally drawn from a serious incident (never naming the
-- child), tagged with themes, and sends it to chosen agencies and roles; each person it was sent to
-- acknowledges reading it once, and is reminded after some working days. No child's data.

CREATE TABLE learning_briefing (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  title text NOT NULL,
  -- The 7-minute briefing's sections, as the lead wrote them.
  background text NOT NULL,
  key_findings text NOT NULL,
  learning text NOT NULL,
  do_differently text NOT NULL,
  reflection_questions text NOT NULL,
  further_reading text NULL,
  -- Theme ids of the partnership's list (learning_themes, else the defaults).
  themes text[] NOT NULL DEFAULT '{}',
  -- The serious incident whose review it draws on, if any (shown by its reference only).
  incident_id uuid NULL REFERENCES serious_incident (id),
  written_at timestamptz NOT NULL,
  written_by text NOT NULL,
  written_by_name text NOT NULL,
  -- Set once, when it is sent: the agencies and roles chosen, and after how many working days
  -- those who have not acknowledged it are reminded.
  published_at timestamptz NULL,
  published_by_name text NULL,
  sent_to_agencies text[] NOT NULL DEFAULT '{}',
  sent_to_roles text[] NOT NULL DEFAULT '{}',
  remind_after_working_days smallint NULL CHECK (remind_after_working_days BETWEEN 1 AND 30)
);
CREATE INDEX learning_briefing_published ON learning_briefing (published_at);

-- One row per person a briefing was sent to: who (as they were then), the agency and the role it
-- reached them through, when they acknowledged reading it (once), and when they were reminded.
CREATE TABLE learning_recipient (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  briefing_id uuid NOT NULL REFERENCES learning_briefing (id),
  user_id uuid NOT NULL,
  user_name text NOT NULL,
  email text NOT NULL,
  agency_id text NOT NULL,
  role text NOT NULL,
  sent_at timestamptz NOT NULL,
  acknowledged_at timestamptz NULL,
  reminded_at timestamptz NULL,
  UNIQUE (briefing_id, user_id)
);
CREATE INDEX learning_recipient_user ON learning_recipient (user_id);
CREATE INDEX learning_recipient_unacknowledged ON learning_recipient (briefing_id)
  WHERE acknowledged_at IS NULL AND reminded_at IS NULL;
