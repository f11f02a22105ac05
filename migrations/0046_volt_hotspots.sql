-- VOLT (src/volt): the hotspots page counts the children linked to places, by postcode sector and
-- type of place. A child-to-place link is stored either way round; each partial index holds one way,
-- keyed by the place, with the child and the handling code, so the count reads the indexes alone
-- (two arms of a UNION ALL) instead of joining every link to every place through an OR.
CREATE INDEX volt_link_place_child ON volt_link (b_ref) INCLUDE (a_ref, handling_code)
  WHERE a_kind = 'child' AND b_kind = 'location';
CREATE INDEX volt_link_child_place ON volt_link (a_ref) INCLUDE (b_ref, handling_code)
  WHERE a_kind = 'location' AND b_kind = 'child';
