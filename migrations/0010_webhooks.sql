-- Signed webhooks to agencies' own case systems. A subscription names where an agency wants
-- events and a reference to the shared secret (never the secret itself); each delivery is one
-- event to one subscription, retried with backoff, with every attempt logged.
CREATE TABLE webhook_subscription (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  agency_id text NOT NULL,
  url text NOT NULL CHECK (url ~ '^https?://'),
  secret_ref text NOT NULL,
  event_types text[] NOT NULL,
  active boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX webhook_subscription_agency ON webhook_subscription (agency_id) WHERE active;

CREATE TABLE webhook_delivery (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  subscription_id uuid NOT NULL REFERENCES webhook_subscription (id),
  event_id uuid NOT NULL,
  event_type text NOT NULL,
  body text NOT NULL,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'failed')),
  attempts integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  -- A claimed delivery is leased; if the process dies mid-send the lease runs out and it is retried.
  leased_until timestamptz NULL,
  last_status_code integer NULL,
  last_error text NULL,
  delivered_at timestamptz NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (subscription_id, event_id)
);
CREATE INDEX webhook_delivery_due ON webhook_delivery (next_attempt_at) WHERE status = 'pending';

CREATE TABLE webhook_attempt (
  delivery_id uuid NOT NULL REFERENCES webhook_delivery (id),
  attempt integer NOT NULL,
  attempted_at timestamptz NOT NULL,
  status_code integer NULL,
  error text NULL,
  duration_ms integer NOT NULL,
  PRIMARY KEY (delivery_id, attempt)
);
