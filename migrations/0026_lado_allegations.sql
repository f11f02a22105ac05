-- Allegations against people who work or volunteer with children, held by the local authority
-- designated officer (LADO) of the LA they are referred to (src/lado).

-- A single-use link that lets an organisation without an account refer an allegation: masa emails it
-- to the address given; only its sha256 is kept. It lasts a short while and is spent by the referral.
CREATE TABLE lado_referral_link (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  token_hash char(64) NOT NULL UNIQUE,
  email text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  used_at timestamptz NULL,
  CHECK (expires_at > created_at)
);
CREATE INDEX lado_referral_link_email ON lado_referral_link (email, created_at);

CREATE SEQUENCE lado_allegation_number;

CREATE TABLE lado_allegation (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  -- LADO-1001: what people quote on the telephone.
  reference text NOT NULL UNIQUE DEFAULT 'LADO-' || (1000 + nextval('lado_allegation_number')),
  la_id text NOT NULL,
  referred_at timestamptz NOT NULL,
  -- The working day by which the LADO must be told (1 working day after the referral).
  lado_informed_by date NOT NULL,
  -- 'user:<id>' for a signed-in referrer, 'public:<link id>' for one through a verified email link.
  referrer text NOT NULL,
  referrer_name text NOT NULL,
  referrer_email text NOT NULL,
  referrer_organisation text NOT NULL,
  -- The adult the allegation is about, their role and employer (or the organisation they volunteer for).
  person_name text NOT NULL,
  person_role text NOT NULL,
  employer text NOT NULL,
  employer_sector text NOT NULL,
  -- Who may read who the person is beyond the LADO: 'lado-restricted' (the default) or 'standard'.
  person_marking text NOT NULL DEFAULT 'lado-restricted' CHECK (person_marking IN ('lado-restricted', 'standard')),
  -- The limbs of the harm test the referrer says are met, at least one.
  harm_test text[] NOT NULL CHECK (cardinality(harm_test) > 0),
  harm_category text NOT NULL,
  what_happened text NOT NULL,
  children_concerned text NOT NULL,
  -- The initial consideration: threshold met, not met, or advice only; with reasons.
  considered_at timestamptz NULL,
  considered_by_name text NULL,
  consideration text NULL CHECK (consideration IN ('threshold-met', 'threshold-not-met', 'advice-only')),
  consideration_reasons text NULL,
  dbs_referred_on date NULL,
  tra_referred_on date NULL,
  outcome text NULL CHECK (outcome IN ('substantiated', 'malicious', 'false', 'unsubstantiated', 'unfounded')),
  outcome_on date NULL,
  outcome_notes text NULL,
  CHECK ((considered_at IS NULL) = (consideration IS NULL)),
  CHECK ((outcome IS NULL) = (outcome_on IS NULL))
);
CREATE INDEX lado_allegation_queue ON lado_allegation (la_id, lado_informed_by) WHERE outcome IS NULL;
CREATE INDEX lado_allegation_referrer ON lado_allegation (referrer);
CREATE INDEX lado_allegation_referred ON lado_allegation (la_id, referred_at);

-- Allegation management meetings: when, who was invited (agencies of the partnership, and others in
-- words), and the minutes.
CREATE TABLE lado_meeting (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  allegation_id uuid NOT NULL REFERENCES lado_allegation (id),
  held_on date NOT NULL,
  invited_agency_ids text[] NOT NULL DEFAULT '{}',
  others_invited text NULL,
  minutes text NOT NULL,
  recorded_at timestamptz NOT NULL,
  recorded_by_name text NOT NULL
);
CREATE INDEX lado_meeting_allegation ON lado_meeting (allegation_id, held_on);

-- What the employer did: suspension, investigation, dismissal, resignation, with the date.
CREATE TABLE lado_employer_action (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  allegation_id uuid NOT NULL REFERENCES lado_allegation (id),
  kind text NOT NULL CHECK (kind IN ('suspension', 'investigation', 'dismissal', 'resignation')),
  taken_on date NOT NULL,
  notes text NULL,
  recorded_at timestamptz NOT NULL
);
CREATE INDEX lado_employer_action_allegation ON lado_employer_action (allegation_id, taken_on);
