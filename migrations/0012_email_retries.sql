-- Failed emails are retried with backoff (src/platform/notify/email.ts): a row is due once
-- next_attempt_at has passed. Claiming a row also moves next_attempt_at on, as a lease.
ALTER TABLE notification_outbox ADD COLUMN next_attempt_at timestamptz NOT NULL DEFAULT now();
DROP INDEX notification_outbox_pending;
CREATE INDEX notification_outbox_due ON notification_outbox (next_attempt_at) WHERE sent_at IS NULL;
