-- An email may carry files (a meeting's calendar invitation): each is its name, media type and
-- text, sent as the email is (src/platform/notify/email.ts). NULL: none.
ALTER TABLE notification_outbox ADD COLUMN attachments jsonb NULL;

-- When a practice review's uploaded draft file was found clean by the virus scanner (clamd); NULL
-- for a file kept while no scanner was configured, which the page says was not checked.
ALTER TABLE practice_review_draft
  ADD COLUMN file_scanned_at timestamptz NULL,
  ADD CONSTRAINT practice_review_draft_scanned_file CHECK (file_scanned_at IS NULL OR file_content IS NOT NULL);
