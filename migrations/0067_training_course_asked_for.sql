-- A training course names the review or case audit that asked for it by a real reference (src/training):
-- the kind (a serious incident's review or a case audit programme), its id and its reference as it
-- read when linked (SI-1001, CA-101). The old free-text `asked_for_by` stays for courses written
-- before, shown as it was written; new courses and edits link by reference only.
ALTER TABLE training_course
  ADD COLUMN asked_for_kind text NULL CHECK (asked_for_kind IN ('review', 'case-audit')),
  ADD COLUMN asked_for_id uuid NULL,
  ADD COLUMN asked_for_reference text NULL,
  ADD CONSTRAINT training_course_asked_for_whole CHECK (
    (asked_for_kind IS NULL) = (asked_for_id IS NULL) AND (asked_for_id IS NULL) = (asked_for_reference IS NULL)
  ),
  ADD COLUMN updated_at timestamptz NULL,
  ADD COLUMN updated_by_name text NULL;
CREATE INDEX training_course_asked_for ON training_course (asked_for_kind, asked_for_id);
