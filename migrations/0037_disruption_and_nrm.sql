-- Disruption tactics used and National Referral Mechanism (NRM) referrals for exploited children
-- (src/disruption-nrm), each about one child and, where it came from one, a MACE discussion of the
-- child. The chronology says that one was recorded, never the tactic, the decision or the outcome.

-- A disruption tactic used: which (an id of the partnership's configured list, and its label when
-- recorded), when, by which agency and person; the outcome is recorded later.
CREATE TABLE disruption_tactic_use (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  child_id uuid NOT NULL REFERENCES child (id),
  la_id text NOT NULL,
  -- The MACE discussion it was agreed at, if any (no foreign key: mace_discussion is 0030's and
  -- both are written through their modules).
  discussion_id uuid NULL,
  tactic text NOT NULL,
  tactic_label text NOT NULL,
  used_on date NOT NULL,
  used_by_agency_id text NOT NULL,
  used_by_name text NOT NULL,
  -- Who recorded it: 'user:<id>' or 'system:<id>', their agency and name.
  recorded_by text NOT NULL,
  recorded_by_agency_id text NOT NULL,
  recorded_by_name text NOT NULL,
  recorded_at timestamptz NOT NULL DEFAULT now(),
  outcome text NULL,
  outcome_recorded_by_name text NULL,
  outcome_recorded_at timestamptz NULL,
  CHECK ((outcome IS NULL) = (outcome_recorded_at IS NULL))
);
CREATE INDEX disruption_tactic_use_child ON disruption_tactic_use (child_id, used_on);

-- A child's NRM referral: no consent is asked (a child's referral needs none). The reasonable-grounds
-- decision is expected within 5 working days of the referral (rg_due_by, fixed when referred); the
-- conclusive-grounds decision no sooner than 30 days after a positive reasonable-grounds decision.
CREATE TABLE nrm_referral (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  child_id uuid NOT NULL REFERENCES child (id),
  la_id text NOT NULL,
  discussion_id uuid NULL,
  -- The first responder organisation that referred (an agency of the partnership).
  first_responder_agency_id text NOT NULL,
  referred_on date NOT NULL,
  rg_due_by date NOT NULL,
  recorded_by text NOT NULL,
  recorded_by_agency_id text NOT NULL,
  recorded_by_name text NOT NULL,
  recorded_at timestamptz NOT NULL DEFAULT now(),
  rg_decision text NULL CHECK (rg_decision IN ('positive', 'negative')),
  rg_decided_on date NULL,
  rg_recorded_by_name text NULL,
  cg_decision text NULL CHECK (cg_decision IN ('positive', 'negative')),
  cg_decided_on date NULL,
  cg_recorded_by_name text NULL,
  -- What followed the conclusive-grounds decision (support, a review asked for ...).
  outcome text NULL,
  CHECK ((rg_decision IS NULL) = (rg_decided_on IS NULL)),
  CHECK ((cg_decision IS NULL) = (cg_decided_on IS NULL)),
  CHECK (cg_decision IS NULL OR rg_decision = 'positive'),
  CHECK (cg_decided_on IS NULL OR cg_decided_on >= rg_decided_on + 30)
);
CREATE INDEX nrm_referral_child ON nrm_referral (child_id, referred_on);
-- The MACE coordinator's list of decisions awaited, by LA.
CREATE INDEX nrm_referral_awaiting ON nrm_referral (la_id, rg_due_by) WHERE cg_decision IS NULL;
