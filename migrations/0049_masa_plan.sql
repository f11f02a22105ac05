-- The partnership's MASA plan (src/masa-plan): the 17 sections of the North and South of Tyne
-- guidance, each save of a section a new version (none overwritten) with the guiding questions it
-- answers; the registers of partners and relevant agencies and of funding and in-kind contributions;
-- review points; the published versions of the whole plan (as the plan file); and the regional
-- forum's imported plans, its feedback to each partnership and its wider-footprint draft.
-- No child's data anywhere.

-- One row: the plan exists (its partners register was prefilled from the configuration's agencies).
CREATE TABLE masa_plan (
  id smallint PRIMARY KEY CHECK (id = 1),
  started_at timestamptz NOT NULL
);

CREATE TABLE masa_plan_section_version (
  section text NOT NULL,
  version integer NOT NULL CHECK (version >= 1),
  body text NOT NULL,
  -- The ids of the guiding questions the text answers: ["q1", "q3"].
  answers jsonb NOT NULL,
  written_at timestamptz NOT NULL,
  written_by text NOT NULL,
  written_by_name text NOT NULL,
  PRIMARY KEY (section, version)
);

CREATE TABLE masa_plan_partner (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name text NOT NULL CHECK (name <> ''),
  kind text NOT NULL CHECK (kind IN ('safeguarding-partner', 'relevant-agency', 'school', 'other')),
  role text NULL,
  -- The configuration's agency it was prefilled from, if any.
  agency_id text NULL,
  added_at timestamptz NOT NULL
);

CREATE TABLE masa_plan_contribution (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  partner text NOT NULL CHECK (partner <> ''),
  -- The financial year, by the year it starts (1 April).
  year smallint NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  amount_pence bigint NULL CHECK (amount_pence >= 0),
  in_kind text NULL,
  added_at timestamptz NOT NULL,
  added_by_name text NOT NULL,
  CHECK (amount_pence IS NOT NULL OR in_kind IS NOT NULL)
);

CREATE TABLE masa_plan_review_point (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  due_on date NOT NULL,
  what text NOT NULL,
  added_at timestamptz NOT NULL,
  added_by_name text NOT NULL
);

-- Each publication of the whole plan, as the plan file of that moment; never changed.
CREATE TABLE masa_plan_published (
  version integer PRIMARY KEY CHECK (version >= 1),
  file jsonb NOT NULL,
  published_at timestamptz NOT NULL,
  published_by_name text NOT NULL
);

-- Plans submitted to the regional forum: one per partnership (a later file replaces the earlier).
CREATE TABLE masa_plan_forum_plan (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  partnership_id text NOT NULL UNIQUE,
  partnership_name text NOT NULL,
  file jsonb NOT NULL,
  imported_at timestamptz NOT NULL,
  imported_by_name text NOT NULL
);

-- The forum's feedback to a partnership; plan_id NULL is this installation's own plan.
CREATE TABLE masa_plan_forum_feedback (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  plan_id uuid NULL REFERENCES masa_plan_forum_plan (id) ON DELETE CASCADE,
  body text NOT NULL,
  written_at timestamptz NOT NULL,
  written_by_name text NOT NULL
);

-- The wider-footprint draft: for each section, the text chosen from one partnership's plan.
CREATE TABLE masa_plan_forum_choice (
  section text PRIMARY KEY,
  from_name text NOT NULL,
  body text NOT NULL,
  answers jsonb NOT NULL,
  chosen_at timestamptz NOT NULL,
  chosen_by_name text NOT NULL
);
