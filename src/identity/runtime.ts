// The options the identity plugin takes and what its routes share at run time.

import type { Database } from '../database.ts'
import type { PartnershipConfig } from '../partnership/config-schema.ts'
import { type OidcConnection, OidcProviders } from './oidc.ts'
import type { IdentityContext } from './sessions.ts'

export interface IdentityOptions {
  /** The clock every expiry is measured against; tests move it. */
  now?: () => Date
  /** Cookies marked Secure: true behind HTTPS; 'auto' (default) follows the request's protocol. */
  secureCookies?: boolean | 'auto'
  /** Agencies whose staff sign in through their own OpenID Connect provider. */
  oidc?: readonly OidcConnection[]
  /** The service's public address for OIDC redirects, e.g. 'https://safeguarding.example'; default: from the request. */
  publicUrl?: string
  /** Per minute: sign-in attempts from one IP address, API calls from one API client. */
  rateLimits?: { signInPerMinute?: number; apiPerMinute?: number }
  /**
   * Rate-limit counters in the database, shared by every app server on it; default: on PostgreSQL
   * (the embedded engine serves one process, whose in-memory counters are enough).
   */
  sharedRateLimits?: boolean
}

export interface IdentityPluginOptions extends IdentityOptions {
  database: Database
  partnership: PartnershipConfig
}

/** What the identity routes share. */
export interface IdentityRuntime extends IdentityContext {
  oidc: OidcProviders
  publicUrl: string | undefined
  signInRateLimit: { max: number; timeWindow: string }
  apiRateLimit: number
  cookieOptions: { path: string; httpOnly: true; sameSite: 'lax'; secure: boolean | 'auto' }
}

export function runtimeFor(options: IdentityPluginOptions): IdentityRuntime {
  return {
    db: options.database.db,
    partnership: options.partnership,
    now: options.now ?? (() => new Date()),
    oidc: new OidcProviders(options.oidc ?? []),
    publicUrl: options.publicUrl,
    signInRateLimit: { max: options.rateLimits?.signInPerMinute ?? 20, timeWindow: '1 minute' },
    apiRateLimit: options.rateLimits?.apiPerMinute ?? 600,
    cookieOptions: { path: '/', httpOnly: true, sameSite: 'lax', secure: options.secureCookies ?? 'auto' },
  }
}
