-- Actions agreed at a meeting about a child, whatever the meeting (src/actions): what is to be done,
-- by which agency (and person there), by when, and, once done, by whom and the evidence of it. A
-- strategy discussion's actions move here from strategy_action; MACE, rapid reviews, audit
-- moderation and learning reviews add their kinds of meeting to source_kind.
CREATE TABLE action (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  -- What it was agreed at: the kind of meeting and that meeting's id in its own table.
  source_kind text NOT NULL CHECK (source_kind IN ('strategy-discussion')),
  source_id uuid NOT NULL,
  child_id uuid NOT NULL REFERENCES child (id),
  -- Its number on the meeting's record, from 1.
  position smallint NOT NULL CHECK (position > 0),
  description text NOT NULL,
  owner_agency_id text NOT NULL,
  owner_name text NULL,
  due_by date NOT NULL,
  completed_at timestamptz NULL,
  -- 'user:<id>' or 'system:<id>', and the name the record shows.
  completed_by text NULL,
  completed_by_name text NULL,
  evidence text NULL,
  -- When the owner agency was told it is overdue: once per due date.
  alerted_at timestamptz NULL,
  UNIQUE (source_kind, source_id, position),
  CHECK ((completed_at IS NULL) = (evidence IS NULL)),
  CHECK ((completed_at IS NULL) = (completed_by IS NULL))
);
CREATE INDEX action_owner ON action (owner_agency_id, due_by);
CREATE INDEX action_child ON action (child_id);
CREATE INDEX action_to_alert ON action (due_by) WHERE completed_at IS NULL AND alerted_at IS NULL;

INSERT INTO action (source_kind, source_id, child_id, position, description, owner_agency_id, owner_name,
                    due_by, completed_at, completed_by, completed_by_name, evidence)
SELECT 'strategy-discussion', a.discussion_id, d.child_id, a.position, a.description, a.owner_agency_id,
       a.owner_name, a.due_by, a.completed_at,
       CASE WHEN a.completed_at IS NOT NULL THEN 'system:migration' END,
       CASE WHEN a.completed_at IS NOT NULL THEN 'Recorded before evidence was kept' END,
       CASE WHEN a.completed_at IS NOT NULL THEN 'Completed before masa kept evidence of completion' END
FROM strategy_action a
JOIN strategy_discussion d ON d.id = a.discussion_id;

DROP TABLE strategy_action;
