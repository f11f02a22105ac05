-- Who chairs each strategy discussion and conference: chosen when it is booked from the people the
-- access policy lets chair it, and named on its page, in the diary and on its record.
ALTER TABLE strategy_discussion
  ADD COLUMN chair_user_id uuid NULL REFERENCES app_user (id),
  ADD COLUMN chair_name text NULL;
ALTER TABLE conference
  ADD COLUMN chair_user_id uuid NULL REFERENCES app_user (id),
  ADD COLUMN chair_name text NULL;
