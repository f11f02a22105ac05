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
