/** Kysely table types for this capability; the SQL lives in migrations/0003_identity.sql. */
import type { Generated } from 'kysely'

export interface AppUserTable {
  id: Generated<string>
  agency_id: string
  /** Always lower case. */
  email: string
  display_name: string
  password_hash: string | null
  /** Set by an administrator's reset: the temporary password must be replaced at the next sign-in. */
  must_change_password: Generated<boolean>
  totp_secret: string | null
  totp_enrolled_at: Date | null
  totp_last_step: number | null
  failed_sign_ins: Generated<number>
  locked_until: Date | null
  active: Generated<boolean>
  oidc_issuer: string | null
  oidc_subject: string | null
  created_at: Generated<Date>
  deactivated_at: Date | null
}

export interface UserRoleTable {
  user_id: string
  role: string
  la_id: string | null
}

export interface UserSessionTable {
  /** sha256 (hex) of the token in the masa_session cookie. */
  id: string
  user_id: string
  created_at: Date
  last_seen_at: Date
  expires_at: Date
  second_factor_done: boolean
  ip: string | null
  user_agent: string | null
  /** Shown once by the next page, sealed: a new API key (post, redirect, get). */
  flash: string | null
}

export interface ApiClientTable {
  id: Generated<string>
  agency_id: string
  name: string
  key_prefix: string
  /** sha256 (hex) of the key. */
  key_hash: string
  scopes: string[]
  active: Generated<boolean>
  created_at: Generated<Date>
  last_used_at: Date | null
}

export interface OidcSignInTable {
  state_hash: string
  agency_id: string
  code_verifier: string
  nonce: string
  return_to: string
  created_at: Date
}

export interface IdentityTables {
  app_user: AppUserTable
  user_role: UserRoleTable
  user_session: UserSessionTable
  api_client: ApiClientTable
  oidc_sign_in: OidcSignInTable
}
