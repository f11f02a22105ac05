-- Independent scrutiny (src/scrutiny): the partnership's leads' grants to the independent scrutineer
-- of one child's record, for a stated purpose, until an end date (at most 28 days ahead). A grant is
-- revoked early or ends at its date; either way it opens nothing more, and stays as history. Each read
-- it opens is decided by the policy and audited; so are the grant, its revocation and its end.

CREATE SEQUENCE scrutiny_grant_number;

CREATE TABLE scrutiny_grant (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  -- SG-101: what people quote.
  reference text NOT NULL UNIQUE DEFAULT 'SG-' || (100 + nextval('scrutiny_grant_number')),
  child_id uuid NOT NULL REFERENCES child (id),
  la_id text NOT NULL,
  -- The serious incident whose review the grant is for, when it opens a review's record with the
  -- child's identity; null for a grant of the child's record alone.
  incident_id uuid NULL REFERENCES serious_incident (id),
  incident_reference text NULL,
  -- The independent scrutineer it is granted to.
  grantee_id uuid NOT NULL REFERENCES app_user (id),
  grantee_name text NOT NULL,
  purpose text NOT NULL,
  -- The last day it opens the record; it ends at the start of the next day, London time (expires_at).
  ends_on date NOT NULL,
  expires_at timestamptz NOT NULL,
  granted_at timestamptz NOT NULL,
  granted_by text NOT NULL,
  granted_by_name text NOT NULL,
  granted_by_agency_id text NOT NULL,
  revoked_at timestamptz NULL,
  revoked_by_name text NULL,
  revoke_reason text NULL,
  -- When the service recorded in the audit that the grant reached its end date.
  ended_recorded_at timestamptz NULL,
  CHECK (expires_at > granted_at),
  CHECK ((revoked_at IS NULL) = (revoked_by_name IS NULL))
);
CREATE INDEX scrutiny_grant_child ON scrutiny_grant (child_id);
CREATE INDEX scrutiny_grant_grantee ON scrutiny_grant (grantee_id, granted_at);
CREATE INDEX scrutiny_grant_to_record ON scrutiny_grant (expires_at)
  WHERE revoked_at IS NULL AND ended_recorded_at IS NULL;
