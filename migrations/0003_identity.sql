-- Identity: people who sign in, their roles, their sessions, and agencies' API credentials.
-- Secrets are never stored as given: passwords as argon2 hashes, session tokens and API keys as
-- sha256 hashes of 32 random bytes (a stolen row cannot be replayed as a cookie or a key).

CREATE TABLE app_user (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  agency_id text NOT NULL,
  email text NOT NULL CHECK (email = lower(email)),
  display_name text NOT NULL,
  password_hash text,
  totp_secret text,
  totp_enrolled_at timestamptz,
  -- The last TOTP time step accepted, so a code cannot be used twice.
  totp_last_step bigint,
  failed_sign_ins integer NOT NULL DEFAULT 0,
  locked_until timestamptz,
  active boolean NOT NULL DEFAULT true,
  oidc_issuer text,
  oidc_subject text,
  created_at timestamptz NOT NULL DEFAULT now(),
  deactivated_at timestamptz
);
CREATE UNIQUE INDEX app_user_email ON app_user (email);
CREATE UNIQUE INDEX app_user_oidc_subject ON app_user (oidc_issuer, oidc_subject) WHERE oidc_subject IS NOT NULL;
CREATE INDEX app_user_agency ON app_user (agency_id);

-- A role held in one LA, or (la_id null) across the whole partnership.
CREATE TABLE user_role (
  user_id uuid NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
  role text NOT NULL,
  la_id text
);
CREATE UNIQUE INDEX user_role_grant ON user_role (user_id, role, coalesce(la_id, ''));

CREATE TABLE user_session (
  id text PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL,
  last_seen_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  second_factor_done boolean NOT NULL DEFAULT false,
  ip text,
  user_agent text
);
CREATE INDEX user_session_user ON user_session (user_id);

CREATE TABLE api_client (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  agency_id text NOT NULL,
  name text NOT NULL,
  key_prefix text NOT NULL,
  key_hash text NOT NULL UNIQUE,
  scopes text[] NOT NULL DEFAULT '{}',
  active boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_used_at timestamptz
);
CREATE INDEX api_client_agency ON api_client (agency_id);

-- An OpenID Connect sign-in between the redirect to the provider and its answer: the PKCE
-- verifier and nonce live here, not in process memory, so any app server can take the callback.
CREATE TABLE oidc_sign_in (
  state_hash text PRIMARY KEY,
  agency_id text NOT NULL,
  code_verifier text NOT NULL,
  nonce text NOT NULL,
  return_to text NOT NULL,
  created_at timestamptz NOT NULL
);
