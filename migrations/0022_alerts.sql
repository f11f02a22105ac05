-- Alerts: what others changed about the children a person works with, since they last looked, and
-- whether they want an email when there is something new. Positions are domain_event.seq.
CREATE TABLE alert_reader (
  user_id uuid PRIMARY KEY REFERENCES app_user (id),
  seen_up_to bigint NOT NULL DEFAULT 0,
  email boolean NOT NULL DEFAULT false,
  emailed_up_to bigint NOT NULL DEFAULT 0
);

-- The children a person works with include those they recorded something about.
CREATE INDEX domain_event_actor_time ON domain_event (actor_id, occurred_at);
