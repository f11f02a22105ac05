-- Settings the servers share (e.g. the cookie-signing key generated on first start), so
-- nothing that matters lives in one process's memory.
CREATE TABLE masa_setting (
  key text PRIMARY KEY,
  value text NOT NULL
);

CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE EXTENSION IF NOT EXISTS fuzzystrmatch;
