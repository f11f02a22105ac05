-- VOLT (src/volt): the network around an exploited child. Victims are children already in masa;
-- persons of concern (adults or peers, police intelligence: restricted to the police until a police
-- user marks one shareable), locations (an address, a postcode, a named place of a type) and themes
-- (codes of the partnership's configuration) are joined by links, each with its type, the agency
-- it came from, the date, and where the police entered it the 3x5x2 grading: source evaluation
-- (1-3), intelligence assessment (A-E) and handling code (P: lawful sharing permitted; C: lawful
-- sharing permitted with conditions, which masa reads as police only).
CREATE TABLE volt_person (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name text NOT NULL,
  also_known_as text NULL,
  kind text NOT NULL CHECK (kind IN ('adult', 'peer')),
  description text NULL,
  -- Only the police see a restricted person; a police user may mark one shareable (false).
  police_restricted boolean NOT NULL DEFAULT true,
  agency_id text NOT NULL,
  recorded_by text NOT NULL,
  recorded_by_name text NOT NULL,
  recorded_at timestamptz NOT NULL DEFAULT now(),
  shared_by text NULL,
  shared_at timestamptz NULL
);
CREATE INDEX volt_person_name ON volt_person (lower(name) text_pattern_ops);

CREATE TABLE volt_location (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name text NOT NULL,
  location_type text NOT NULL CHECK (location_type IN
    ('address', 'park', 'shop', 'hotel', 'transport-hub', 'school', 'online-platform', 'other')),
  address text NULL,
  -- Normalised upper case with one space ('LE1 5AB'); its sector ('LE1 5') is what hotspots group by.
  postcode text NULL,
  postcode_sector text NULL,
  agency_id text NOT NULL,
  recorded_by text NOT NULL,
  recorded_by_name text NOT NULL,
  recorded_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((postcode IS NULL) = (postcode_sector IS NULL))
);
CREATE INDEX volt_location_sector ON volt_location (postcode_sector, location_type);

-- A link joins two ends, each a child, person, location (by id) or theme (by its code). Undirected:
-- the two-hop query reads it from either end, through the two indexes below.
CREATE TABLE volt_link (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  a_kind text NOT NULL CHECK (a_kind IN ('child', 'person', 'location', 'theme')),
  a_ref text NOT NULL,
  b_kind text NOT NULL CHECK (b_kind IN ('child', 'person', 'location', 'theme')),
  b_ref text NOT NULL,
  link_type text NOT NULL,
  source_agency_id text NOT NULL,
  seen_on date NOT NULL,
  source_evaluation smallint NULL CHECK (source_evaluation BETWEEN 1 AND 3),
  intelligence_assessment text NULL CHECK (intelligence_assessment IN ('A', 'B', 'C', 'D', 'E')),
  handling_code text NULL CHECK (handling_code IN ('P', 'C')),
  handling_conditions text NULL,
  recorded_by text NOT NULL,
  recorded_by_name text NOT NULL,
  recorded_at timestamptz NOT NULL DEFAULT now(),
  CHECK (NOT (a_kind = b_kind AND a_ref = b_ref)),
  -- The grading is whole or absent.
  CHECK ((source_evaluation IS NULL) = (intelligence_assessment IS NULL)
    AND (source_evaluation IS NULL) = (handling_code IS NULL)),
  CHECK (handling_code IS DISTINCT FROM 'C' OR handling_conditions IS NOT NULL)
);
-- The two-hop network: every link at either end of a set of nodes, with what deciding its
-- visibility needs, read from the index alone where the engine can.
CREATE INDEX volt_link_a ON volt_link (a_ref, a_kind) INCLUDE (b_kind, b_ref, handling_code);
CREATE INDEX volt_link_b ON volt_link (b_ref, b_kind) INCLUDE (a_kind, a_ref, handling_code);
