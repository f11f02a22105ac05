-- Runs of the statistics upkeep: the embedded engine has no autovacuum, so masa analyses (and
-- vacuums) tables itself and keeps a record of each run that did any work, for administrators.
CREATE TABLE db_maintenance_run (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  started_at timestamptz NOT NULL,
  finished_at timestamptz NOT NULL,
  -- 'schedule': the server's own loop; 'command': `masa doctor --fix`; 'load': the end of a bulk load
  trigger text NOT NULL CHECK (trigger IN ('schedule', 'command', 'load')),
  analysed text[] NOT NULL DEFAULT '{}',
  vacuumed text[] NOT NULL DEFAULT '{}',
  -- The first failure, when a table could not be done (the others still are)
  problem text
);

CREATE INDEX db_maintenance_run_started ON db_maintenance_run (started_at DESC);
