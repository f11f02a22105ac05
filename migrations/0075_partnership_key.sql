-- One installation can hold several partnerships (a region's hub). Every table of a partnership's
-- records carries partnership_id, filled by default from the connection's masa.partnership_id (the
-- database handle sets it from the partnership file; a connection without one can write nothing), and every primary key, unique index and foreign
-- key includes it: the shape a distributed PostgreSQL (Citus) needs to distribute every table by the
-- partnership, with the rows of one partnership together. The key is appended to each key rather
-- than put first, so a lookup by id, or by the columns a unique index had, keeps using its index.
--
-- Done from the catalogue, because it applies to every table that exists when it runs; a table made
-- later declares partnership_id itself (src/platform/db/tenancy.test.ts checks every one).
-- Installation tables (the migrations applied, the maintenance runs) belong to no partnership.

-- The forum's copy of another partnership's plan names that partnership as the plan's.
ALTER TABLE masa_plan_forum_plan RENAME COLUMN partnership_id TO plan_partnership_id;

-- Unused audit chain heads are made again for each partnership on its first audit entry.
ALTER TABLE audit_chain_head DISABLE TRIGGER audit_chain_head_kept;
DELETE FROM audit_chain_head WHERE chain_seq = 0;
ALTER TABLE audit_chain_head ENABLE TRIGGER audit_chain_head_kept;

DO $$
DECLARE
  installation_tables constant text[] := ARRAY['masa_migration', 'db_maintenance_run'];
  tenant_tables text[];
  tenant text;
  has_rows boolean;
  key record;
  foreign_keys jsonb := '[]';
  foreign_key jsonb;
BEGIN
  SELECT array_agg(relname ORDER BY relname) INTO tenant_tables
    FROM pg_class WHERE relnamespace = 'public'::regnamespace AND relkind = 'r'
      AND relname <> ALL (installation_tables);

  IF current_setting('masa.partnership_id', true) IS NULL THEN
    FOREACH tenant IN ARRAY tenant_tables LOOP
      EXECUTE format('SELECT EXISTS (SELECT FROM %I)', tenant) INTO has_rows;
      IF has_rows THEN
        RAISE EXCEPTION 'masa.partnership_id is not set: migrate through masa, which names the partnership the records in % are of', tenant;
      END IF;
    END LOOP;
  END IF;
  FOREACH tenant IN ARRAY tenant_tables LOOP
    EXECUTE format('ALTER TABLE %I ADD COLUMN partnership_id text', tenant);
    EXECUTE format('UPDATE %I SET partnership_id = current_setting(''masa.partnership_id'')', tenant);
    EXECUTE format('ALTER TABLE %I ALTER COLUMN partnership_id SET NOT NULL, '
      'ALTER COLUMN partnership_id SET DEFAULT nullif(current_setting(''masa.partnership_id'', true), '''')',
      tenant);
  END LOOP;

  -- Foreign keys go first (they hang on the unique indexes), and come back with the key in both sides.
  FOR key IN
    SELECT conname, conrelid::regclass::text AS tenant, pg_get_constraintdef(oid) AS definition
      FROM pg_constraint WHERE contype = 'f' AND connamespace = 'public'::regnamespace
  LOOP
    foreign_keys := foreign_keys || jsonb_build_object('name', key.conname, 'tenant', key.tenant,
      'definition', regexp_replace(regexp_replace(key.definition,
        '^FOREIGN KEY \(([^)]*)\)', 'FOREIGN KEY (\1, partnership_id)'),
        'REFERENCES ([^(]+)\(([^)]*)\)', 'REFERENCES \1(\2, partnership_id)'));
    EXECUTE format('ALTER TABLE %I DROP CONSTRAINT %I', key.tenant, key.conname);
  END LOOP;

  FOR key IN
    SELECT conname, conrelid::regclass::text AS tenant, pg_get_constraintdef(oid) AS definition
      FROM pg_constraint WHERE contype IN ('p', 'u') AND connamespace = 'public'::regnamespace
        AND conrelid::regclass::text <> ALL (installation_tables)
  LOOP
    EXECUTE format('ALTER TABLE %I DROP CONSTRAINT %I, ADD CONSTRAINT %I %s', key.tenant, key.conname,
      key.conname, regexp_replace(key.definition, '\)', ', partnership_id)'));
  END LOOP;

  FOR key IN
    SELECT index.relname AS name, pg_get_indexdef(index.oid) AS definition
      FROM pg_index JOIN pg_class AS index ON index.oid = pg_index.indexrelid
      JOIN pg_class AS tenant ON tenant.oid = pg_index.indrelid
      WHERE pg_index.indisunique AND tenant.relnamespace = 'public'::regnamespace
        AND tenant.relname <> ALL (installation_tables)
        AND NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conindid = index.oid)
  LOOP
    EXECUTE format('DROP INDEX %I', key.name);
    -- The key goes after the indexed columns, before any NULLS NOT DISTINCT and WHERE.
    EXECUTE regexp_replace(key.definition, '\)((?: NULLS NOT DISTINCT)?(?: WHERE .*)?)$', ', partnership_id)\1');
  END LOOP;

  FOR foreign_key IN SELECT * FROM jsonb_array_elements(foreign_keys) LOOP
    EXECUTE format('ALTER TABLE %I ADD CONSTRAINT %I %s', foreign_key ->> 'tenant', foreign_key ->> 'name',
      foreign_key ->> 'definition');
  END LOOP;
END
$$;

-- Each partnership's audit has its own 16 chains, their heads made on its first entry.

CREATE OR REPLACE FUNCTION audit_chain_pick() RETURNS integer LANGUAGE plpgsql AS $$
DECLARE
  chosen integer := nullif(current_setting('masa.audit_chain', true), '')::integer;
  start integer := floor(random() * 16)::integer;
BEGIN
  IF chosen IS NULL THEN
    SELECT chain_id INTO chosen FROM audit_chain_head
      WHERE partnership_id = current_setting('masa.partnership_id')
      ORDER BY chain_id < start, chain_id LIMIT 1 FOR UPDATE SKIP LOCKED;
    chosen := coalesce(chosen, start);
    PERFORM set_config('masa.audit_chain', chosen::text, true);
  END IF;
  RETURN chosen;
END
$$;

CREATE OR REPLACE FUNCTION audit_append(p_at timestamptz, p_entries jsonb) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  partnership text := current_setting('masa.partnership_id');
  chain integer;
  head_seq bigint;
  hashes text[];
  digest text;
BEGIN
  IF pg_current_xact_id_if_assigned() IS NULL THEN
    PERFORM set_config('synchronous_commit', 'off', true);
  END IF;
  chain := audit_chain_pick();
  SELECT chain_seq, ARRAY[hash::text] INTO head_seq, hashes FROM audit_chain_head
    WHERE chain_id = chain AND partnership_id = partnership FOR UPDATE;
  IF NOT FOUND THEN
    INSERT INTO audit_chain_head (chain_id, chain_seq, hash)
      SELECT chain_id, 0, repeat('0', 64) FROM generate_series(0, 15) AS chain_id
      ON CONFLICT DO NOTHING;
    SELECT chain_seq, ARRAY[hash::text] INTO head_seq, hashes FROM audit_chain_head
      WHERE chain_id = chain AND partnership_id = partnership FOR UPDATE;
  END IF;
  FOR digest IN SELECT entry ->> 'digest' FROM jsonb_array_elements(p_entries) AS entry LOOP
    hashes := hashes || encode(sha256(convert_to(hashes[array_length(hashes, 1)] || digest, 'UTF8')), 'hex');
  END LOOP;
  INSERT INTO audit_event (chain_id, chain_seq, at, actor_kind, actor_id, agency_id, action,
    resource_kind, resource_id, child_id, outcome, basis, reason, lawful_basis, break_glass_reason, ip,
    request_id, detail, prev_hash, hash)
  SELECT chain, head_seq + e.n, p_at, r.actor_kind, r.actor_id, r.agency_id, r.action, r.resource_kind,
    r.resource_id, r.child_id, r.outcome, r.basis, r.reason, r.lawful_basis, r.break_glass_reason, r.ip,
    r.request_id, r.detail, hashes[e.n], hashes[e.n + 1]
  FROM jsonb_array_elements(p_entries) WITH ORDINALITY AS e(entry, n),
    jsonb_populate_record(NULL::audit_event, e.entry) AS r
  ORDER BY e.n;
  UPDATE audit_chain_head SET chain_seq = head_seq + array_length(hashes, 1) - 1,
    hash = hashes[array_length(hashes, 1)]
    WHERE chain_id = chain AND partnership_id = partnership;
END
$$;
