-- Rules a careful service enforces on its meetings and forms.
--
-- A strategy discussion or conference booked for after its due date says why: recorded with the
-- booking, and shown to managers on the meeting's page and in the diary.
ALTER TABLE strategy_discussion
  ADD COLUMN late_reason text NULL;
ALTER TABLE conference
  ADD COLUMN late_reason text NULL;

-- What a page shows once after a form that made it, so a reload shows nothing new (post, redirect,
-- get): a new API key, sealed under the service's key, taken (and cleared) by the page that shows it.
ALTER TABLE user_session
  ADD COLUMN flash text NULL;
