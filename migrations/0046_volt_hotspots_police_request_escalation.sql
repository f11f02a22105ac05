-- VOLT (src/volt): the hotspots page counts the children linked to places, by postcode sector and
-- type of place. A child-to-place link is stored either way round; each partial index holds one way,
-- keyed by the place, with the child and the handling code, so the count reads the indexes alone
-- (two arms of a UNION ALL) instead of joining every link to every place through an OR.
CREATE INDEX volt_link_place_child ON volt_link (b_ref) INCLUDE (a_ref, handling_code)
  WHERE a_kind = 'child' AND b_kind = 'location';
CREATE INDEX volt_link_child_place ON volt_link (a_ref) INCLUDE (b_ref, handling_code)
  WHERE a_kind = 'location' AND b_kind = 'child';

-- Form 87a (src/police-requests): a request whose answer is overdue (the working day it was due by
-- has ended) is escalated once to the police force's safeguarding managers; when, is kept here. The
-- job finds the requests still to escalate through the partial index.
ALTER TABLE police_information_request ADD COLUMN escalated_at timestamptz NULL;
CREATE INDEX police_information_request_overdue ON police_information_request (due_by)
  WHERE outcome IS NULL AND escalated_at IS NULL;
