-- Legal holds on the retention schedule (src/retention): a record under a hold (litigation, an inquiry,
-- a police investigation, a subject access request being answered) is never deleted by
-- `masa retention --apply`, whatever its age. A hold names the record, not a foreign key, so it
-- outlives nothing and blocks nothing: the retention command itself skips what is held.
CREATE TABLE retention_hold (
  record_type text NOT NULL CHECK (record_type IN ('child_record', 'lado_allegation')),
  record_id uuid NOT NULL,
  reason text NOT NULL CHECK (btrim(reason) <> ''),
  placed_by text NOT NULL,
  placed_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (record_type, record_id)
);

-- A referral's chronology goes with it when the schedule deletes it: found by the referral's id.
CREATE INDEX domain_event_referral ON domain_event ((payload->>'referralId')) WHERE payload ? 'referralId';
