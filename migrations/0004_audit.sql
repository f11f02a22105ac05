-- The audit: every decision about personal data (allowed or denied), append-only and hash-chained.
-- The log is AUDIT_CHAINS (16, as in src/platform/audit/log.ts) independent chains, so concurrent
-- transactions rarely wait for one another. Each row carries the hash of the row before it in its
-- chain (prev_hash) and its own hash, a sha256 over a canonical serialisation of its fields plus
-- prev_hash (src/platform/audit/log.ts), so an edit, a removal or a reordering is found by
-- `masa audit verify` even if the guard triggers below were dropped first.
--
-- chain_seq is gapless within its chain: it is given out under the chain head's row lock, in the same
-- transaction as the read or change it records, so a missing number is a removed row, never a
-- rolled-back one. seq only orders the whole log for searching: it has gaps and no hash covers it.
CREATE TABLE audit_event (
  seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  chain_id integer NOT NULL,
  chain_seq bigint NOT NULL,
  at timestamptz NOT NULL,
  actor_kind text NOT NULL CHECK (actor_kind IN ('user', 'system')),
  actor_id text NOT NULL,
  agency_id text NOT NULL,
  action text NOT NULL,
  resource_kind text NOT NULL CHECK (resource_kind IN ('child', 'la', 'partnership', 'agency')),
  resource_id text NULL,
  child_id uuid NULL,
  outcome text NOT NULL CHECK (outcome IN ('allowed', 'denied')),
  -- How an allowed decision was reached (role, area, involvement, break-glass ...); null when denied.
  basis text NULL,
  reason text NOT NULL,
  lawful_basis text NULL,
  break_glass_reason text NULL,
  ip text NOT NULL,
  request_id text NOT NULL,
  detail jsonb NOT NULL DEFAULT '{}',
  prev_hash char(64) NOT NULL,
  hash char(64) NOT NULL,
  UNIQUE (chain_id, chain_seq)
);
CREATE INDEX audit_event_child ON audit_event (child_id, seq) WHERE child_id IS NOT NULL;
CREATE INDEX audit_event_actor ON audit_event (actor_id, seq);
CREATE INDEX audit_event_agency ON audit_event (agency_id, seq);
CREATE INDEX audit_event_break_glass ON audit_event (agency_id, seq) WHERE break_glass_reason IS NOT NULL;
-- Rows arrive in time order, so a block-range index answers date ranges at almost no write cost.
CREATE INDEX audit_event_at ON audit_event USING brin (at);

-- The end of each chain: its row lock serialises that chain's appends, and it lets verify notice
-- removed tail rows.
CREATE TABLE audit_chain_head (
  chain_id integer PRIMARY KEY CHECK (chain_id >= 0 AND chain_id < 16),
  chain_seq bigint NOT NULL,
  hash char(64) NOT NULL
);
INSERT INTO audit_chain_head (chain_id, chain_seq, hash)
  SELECT chain_id, 0, repeat('0', 64) FROM generate_series(0, 15) AS chain_id;

-- The transaction's chain, picked on its first append and kept (in masa.audit_chain) for the rest:
-- from a random start, the first head no other transaction holds (locking it), else the start's.
CREATE FUNCTION audit_chain_pick() RETURNS integer LANGUAGE plpgsql AS $$
DECLARE
  chosen integer := nullif(current_setting('masa.audit_chain', true), '')::integer;
  start integer := floor(random() * 16)::integer;
BEGIN
  IF chosen IS NULL THEN
    SELECT chain_id INTO chosen FROM audit_chain_head
      ORDER BY chain_id < start, chain_id LIMIT 1 FOR UPDATE SKIP LOCKED;
    chosen := coalesce(chosen, start);
    PERFORM set_config('masa.audit_chain', chosen::text, true);
  END IF;
  RETURN chosen;
END
$$;

-- Appends entries (a jsonb array of objects keyed by audit_event's columns from actor_kind to
-- detail, each with its digest) at the end of the transaction's chain in one statement, and moves
-- the head on; the head stays locked until the transaction ends. The app computes each digest
-- (sha256 over the row's canonical fields, src/platform/audit/log.ts) and this chains them:
-- hash = sha256(prev_hash || digest), both as hex text. Appends to a chain another transaction
-- holds wait on its head's row lock, then read the committed head (each statement takes a new
-- snapshot under READ COMMITTED); under REPEATABLE READ that makes this fail rather than fork the chain.
--
-- A transaction that has changed nothing else (a read, or a refusal) commits without waiting for
-- the disk (synchronous_commit off, for that transaction only): a database crash can then lose the
-- last moments' read entries, but never a change's entry, and the chains stay whole either way.
CREATE FUNCTION audit_append(p_at timestamptz, p_entries jsonb) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
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
    WHERE chain_id = chain FOR UPDATE;
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
    WHERE chain_id = chain;
END
$$;

CREATE FUNCTION audit_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'the audit is append-only: % on % refused', TG_OP, TG_TABLE_NAME;
END
$$;

CREATE TRIGGER audit_event_append_only BEFORE UPDATE OR DELETE ON audit_event
  FOR EACH ROW EXECUTE FUNCTION audit_refuse_change();
CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON audit_event
  FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change();

CREATE FUNCTION audit_chain_head_advance_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.chain_id <> OLD.chain_id OR NEW.chain_seq <= OLD.chain_seq THEN
    RAISE EXCEPTION 'an audit chain head only moves forward (chain %, from % to %)',
      OLD.chain_id, OLD.chain_seq, NEW.chain_seq;
  END IF;
  RETURN NEW;
END
$$;

CREATE TRIGGER audit_chain_head_forward BEFORE UPDATE ON audit_chain_head
  FOR EACH ROW EXECUTE FUNCTION audit_chain_head_advance_only();
CREATE TRIGGER audit_chain_head_kept BEFORE DELETE ON audit_chain_head
  FOR EACH ROW EXECUTE FUNCTION audit_refuse_change();
CREATE TRIGGER audit_chain_head_no_truncate BEFORE TRUNCATE ON audit_chain_head
  FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change();
