-- Child search and merge. Sound-alike keys as expression indexes, so "Caitlin Smyth" finds
-- "Kaitlyn Smith" by an index lookup rather than a scan; the family name leads, so a one-word
-- search for a family name uses them too. dmetaphone and soundex are immutable (fuzzystrmatch).
CREATE INDEX child_name_dmetaphone ON child (dmetaphone(family_name), dmetaphone(given_name));
CREATE INDEX child_name_soundex ON child (soundex(family_name), soundex(given_name));
CREATE INDEX child_alias_name_dmetaphone ON child_alias (dmetaphone(family_name), dmetaphone(given_name));
CREATE INDEX child_alias_name_soundex ON child_alias (soundex(family_name), soundex(given_name));
CREATE INDEX child_expected_date_of_birth ON child (expected_date_of_birth)
  WHERE expected_date_of_birth IS NOT NULL;

-- Records created through the service get an LAchildID from here ('M' and nine digits), apart
-- from any an LA's own system or the demo generator uses.
CREATE SEQUENCE child_la_child_id_seq;

-- One row per merge: the duplicate keeps its row (merged_into_id points at the survivor) and its
-- events; this keeps who merged them, why, and what the survivor took from the duplicate.
CREATE TABLE child_merge (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  survivor_id uuid NOT NULL REFERENCES child (id),
  duplicate_id uuid NOT NULL UNIQUE REFERENCES child (id),
  merged_by text NOT NULL,
  merged_at timestamptz NOT NULL DEFAULT now(),
  reason text NOT NULL,
  -- e.g. {"nhs_number": "9434765919", "alias": "Olly Smith"}: filled on the survivor from the duplicate.
  taken jsonb NOT NULL DEFAULT '{}',
  CHECK (survivor_id <> duplicate_id)
);
CREATE INDEX child_merge_survivor ON child_merge (survivor_id);

-- A date-of-birth search reads the children born on a dozen dates and keeps those whose name is
-- close: with the names in the index it never visits the table.
CREATE INDEX child_date_of_birth_names ON child (date_of_birth)
  INCLUDE (id, given_name, family_name, nhs_number, upn, merged_into_id, expected_date_of_birth);
