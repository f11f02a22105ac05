-- Who may read what of a meeting's record, and break-glass that lasts for a session.
--
-- Each agency's part of a shared record carries its own marking: police may mark what they share
-- police-only, health health-only; a part so marked opens only to that kind of agency
-- (src/platform/access/policy.ts, part.view).
ALTER TABLE strategy_contribution ADD COLUMN marking text NOT NULL DEFAULT 'standard'
  CHECK (marking IN ('standard', 'police-only', 'health-only'));
ALTER TABLE mat_contribution ADD COLUMN marking text NOT NULL DEFAULT 'standard'
  CHECK (marking IN ('standard', 'police-only', 'health-only'));

-- A child's record opened by break-glass stays open to that session, with the reason given, for a
-- limited time: its chronology, meetings and enquiries open without asking again, and each read is
-- audited with the reason. Signing out (the session's end) closes it.
CREATE TABLE break_glass_opening (
  session_id text NOT NULL REFERENCES user_session (id) ON DELETE CASCADE,
  child_id uuid NOT NULL REFERENCES child (id),
  reason text NOT NULL,
  opened_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  PRIMARY KEY (session_id, child_id)
);
