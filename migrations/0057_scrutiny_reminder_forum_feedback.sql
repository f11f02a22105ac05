-- Two additions to issue 15's assurance work.
--
-- Independent scrutiny (src/scrutiny): the reminder before a grant ends, sent once per grant to the
-- scrutineer and the lead who granted it; reminded_at is set in the transaction that queues the emails.
ALTER TABLE scrutiny_grant ADD COLUMN reminded_at timestamptz NULL;
CREATE INDEX scrutiny_grant_to_remind ON scrutiny_grant (expires_at)
  WHERE revoked_at IS NULL AND reminded_at IS NULL;

-- The MASA plan's regional forum (src/masa-plan): which plan file each piece of feedback was written
-- about (its exportedAt and published version, as the file gave them; null for this installation's
-- own plan and for feedback recorded before), so the feedback file can say so.
ALTER TABLE masa_plan_forum_feedback
  ADD COLUMN plan_exported_at timestamptz NULL,
  ADD COLUMN plan_version integer NULL;

-- Feedback a regional forum held in another installation sent back to this partnership as a feedback
-- file (masa-plan-feedback/1), imported by the business unit. One row per piece of feedback, by the
-- forum's installation and the feedback's id there, so importing a file again adds nothing twice.
CREATE TABLE masa_plan_received_feedback (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  forum_id text NOT NULL,
  forum_name text NOT NULL,
  feedback_id uuid NOT NULL,
  plan_exported_at timestamptz NULL,
  plan_version integer NULL,
  body text NOT NULL,
  written_at timestamptz NOT NULL,
  written_by_name text NOT NULL,
  imported_at timestamptz NOT NULL,
  imported_by_name text NOT NULL,
  UNIQUE (forum_id, feedback_id)
);
