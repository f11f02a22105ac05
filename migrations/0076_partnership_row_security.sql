-- The second guard between partnerships sharing a database: PostgreSQL's row-level security keeps
-- every connection to the rows of its own partnership (masa.partnership_id), whatever a query forgets.
-- masa acts as masa_service, a role without login that every connection takes when it opens
-- (src/platform/db/database.ts); migrations, bulk loads and the statistics job act as the owner, whom
-- the policies do not bind. Installation tables have no partnership and no policy.

GRANT USAGE ON SCHEMA public TO masa_service;
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO masa_service;
GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO masa_service;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO masa_service;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO masa_service;

DO $$
DECLARE
  tenant text;
BEGIN
  FOR tenant IN
    SELECT relname FROM pg_class
      WHERE relnamespace = 'public'::regnamespace AND relkind = 'r'
        AND relname <> ALL (ARRAY['masa_migration', 'db_maintenance_run'])
  LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', tenant);
    EXECUTE format('CREATE POLICY own_partnership ON %I '
      'USING (partnership_id = current_setting(''masa.partnership_id'', true)) '
      'WITH CHECK (partnership_id = current_setting(''masa.partnership_id'', true))', tenant);
  END LOOP;
END
$$;

-- Under row-level security the planner uses an index for a condition only if its functions are
-- leakproof (they cannot reveal a row they are given through an error or a side effect). The child
-- search's indexes are on these; none of them raises an error that depends on the text it is given.
-- Only a superuser may say so: elsewhere the search still works, reading the table instead.
DO $$
BEGIN
  IF (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) THEN
    ALTER FUNCTION lower(text) LEAKPROOF;
    ALTER FUNCTION textcat(text, text) LEAKPROOF;
    ALTER FUNCTION dmetaphone(text) LEAKPROOF;
    ALTER FUNCTION soundex(text) LEAKPROOF;
    ALTER FUNCTION similarity_op(text, text) LEAKPROOF;
  ELSE
    RAISE NOTICE 'not a superuser: ask one to mark lower, textcat, dmetaphone, soundex and similarity_op LEAKPROOF, or the child search reads the whole table';
  END IF;
END
$$;
