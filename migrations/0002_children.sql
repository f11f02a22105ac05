-- Children, the adults around them, their households and schools, the professionals who
-- work with them, and which agencies are involved with each child (read by the access policy).
-- LA and agency ids are the slugs of the partnership configuration file, hence text without
-- foreign keys. Codes follow the DfE CIN census (Sex, Ethnicity, UPNunknown).

CREATE TABLE school (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  la_id text NOT NULL,
  name text NOT NULL,
  urn text NULL,
  -- The DfE establishment number (the 4 digits after the LA code in a UPN and in LAESTAB).
  establishment_number char(4) NULL CHECK (establishment_number ~ '^[0-9]{4}$'),
  phase text NOT NULL
    CHECK (phase IN ('nursery', 'primary', 'secondary', 'all-through', 'special', 'post-16')),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX school_la ON school (la_id);

CREATE TABLE household (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  la_id text NOT NULL,
  address_line1 text NOT NULL,
  address_line2 text NULL,
  town text NOT NULL,
  postcode text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX household_postcode ON household (postcode);

CREATE TABLE child (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  -- The responsible LA; la_child_id is the CIN census LAchildID, unique within it.
  la_id text NOT NULL,
  la_child_id text NOT NULL,
  given_name text NOT NULL,
  family_name text NOT NULL,
  date_of_birth date NULL,
  expected_date_of_birth date NULL,
  sex char(1) NOT NULL CHECK (sex IN ('M', 'F', 'U')),
  ethnicity text NULL CHECK (ethnicity IN (
    'WBRI', 'WIRI', 'WIRT', 'WOTH', 'WROM', 'MWBC', 'MWBA', 'MWAS', 'MOTH', 'AIND',
    'APKN', 'ABAN', 'AOTH', 'BCRB', 'BAFR', 'BOTH', 'CHNE', 'OOTH', 'REFU', 'NOBT')),
  nhs_number char(10) NULL CHECK (nhs_number ~ '^[0-9]{10}$'),
  upn char(13) NULL CHECK (upn ~ '^[A-Z][0-9]{11}[0-9A-Z]$'),
  upn_unknown text NULL CHECK (upn_unknown IN ('UN1', 'UN2', 'UN3', 'UN4', 'UN5', 'UN6', 'UN7')),
  household_id uuid NULL REFERENCES household (id),
  school_id uuid NULL REFERENCES school (id),
  sensitivity text NOT NULL DEFAULT 'standard'
    CHECK (sensitivity IN ('standard', 'police-restricted', 'health-restricted', 'sealed')),
  merged_into_id uuid NULL REFERENCES child (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (la_id, la_child_id),
  CHECK (upn IS NULL OR upn_unknown IS NULL),
  CHECK (merged_into_id IS DISTINCT FROM id)
);
-- Search (by name, date of birth, NHS number, UPN); the unique (la_id, la_child_id) index
-- serves lookups by LA.
CREATE INDEX child_name_trgm ON child USING gin (lower(given_name || ' ' || family_name) gin_trgm_ops);
CREATE INDEX child_date_of_birth ON child (date_of_birth);
CREATE INDEX child_nhs_number ON child (nhs_number) WHERE nhs_number IS NOT NULL;
CREATE INDEX child_upn ON child (upn) WHERE upn IS NOT NULL;
CREATE INDEX child_household ON child (household_id);
CREATE INDEX child_school ON child (school_id);
CREATE INDEX child_merged_into ON child (merged_into_id) WHERE merged_into_id IS NOT NULL;

CREATE TABLE child_alias (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  child_id uuid NOT NULL REFERENCES child (id),
  given_name text NOT NULL,
  family_name text NOT NULL,
  -- e.g. 'previous name', 'known as'
  kind text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX child_alias_child ON child_alias (child_id);
CREATE INDEX child_alias_name_trgm ON child_alias
  USING gin (lower(given_name || ' ' || family_name) gin_trgm_ops);

-- Adults: parents, carers and others around a child.
CREATE TABLE person (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  given_name text NOT NULL,
  family_name text NOT NULL,
  date_of_birth date NULL,
  sex char(1) NULL CHECK (sex IN ('M', 'F', 'U')),
  -- CP-IS flags unborn children's plans on the mother's NHS number.
  nhs_number char(10) NULL CHECK (nhs_number ~ '^[0-9]{10}$'),
  household_id uuid NULL REFERENCES household (id),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX person_household ON person (household_id);
CREATE INDEX person_nhs_number ON person (nhs_number) WHERE nhs_number IS NOT NULL;

-- How a child is related to an adult (person_id) or to another child (related_child_id):
-- kind reads "<the other> is the child's <kind>", e.g. 'mother', 'father', 'step-parent',
-- 'grandparent', 'carer', 'sibling'. Sibling links are stored in both directions.
CREATE TABLE relationship (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  child_id uuid NOT NULL REFERENCES child (id),
  person_id uuid NULL REFERENCES person (id),
  related_child_id uuid NULL REFERENCES child (id),
  kind text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (num_nonnulls(person_id, related_child_id) = 1),
  CHECK (related_child_id IS DISTINCT FROM child_id)
);
CREATE INDEX relationship_child ON relationship (child_id);
CREATE INDEX relationship_person ON relationship (person_id) WHERE person_id IS NOT NULL;
CREATE INDEX relationship_related_child ON relationship (related_child_id) WHERE related_child_id IS NOT NULL;

CREATE TABLE professional (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  agency_id text NOT NULL,
  la_id text NULL,
  school_id uuid NULL REFERENCES school (id),
  given_name text NOT NULL,
  family_name text NOT NULL,
  job_title text NOT NULL,
  email text NULL,
  phone text NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX professional_agency ON professional (agency_id);
CREATE INDEX professional_school ON professional (school_id) WHERE school_id IS NOT NULL;

-- Which agencies (and, where known, which users) are involved with a child and why:
-- need-to-know for the access policy. Ended involvements stay as history.
CREATE TABLE child_involvement (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  child_id uuid NOT NULL REFERENCES child (id),
  agency_id text NOT NULL,
  user_id uuid NULL,
  -- e.g. 'allocated', 'school', 'health visitor', 'core group', 'invited to meeting', 'contributing agency'
  reason text NOT NULL,
  since timestamptz NOT NULL DEFAULT now(),
  ended_at timestamptz NULL,
  CHECK (ended_at IS NULL OR ended_at >= since)
);
CREATE UNIQUE INDEX child_involvement_current ON child_involvement (child_id, agency_id, reason, user_id)
  NULLS NOT DISTINCT WHERE ended_at IS NULL;
CREATE INDEX child_involvement_agency ON child_involvement (agency_id, child_id) WHERE ended_at IS NULL;
CREATE INDEX child_involvement_user ON child_involvement (user_id, child_id)
  WHERE user_id IS NOT NULL AND ended_at IS NULL;
