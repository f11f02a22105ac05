-- The performance dashboard (src/intelligence) counts each LA's records by the month their clock
-- started: these let each measure read one LA's period instead of every row of the table.

CREATE INDEX referral_la_received ON referral (la_id, received_at);
CREATE INDEX section47_enquiry_la_started ON section47_enquiry (la_id, started_on);
CREATE INDEX conference_la_meeting ON conference (la_id, meeting_date) WHERE kind = 'initial';
CREATE INDEX conference_section47 ON conference (section47_id) WHERE section47_id IS NOT NULL;
CREATE INDEX conference_plan ON conference (plan_id) WHERE plan_id IS NOT NULL;
CREATE INDEX child_protection_plan_la_start ON child_protection_plan (la_id, start_date);
CREATE INDEX sharing_notification_created ON sharing_notification (created_at);
