-- Front door: referrals from professionals, multi-agency triage (MAT), threshold decisions,
-- and the email outbox that tells referrers what happened.

-- The minimum a live child protection plan needs for the model 2 bypass (a new concern about a
-- child on a plan goes straight to a strategy discussion); conferences build the rest on it.
CREATE TABLE child_protection_plan (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  child_id uuid NOT NULL REFERENCES child (id),
  la_id text NOT NULL,
  category text NOT NULL CHECK (category IN ('NEG', 'PHY', 'SAB', 'EMO', 'MUL')),
  start_date date NOT NULL,
  end_date date,
  CHECK (end_date IS NULL OR end_date >= start_date)
);
-- CIN census rules 8935/8940: a child has at most one open plan.
CREATE UNIQUE INDEX child_protection_plan_one_open ON child_protection_plan (child_id) WHERE end_date IS NULL;

CREATE TABLE referral (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  -- A short number people can quote on the phone ('FD-000042').
  number bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
  la_id text NOT NULL,
  -- Set when the child is matched to a record: at intake by NHS number or UPN, later by a screener.
  child_id uuid REFERENCES child (id),
  child_first_name text NOT NULL,
  child_last_name text NOT NULL,
  child_other_names text,
  child_date_of_birth date,
  child_address text,
  child_postcode text,
  child_school text,
  child_nhs_number text,
  child_upn text,
  what_happened text NOT NULL,
  worries text NOT NULL,
  family_knows text NOT NULL,
  consent text NOT NULL CHECK (consent IN ('given', 'not-sought', 'refused')),
  lawful_basis_without_consent text,
  urgency text NOT NULL CHECK (urgency IN ('urgent', 'standard')),
  referral_source text NOT NULL CHECK (referral_source IN
    ('1A', '1B', '1C', '1D', '2A', '2B', '3A', '3B', '3C', '3D', '3E', '3F',
     '4', '5A', '5B', '5C', '5D', '6', '7', '8', '9', '10')),
  referrer_user_id text NOT NULL,
  referrer_name text NOT NULL,
  referrer_agency_id text NOT NULL,
  referrer_role text NOT NULL,
  referrer_phone text,
  referrer_email text NOT NULL,
  -- How it arrived (out-of-hours when the front door was closed) and which queue works it.
  route text NOT NULL CHECK (route IN ('la-screening', 'mat', 'strategy-discussion', 'out-of-hours')),
  queue text NOT NULL CHECK (queue IN ('la-screening', 'mat', 'strategy-discussion')),
  priority smallint NOT NULL,
  had_live_cp_plan boolean NOT NULL,
  received_at timestamptz NOT NULL,
  decision_due_by date NOT NULL,
  status text NOT NULL CHECK (status IN ('awaiting-screening', 'in-triage', 'awaiting-strategy-discussion', 'decided')),
  client_id text NOT NULL,
  idempotency_key text NOT NULL,
  request_hash text NOT NULL,
  threshold_result jsonb,
  CHECK (consent = 'given' OR lawful_basis_without_consent IS NOT NULL),
  UNIQUE (client_id, idempotency_key)
);
CREATE INDEX referral_open_queue ON referral (la_id, queue, priority, decision_due_by, received_at)
  WHERE status <> 'decided';
CREATE INDEX referral_child ON referral (child_id) WHERE child_id IS NOT NULL;
CREATE INDEX referral_referrer ON referral (referrer_agency_id, received_at);

-- MAT: what each agency's own records hold, one contribution per kind of agency per referral.
CREATE TABLE mat_contribution (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  referral_id uuid NOT NULL REFERENCES referral (id),
  agency_id text NOT NULL,
  agency_kind text NOT NULL CHECK (agency_kind IN ('local-authority', 'police', 'health', 'education')),
  records_hold text NOT NULL,
  household text NOT NULL,
  lawful_basis text NOT NULL,
  contributed_by text NOT NULL,
  contributed_by_name text NOT NULL,
  contributed_at timestamptz NOT NULL,
  UNIQUE (referral_id, agency_kind)
);

CREATE TABLE threshold_decision (
  referral_id uuid PRIMARY KEY REFERENCES referral (id),
  outcome text NOT NULL CHECK (outcome IN
    ('nfa-advice', 'early-help', 'cin-assessment-s17', 'strategy-discussion-s47', 'immediate-protection')),
  reasons text NOT NULL,
  level_of_need smallint NOT NULL CHECK (level_of_need BETWEEN 1 AND 4),
  decided_by text NOT NULL,
  decided_by_name text NOT NULL,
  decided_by_agency_id text NOT NULL,
  decided_at timestamptz NOT NULL,
  working_days_taken integer NOT NULL,
  within_timescale boolean NOT NULL,
  -- What the referrer is told: the decider writes only what may be shared with them.
  feedback_to_referrer text NOT NULL,
  contributing_agency_kinds text[] NOT NULL DEFAULT '{}'
);

-- Written in the same transaction as the change that causes the message; sent after commit.
CREATE TABLE notification_outbox (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  channel text NOT NULL CHECK (channel IN ('email')),
  recipient text NOT NULL,
  template_id text NOT NULL,
  personalisation jsonb NOT NULL,
  reference text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  sent_at timestamptz,
  attempts integer NOT NULL DEFAULT 0,
  last_error text
);
CREATE INDEX notification_outbox_pending ON notification_outbox (created_at) WHERE sent_at IS NULL;
