-- Serious incidents about a child, the rapid review that follows a notification to the national Child
-- Safeguarding Practice Review Panel, and the local child safeguarding practice review (src/reviews).

CREATE SEQUENCE serious_incident_number;

CREATE TABLE serious_incident (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  -- SI-1001: what people quote.
  reference text NOT NULL UNIQUE DEFAULT 'SI-' || (1000 + nextval('serious_incident_number')),
  child_id uuid NOT NULL REFERENCES child (id),
  -- The child's LA, whose duty it is to notify the Panel.
  la_id text NOT NULL,
  -- The day the LA learned of the incident: the 5 working days to notify run from it.
  learned_on date NOT NULL,
  abuse_or_neglect text NOT NULL CHECK (abuse_or_neglect IN ('known', 'suspected')),
  harm text NOT NULL CHECK (harm IN ('died', 'seriously-harmed')),
  what_happened text NOT NULL,
  notify_by date NOT NULL,
  recorded_at timestamptz NOT NULL,
  recorded_by text NOT NULL,
  recorded_by_name text NOT NULL,
  -- The decision: notify the Panel or not, why, and who decided.
  decision text NULL CHECK (decision IN ('notify', 'do-not-notify')),
  decision_reason text NULL,
  decided_by_name text NULL,
  decided_at timestamptz NULL,
  -- The day the notification was sent to the Panel: the 15 working days of the rapid review run from it.
  notified_on date NULL,
  rapid_review_due_by date NULL,
  rapid_review_meeting_on date NULL,
  -- The rapid review record.
  facts text NULL,
  immediate_actions text NULL,
  learning text NULL,
  lcspr text NULL CHECK (lcspr IN ('recommended', 'not-recommended')),
  lcspr_reason text NULL,
  record_written_at timestamptz NULL,
  record_sent_on date NULL,
  panel_reply text NULL,
  panel_replied_on date NULL,
  -- The due date the reviews people were last warned of (a working day before it): each warned once.
  warned_for date NULL,
  CHECK ((decision IS NULL) = (decided_at IS NULL)),
  CHECK (notified_on IS NULL OR decision = 'notify'),
  CHECK ((notified_on IS NULL) = (rapid_review_due_by IS NULL)),
  CHECK (record_sent_on IS NULL OR record_written_at IS NOT NULL),
  CHECK ((panel_reply IS NULL) = (panel_replied_on IS NULL))
);
CREATE INDEX serious_incident_la ON serious_incident (la_id, notify_by);
CREATE INDEX serious_incident_child ON serious_incident (child_id);

-- Each agency invited to the rapid review: its chronology of its work with the child and its
-- immediate learning, written by its own people only.
CREATE TABLE rapid_review_part (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  incident_id uuid NOT NULL REFERENCES serious_incident (id),
  agency_id text NOT NULL,
  invited_at timestamptz NOT NULL,
  chronology text NULL,
  immediate_learning text NULL,
  submitted_at timestamptz NULL,
  submitted_by_name text NULL,
  UNIQUE (incident_id, agency_id),
  CHECK ((submitted_at IS NULL) = (chronology IS NULL))
);
CREATE INDEX rapid_review_part_agency ON rapid_review_part (agency_id);

-- The local child safeguarding practice review the rapid review recommended: its commissioning,
-- milestones, sign-off and publication (6 months after the decision to hold it).
CREATE TABLE practice_review (
  incident_id uuid PRIMARY KEY REFERENCES serious_incident (id),
  decided_on date NOT NULL,
  publish_by date NOT NULL,
  reviewer text NOT NULL,
  terms_of_reference text NOT NULL,
  methodology text NOT NULL,
  family_involvement text NOT NULL,
  milestones text NULL,
  signed_off_on date NULL,
  published_on date NULL,
  recorded_at timestamptz NOT NULL
);

-- A rapid review's recommendations are actions on the actions block.
ALTER TABLE action DROP CONSTRAINT action_source_kind_check;
ALTER TABLE action ADD CONSTRAINT action_source_kind_check
  CHECK (source_kind IN ('strategy-discussion', 'mace-discussion', 'rapid-review'));
