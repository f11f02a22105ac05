-- The performance dashboard's further measures (src/intelligence) count each LA's records by the day
-- their clock started: reviews and bookings by their due day, plans by the day they ended,
-- disagreements by the day they were raised. These let each read one LA's period, not every row.

CREATE INDEX conference_la_due ON conference (la_id, due_by) WHERE status <> 'cancelled';
CREATE INDEX strategy_discussion_la_due ON strategy_discussion (la_id, due_by) WHERE status <> 'cancelled';
CREATE INDEX child_protection_plan_la_end ON child_protection_plan (la_id, end_date) WHERE end_date IS NOT NULL;
CREATE INDEX disagreement_la_raised ON disagreement (la_id, raised_at);
