-- The child's own words on a strategy discussion's record, as core group meetings have them
-- (migration 0042): their wishes and feelings, as they said or wrote them, or how they were sought.
-- Optional; read with the rest of the record, under the same markings.
ALTER TABLE strategy_record ADD COLUMN child_words text NULL;

-- A case audit's grant ended early by the partnership's quality assurance lead, with the reason:
-- from then on the agency's next look at the child's record for the audit is answered as if the
-- case were not there (src/case-audits).
ALTER TABLE case_audit_grant
  ADD COLUMN revoked_at timestamptz NULL,
  ADD COLUMN revoked_by_name text NULL,
  ADD COLUMN revoked_reason text NULL;
