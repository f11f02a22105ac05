-- The audit: every decision about personal data (allowed or denied), append-only and hash-chained.
-- Each row carries the hash of the row before it (prev_hash) and its own hash, a sha256 over a
-- canonical serialisation of its fields plus prev_hash (src/platform/audit/log.ts), so an edit,
-- a removal or a reordering is found by `masa audit verify` even if the guard triggers below
-- were dropped first.
--
-- seq is gapless: it is given out under the chain head's row lock, in the same transaction as the
-- read or change it records, so a missing number is a removed row, never a rolled-back one.
CREATE TABLE audit_event (
  seq bigint PRIMARY KEY,
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
  hash char(64) NOT NULL
);
CREATE INDEX audit_event_child ON audit_event (child_id, seq) WHERE child_id IS NOT NULL;
CREATE INDEX audit_event_actor ON audit_event (actor_id, seq);
CREATE INDEX audit_event_agency ON audit_event (agency_id, seq);
CREATE INDEX audit_event_break_glass ON audit_event (agency_id, seq) WHERE break_glass_reason IS NOT NULL;
-- Rows arrive in time order, so a block-range index answers date ranges at almost no write cost.
CREATE INDEX audit_event_at ON audit_event USING brin (at);

-- The end of the chain: its row lock serialises appends, and it lets verify notice removed tail rows.
CREATE TABLE audit_chain_head (
  id integer PRIMARY KEY CHECK (id = 1),
  seq bigint NOT NULL,
  hash char(64) NOT NULL
);
INSERT INTO audit_chain_head (id, seq, hash) VALUES (1, 0, repeat('0', 64));

-- Appends one row at the end of the chain and moves the head on; the app computes the row's digest
-- (sha256 over its canonical fields, src/platform/audit/log.ts) and this chains it:
-- hash = sha256(prev_hash || digest), both as hex text. Concurrent appends wait on the head's row
-- lock, then read the committed head (each statement takes a new snapshot under READ COMMITTED);
-- under REPEATABLE READ a concurrent append makes this fail rather than fork the chain.
--
-- A transaction that has changed nothing else (a read, or a refusal) commits without waiting for
-- the disk (synchronous_commit off, for that transaction only): a database crash can then lose the
-- last moments' read entries, but never a change's entry, and the chain stays whole either way.
CREATE FUNCTION audit_append(
  p_at timestamptz, p_actor_kind text, p_actor_id text, p_agency_id text, p_action text,
  p_resource_kind text, p_resource_id text, p_child_id uuid, p_outcome text, p_basis text, p_reason text,
  p_lawful_basis text, p_break_glass_reason text, p_ip text, p_request_id text, p_detail jsonb, p_digest text
) RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
  head_seq bigint;
  head_hash text;
  new_hash text;
BEGIN
  IF pg_current_xact_id_if_assigned() IS NULL THEN
    PERFORM set_config('synchronous_commit', 'off', true);
  END IF;
  SELECT seq, hash INTO head_seq, head_hash FROM audit_chain_head WHERE id = 1 FOR UPDATE;
  new_hash := encode(sha256(convert_to(head_hash || p_digest, 'UTF8')), 'hex');
  INSERT INTO audit_event (seq, at, actor_kind, actor_id, agency_id, action, resource_kind, resource_id,
    child_id, outcome, basis, reason, lawful_basis, break_glass_reason, ip, request_id, detail, prev_hash, hash)
  VALUES (head_seq + 1, p_at, p_actor_kind, p_actor_id, p_agency_id, p_action, p_resource_kind, p_resource_id,
    p_child_id, p_outcome, p_basis, p_reason, p_lawful_basis, p_break_glass_reason, p_ip, p_request_id, p_detail,
    head_hash, new_hash);
  UPDATE audit_chain_head SET seq = head_seq + 1, hash = new_hash WHERE id = 1;
  RETURN head_seq + 1;
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
  IF NEW.seq <= OLD.seq THEN
    RAISE EXCEPTION 'the audit chain head only moves forward (from % to %)', OLD.seq, NEW.seq;
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
