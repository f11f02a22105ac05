-- Issue 14: each agency asked to contribute to a rapid review has a date its part is due by, and is
-- reminded once when it falls due the next working day and once when it has passed (src/reviews
-- alerts.ts, claimed with SKIP LOCKED so each reminder goes once whichever server runs the job).
ALTER TABLE rapid_review_part ADD COLUMN due_on date;
ALTER TABLE rapid_review_part ADD COLUMN due_soon_reminded_at timestamptz;
ALTER TABLE rapid_review_part ADD COLUMN overdue_reminded_at timestamptz;
-- Parts asked for before this had no date of their own: the rapid review's own date is the latest
-- they could have been due by. Those already past it are not reminded: their agencies were never told a date.
UPDATE rapid_review_part p SET due_on = i.rapid_review_due_by
  FROM serious_incident i WHERE i.id = p.incident_id;
UPDATE rapid_review_part SET due_soon_reminded_at = now(), overdue_reminded_at = now()
  WHERE due_on < current_date AND submitted_at IS NULL;
ALTER TABLE rapid_review_part ALTER COLUMN due_on SET NOT NULL;
CREATE INDEX rapid_review_part_awaiting ON rapid_review_part (due_on)
  WHERE submitted_at IS NULL AND overdue_reminded_at IS NULL;

-- A rapid review's recommendation (an action on the actions block) past its due date and not done:
-- the reviews leads are told once for each due date it passes (the row is the claim; a second
-- server's insert of the same key does nothing).
CREATE TABLE recommendation_overdue_alert (
  action_id uuid NOT NULL REFERENCES action (id) ON DELETE CASCADE,
  due_by date NOT NULL,
  incident_id uuid NOT NULL REFERENCES serious_incident (id),
  alerted_at timestamptz NOT NULL,
  PRIMARY KEY (action_id, due_by)
);
