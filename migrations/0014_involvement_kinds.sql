-- Need-to-know for partner agencies (src/platform/access/policy.ts): an agency other than the child's
-- LA reads a child only while it has a recorded reason, an involvement of one kind with a start.
-- Involvements end (by the child's LA with a reason, or after the partnership's period without
-- activity); ended ones open nothing and stay as history.
--
-- Kinds: meeting (invited to or attended a meeting about the child), action (owns an action),
-- shared-event (sent or received a shared event, the child matched on more than an identifier),
-- roll and caseload (declared by the agency, with the lawful basis), added-by-la, created-record
-- (the agency created the child's record), and referral: history only, since a referrer or a triage
-- partner is involved with the referral, never with the child's record.
ALTER TABLE child_involvement
  ADD COLUMN kind text NULL,
  ADD COLUMN lawful_basis text NULL,
  ADD COLUMN last_active_at timestamptz NULL,
  ADD COLUMN added_by uuid NULL,
  ADD COLUMN end_reason text NULL,
  ADD COLUMN ended_by uuid NULL;

UPDATE child_involvement SET
  kind = CASE
    WHEN reason IN ('referrer', 'contributing agency') THEN 'referral'
    WHEN reason IN ('invited to meeting', 'core group') THEN 'meeting'
    WHEN reason = 'strategy action owner' THEN 'action'
    WHEN reason = 'school' THEN 'roll'
    WHEN reason = 'health visitor' THEN 'caseload'
    WHEN reason = 'created the record' THEN 'created-record'
    ELSE 'added-by-la'
  END,
  last_active_at = since;

UPDATE child_involvement SET
  ended_at = greatest(now(), since),
  end_reason = 'A referrer or triage partner is involved with the referral, not the child''s record'
WHERE kind = 'referral' AND ended_at IS NULL;
UPDATE child_involvement SET end_reason = 'Ended' WHERE ended_at IS NOT NULL AND end_reason IS NULL;
UPDATE child_involvement SET lawful_basis = 'Not recorded (declared before lawful bases were kept)'
WHERE kind IN ('roll', 'caseload');

ALTER TABLE child_involvement
  ALTER COLUMN kind SET NOT NULL,
  ALTER COLUMN last_active_at SET NOT NULL,
  ALTER COLUMN last_active_at SET DEFAULT now(),
  ADD CONSTRAINT child_involvement_kind CHECK (kind IN
    ('referral', 'meeting', 'action', 'shared-event', 'roll', 'caseload', 'added-by-la', 'created-record')),
  ADD CONSTRAINT child_involvement_referral_history CHECK (kind <> 'referral' OR ended_at IS NOT NULL),
  ADD CONSTRAINT child_involvement_declared CHECK (kind NOT IN ('roll', 'caseload') OR lawful_basis IS NOT NULL),
  ADD CONSTRAINT child_involvement_ended CHECK ((ended_at IS NULL) = (end_reason IS NULL));

-- The inactivity job looks for current involvements by last activity.
CREATE INDEX child_involvement_inactive ON child_involvement (last_active_at) WHERE ended_at IS NULL;
