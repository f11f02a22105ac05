-- Under model 2 a threshold decision taken before every agency has added what its records hold
-- says why: the child was at urgent risk, an agency could not be reached, or another reason given.
ALTER TABLE threshold_decision
  ADD COLUMN without_contributions_reason text
    CHECK (without_contributions_reason IN ('urgent', 'agency-unavailable', 'other')),
  ADD COLUMN without_contributions_detail text;
