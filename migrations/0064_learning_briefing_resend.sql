-- Issue 14: a learning briefing sent again by the reviews lead to those who have not said they have
-- read it (and to anyone who has come to hold a chosen role in a chosen agency since): when each
-- person was last sent it and how many times, and when the briefing was last sent again and by whom.
ALTER TABLE learning_recipient ADD COLUMN last_sent_at timestamptz;
ALTER TABLE learning_recipient ADD COLUMN times_sent integer NOT NULL DEFAULT 1 CHECK (times_sent >= 1);
UPDATE learning_recipient SET last_sent_at = sent_at;
ALTER TABLE learning_recipient ALTER COLUMN last_sent_at SET NOT NULL;
ALTER TABLE learning_briefing ADD COLUMN resent_at timestamptz;
ALTER TABLE learning_briefing ADD COLUMN resent_by_name text;
