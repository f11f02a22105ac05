-- A local child safeguarding practice review's draft may be the reviewer's own document, uploaded
-- as a file (PDF or Word .docx, at most 10 MB) and kept here as that draft version: its name as
-- uploaded, its type (read from its leading bytes, never its name), its size and its bytes. A draft
-- written or pasted keeps its body and has no file; a file's draft has an empty body.
ALTER TABLE practice_review_draft
  ADD COLUMN file_name text NULL,
  ADD COLUMN file_type text NULL CHECK (file_type IN ('pdf', 'docx')),
  ADD COLUMN file_size integer NULL CHECK (file_size > 0 AND file_size <= 10485760),
  ADD COLUMN file_content bytea NULL,
  ADD CONSTRAINT practice_review_draft_file_whole CHECK (
    (file_name IS NULL AND file_type IS NULL AND file_size IS NULL AND file_content IS NULL)
    OR (file_name IS NOT NULL AND file_type IS NOT NULL AND file_size = octet_length(file_content) AND body = '')
  );

-- How many times the rapid review meeting was scheduled: its calendar file's SEQUENCE, so a
-- rescheduled meeting replaces the earlier invitation in people's calendars.
ALTER TABLE serious_incident
  ADD COLUMN rapid_review_meeting_scheduled integer NOT NULL DEFAULT 0;
