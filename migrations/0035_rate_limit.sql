-- Rate-limit counters shared by every app server on one PostgreSQL: sign-in attempts from one address
-- and API calls from one client are counted across the processes behind the load balancer, not per
-- process. Unlogged: a crash loses at most a minute's counts, and no counter is worth a WAL write.

CREATE UNLOGGED TABLE rate_limit_window (
  key text PRIMARY KEY,
  count integer NOT NULL,
  resets_at timestamptz NOT NULL
);
