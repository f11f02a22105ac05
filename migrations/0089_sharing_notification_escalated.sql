-- The overdue-acknowledgement loop (src/sharing/inbox.ts escalateOverdue) runs every few seconds. It
-- looked for unacknowledged notifications past due without an escalation through an index of every
-- unacknowledged one, so the ones escalated but never acknowledged were read again on every run: at a
-- million children about 24,000 rows and a quarter of a second, each run, for ever. A notification now
-- records when it was escalated, and the loop reads an index of those not yet escalated.
ALTER TABLE sharing_notification ADD COLUMN escalated_at timestamptz NULL;
UPDATE sharing_notification n SET escalated_at = x.escalated_at
  FROM sharing_escalation x
  WHERE x.notification_id = n.id AND x.partnership_id = n.partnership_id AND n.acknowledged_at IS NULL;
CREATE INDEX sharing_notification_unescalated ON sharing_notification (due_at)
  WHERE acknowledged_at IS NULL AND escalated_at IS NULL;
