-- The comparison of operating models (src/model-comparison): other partnerships' performance figures
-- files, imported by this partnership's analysts. Counts per LA, measure and month only: nothing here
-- names or identifies a child.
CREATE TABLE model_comparison_import (
  partnership_id text NOT NULL DEFAULT nullif(current_setting('masa.partnership_id', true), ''),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  source_partnership_id text NOT NULL CHECK (length(source_partnership_id) BETWEEN 1 AND 100),
  source_partnership_name text NOT NULL CHECK (length(source_partnership_name) BETWEEN 1 AND 200),
  operating_model text NOT NULL CHECK (operating_model IN ('1a', '1b', '2')),
  from_month text NOT NULL CHECK (from_month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
  to_month text NOT NULL CHECK (to_month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
  rows jsonb NOT NULL,
  imported_by_name text NOT NULL,
  imported_at timestamptz NOT NULL,
  PRIMARY KEY (id, partnership_id)
);
CREATE INDEX model_comparison_import_latest
  ON model_comparison_import (source_partnership_id, imported_at DESC);

ALTER TABLE model_comparison_import ENABLE ROW LEVEL SECURITY;
CREATE POLICY own_partnership ON model_comparison_import
  USING (partnership_id = current_setting('masa.partnership_id', true))
  WITH CHECK (partnership_id = current_setting('masa.partnership_id', true));
