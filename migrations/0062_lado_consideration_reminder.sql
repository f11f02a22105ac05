-- When the LADO was reminded that an allegation's 1-working-day clock for the initial consideration
-- ran out (src/lado workflow.ts remindOverdue): claimed once, so each allegation is reminded once
-- whichever server runs the job.
ALTER TABLE lado_allegation ADD COLUMN consideration_reminded_at timestamptz;
