-- The performance dashboard's monthly counts (src/intelligence/monthly.ts): each month's figures per
-- measure definition (or theme), LA and agency, counted by a job, so the dashboard reads a few
-- thousand rows instead of five years of records. Every change to a record a figure reads marks the
-- months whose figures it can move (statement triggers below), and the job counts them again at its
-- next run; a month marked longer ago than the job should take is counted live until it does.

CREATE TABLE intelligence_month (
  partnership_id text NOT NULL DEFAULT nullif(current_setting('masa.partnership_id', true), ''),
  month date NOT NULL,
  -- The London day the month was counted: its clocks were judged against that day.
  counted_on date NOT NULL,
  -- What counted it (src/intelligence/monthly.ts countedBy): counts made otherwise are made again.
  counted_by text NOT NULL,
  -- The first day an item still running then could be judged otherwise; null: none can.
  stale_from date NULL,
  PRIMARY KEY (partnership_id, month)
);

CREATE TABLE intelligence_month_count (
  partnership_id text NOT NULL DEFAULT nullif(current_setting('masa.partnership_id', true), ''),
  month date NOT NULL,
  -- A measure definition (partnership/measure-definitions.ts) or a theme ('theme:source').
  figure text NOT NULL,
  la_id text NOT NULL,
  -- '' for every agency; an agency's id for its part of a measure counted per agency.
  agency_id text NOT NULL DEFAULT '',
  -- A theme's entry (a category, a source, a stage); '' for a measure.
  key text NOT NULL DEFAULT '',
  counted integer NOT NULL,
  total integer NOT NULL,
  PRIMARY KEY (partnership_id, month, figure, la_id, agency_id, key),
  FOREIGN KEY (partnership_id, month) REFERENCES intelligence_month (partnership_id, month) ON DELETE CASCADE
);

-- Months whose records changed since they were counted. Only ever added to by the triggers and
-- removed by the job, which removes the marks its own snapshot saw: a change it did not see stays marked.
CREATE TABLE intelligence_month_touched (
  partnership_id text NOT NULL DEFAULT nullif(current_setting('masa.partnership_id', true), ''),
  id bigint GENERATED ALWAYS AS IDENTITY,
  month date NOT NULL,
  marked_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (partnership_id, id)
);
CREATE INDEX intelligence_month_touched_month ON intelligence_month_touched (partnership_id, month);

ALTER TABLE intelligence_month ENABLE ROW LEVEL SECURITY;
CREATE POLICY own_partnership ON intelligence_month
  USING (partnership_id = current_setting('masa.partnership_id', true))
  WITH CHECK (partnership_id = current_setting('masa.partnership_id', true));
ALTER TABLE intelligence_month_count ENABLE ROW LEVEL SECURITY;
CREATE POLICY own_partnership ON intelligence_month_count
  USING (partnership_id = current_setting('masa.partnership_id', true))
  WITH CHECK (partnership_id = current_setting('masa.partnership_id', true));
ALTER TABLE intelligence_month_touched ENABLE ROW LEVEL SECURITY;
CREATE POLICY own_partnership ON intelligence_month_touched
  USING (partnership_id = current_setting('masa.partnership_id', true))
  WITH CHECK (partnership_id = current_setting('masa.partnership_id', true));

-- A second or subsequent plan is judged by the child's earlier plans; a changed plan marks the months
-- of the child's later ones.
CREATE INDEX child_protection_plan_child_start ON child_protection_plan (child_id, start_date);

-- Marks the months a statement's rows can move. TG_ARGV[0] is a query over `changed` (the rows before
-- and after the statement) giving each row's partnership_id and the days whose months it touches.
CREATE FUNCTION intelligence_touch() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE format(
    'WITH changed AS (%s) INSERT INTO intelligence_month_touched (partnership_id, month) '
    'SELECT DISTINCT partnership_id, date_trunc(''month'', day)::date FROM (%s) touched (partnership_id, day) '
    'WHERE day IS NOT NULL',
    CASE TG_OP
      WHEN 'INSERT' THEN 'SELECT * FROM new_rows'
      WHEN 'DELETE' THEN 'SELECT * FROM old_rows'
      ELSE 'SELECT * FROM old_rows UNION ALL SELECT * FROM new_rows'
    END,
    TG_ARGV[0]);
  RETURN NULL;
END
$$;

-- What each figure reads, and the days of the months a row's change can move: the month its item's
-- clock started in (src/intelligence/store.ts QUERIES), looked up where the row is part of another's item.
DO $$
DECLARE
  t record;
BEGIN
  FOR t IN SELECT * FROM (VALUES
    -- Received (decisions, sources) and the 12 months after (re-referrals of the same child).
    ('referral', $q$SELECT partnership_id, generate_series(received_at AT TIME ZONE 'Europe/London',
      (received_at AT TIME ZONE 'Europe/London') + interval '12 months', interval '1 month') FROM changed$q$),
    ('threshold_decision', $q$SELECT r.partnership_id, r.received_at AT TIME ZONE 'Europe/London' FROM changed d
      JOIN referral r ON r.partnership_id = d.partnership_id AND r.id = d.referral_id$q$),
    ('section47_enquiry', $q$SELECT partnership_id, started_on FROM changed$q$),
    ('strategy_discussion', $q$SELECT partnership_id, unnest(ARRAY[meeting_date, due_by]) FROM changed$q$),
    ('strategy_circulation', $q$SELECT sd.partnership_id, sd.meeting_date FROM changed x
      JOIN strategy_discussion sd ON sd.partnership_id = x.partnership_id AND sd.id = x.discussion_id$q$),
    -- Its own meeting and due days, the enquiry it concludes, the conference it replaces.
    ('conference', $q$SELECT c.partnership_id, unnest(ARRAY[c.meeting_date, c.due_by, s.started_on, r.due_by])
      FROM changed c
      LEFT JOIN section47_enquiry s ON s.partnership_id = c.partnership_id AND s.id = c.section47_id
      LEFT JOIN conference r ON r.partnership_id = c.partnership_id AND r.id = c.replaces_id$q$),
    ('conference_invitation', $q$SELECT c.partnership_id, c.meeting_date FROM changed x
      JOIN conference c ON c.partnership_id = x.partnership_id AND c.id = x.conference_id$q$),
    ('conference_circulation', $q$SELECT c.partnership_id, c.meeting_date FROM changed x
      JOIN conference c ON c.partnership_id = x.partnership_id AND c.id = x.conference_id$q$),
    ('conference_minutes', $q$SELECT c.partnership_id, c.meeting_date FROM changed x
      JOIN conference c ON c.partnership_id = x.partnership_id AND c.id = x.conference_id$q$),
    -- Began (categories, repeats), ended (2 years), the child's later plans, the conference that made it.
    ('child_protection_plan', $q$SELECT partnership_id, unnest(ARRAY[start_date, end_date]) FROM changed
      UNION ALL SELECT q.partnership_id, q.start_date FROM changed p
        JOIN child_protection_plan q ON q.partnership_id = p.partnership_id AND q.child_id = p.child_id
          AND q.start_date >= p.start_date
      UNION ALL SELECT c.partnership_id, c.meeting_date FROM changed p
        JOIN conference c ON c.partnership_id = p.partnership_id AND c.plan_id = p.id$q$),
    ('core_group_meeting', $q$SELECT c.partnership_id, c.meeting_date FROM changed g
      JOIN conference c ON c.partnership_id = g.partnership_id AND c.plan_id = g.plan_id$q$),
    ('sharing_notification', $q$SELECT partnership_id, created_at AT TIME ZONE 'Europe/London' FROM changed$q$),
    ('shared_event_child', $q$SELECT n.partnership_id, n.created_at AT TIME ZONE 'Europe/London' FROM changed e
      JOIN sharing_notification n ON n.partnership_id = e.partnership_id AND n.event_id = e.event_id$q$),
    ('disagreement', $q$SELECT partnership_id, raised_at AT TIME ZONE 'Europe/London' FROM changed$q$)
  ) AS figures (tbl, query)
  LOOP
    EXECUTE format('CREATE TRIGGER intelligence_touch_insert AFTER INSERT ON %I '
      'REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION intelligence_touch(%L)', t.tbl, t.query);
    EXECUTE format('CREATE TRIGGER intelligence_touch_update AFTER UPDATE ON %I '
      'REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION intelligence_touch(%L)',
      t.tbl, t.query);
    EXECUTE format('CREATE TRIGGER intelligence_touch_delete AFTER DELETE ON %I '
      'REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION intelligence_touch(%L)', t.tbl, t.query);
  END LOOP;
END
$$;
