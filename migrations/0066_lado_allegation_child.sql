-- The children's records an allegation concerns (src/lado): the LADO links an allegation to each
-- child found through the children's search, so it is listed on the child's record for whom the
-- policy lets read both. The referral's own words about the children stay as they were told.
CREATE TABLE lado_allegation_child (
  allegation_id uuid NOT NULL REFERENCES lado_allegation (id),
  child_id uuid NOT NULL REFERENCES child (id),
  linked_at timestamptz NOT NULL,
  linked_by_name text NOT NULL,
  PRIMARY KEY (allegation_id, child_id)
);
CREATE INDEX lado_allegation_child_child ON lado_allegation_child (child_id);
