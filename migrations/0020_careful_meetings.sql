-- Rules a careful service enforces on its meetings and decisions.
--
-- A strategy discussion or conference booked for after its due date says why (recorded, and shown to
-- managers on the meeting's page and in the diary); each names its chair, a person the access
-- policy lets chair it (their id and their name as it was when chosen).
ALTER TABLE strategy_discussion
  ADD COLUMN late_reason text NULL,
  ADD COLUMN chair_id text NULL,
  ADD COLUMN chair_name text NULL;
ALTER TABLE conference
  ADD COLUMN late_reason text NULL,
  ADD COLUMN chair_id text NULL,
  ADD COLUMN chair_name text NULL;

-- A threshold decision taken without the other agencies' information (multi-agency triage) gives
-- the reason: urgent, or an agency unavailable.
ALTER TABLE threshold_decision
  ADD COLUMN without_contributions_reason text NULL;

-- What a page shows once after a form that made it, so a reload shows nothing new (post, redirect,
-- get): a new API key, sealed under the service's key, taken (and cleared) by the page that shows it.
ALTER TABLE user_session
  ADD COLUMN flash text NULL;
