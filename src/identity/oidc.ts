// OpenID Connect sign-in for agencies with their own identity provider (Entra ID, NHS CIS2 ...):
// authorisation code flow with PKCE, the provider's answer checked by openid-client.

import { type Static, Type } from '@sinclair/typebox'
import * as oidc from 'openid-client'

/** One agency's provider as configured: the client secret is named by an environment variable, never written down. */
export const OidcAgencyConfig = Type.Object(
  {
    agency: Type.String({ pattern: '^[a-z0-9]+(-[a-z0-9]+)*$', description: 'the id of the agency' }),
    label: Type.String({ minLength: 1, description: "the provider's name on the sign-in page" }),
    issuer: Type.String({ pattern: '^https?://', description: "the provider's issuer URL" }),
    client_id: Type.String({ minLength: 1 }),
    client_secret_env: Type.String({
      pattern: '^[A-Z][A-Z0-9_]*$',
      description: 'the environment variable holding the client secret',
    }),
  },
  { additionalProperties: false },
)
export type OidcAgencyConfig = Static<typeof OidcAgencyConfig>

/** A provider ready to use: its secret read from the environment at start. */
export interface OidcConnection {
  agencyId: string
  label: string
  issuer: string
  clientId: string
  clientSecret: string
}

/** Reads each provider's client secret; throws naming every variable that is not set. */
export function resolveOidcConnections(
  configs: readonly OidcAgencyConfig[],
  env: NodeJS.ProcessEnv,
): OidcConnection[] {
  const missing = configs
    .filter((config) => !env[config.client_secret_env])
    .map((config) => config.client_secret_env)
  if (missing.length > 0) throw new Error(`OpenID Connect client secrets are not set: ${missing.join(', ')}`)
  return configs.map((config) => ({
    agencyId: config.agency,
    label: config.label,
    issuer: config.issuer,
    clientId: config.client_id,
    clientSecret: env[config.client_secret_env] as string,
  }))
}

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]'])

/** Discovered provider metadata, fetched once per provider and process (it is public and re-fetchable). */
export class OidcProviders {
  readonly #discovered = new Map<string, Promise<oidc.Configuration>>()

  constructor(readonly connections: readonly OidcConnection[]) {}

  find(agencyId: string): OidcConnection | undefined {
    return this.connections.find((connection) => connection.agencyId === agencyId)
  }

  configuration(connection: OidcConnection): Promise<oidc.Configuration> {
    const known = this.#discovered.get(connection.agencyId)
    if (known) return known
    const discovered = discover(connection)
    discovered.catch(() => this.#discovered.delete(connection.agencyId))
    this.#discovered.set(connection.agencyId, discovered)
    return discovered
  }
}

function discover(connection: OidcConnection): Promise<oidc.Configuration> {
  const issuer = new URL(connection.issuer)
  // Plain HTTP only to a provider on this machine (the tests' provider); real ones are HTTPS.
  const execute =
    issuer.protocol === 'http:' && LOOPBACK.has(issuer.hostname) ? [oidc.allowInsecureRequests] : []
  return oidc.discovery(issuer, connection.clientId, connection.clientSecret, undefined, { execute })
}

export interface OidcRequest {
  url: URL
  state: string
  nonce: string
  codeVerifier: string
}

export async function authorisationRequest(
  configuration: oidc.Configuration,
  redirectUri: string,
): Promise<OidcRequest> {
  const codeVerifier = oidc.randomPKCECodeVerifier()
  const state = oidc.randomState()
  const nonce = oidc.randomNonce()
  const url = oidc.buildAuthorizationUrl(configuration, {
    redirect_uri: redirectUri,
    scope: 'openid email profile',
    code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: 'S256',
    state,
    nonce,
  })
  return { url, state, nonce, codeVerifier }
}

export interface OidcIdentity {
  issuer: string
  subject: string
  email: string | undefined
}

/** Redeems the code (checking state, PKCE and nonce) and says who the provider vouches for. */
export async function redeemCallback(
  configuration: oidc.Configuration,
  callbackUrl: URL,
  checks: { state: string; nonce: string; codeVerifier: string },
): Promise<OidcIdentity> {
  const tokens = await oidc.authorizationCodeGrant(configuration, callbackUrl, {
    expectedState: checks.state,
    expectedNonce: checks.nonce,
    pkceCodeVerifier: checks.codeVerifier,
    idTokenExpected: true,
  })
  const claims = tokens.claims()
  if (!claims) throw new Error('the provider sent no ID token')
  const verified = (value: unknown, emailVerified: unknown) =>
    typeof value === 'string' && emailVerified !== false ? value.toLowerCase() : undefined
  let email = verified(claims.email, claims.email_verified)
  if (!email && claims.email === undefined) {
    const info = await oidc.fetchUserInfo(configuration, tokens.access_token, claims.sub)
    email = verified(info.email, info.email_verified)
  }
  return { issuer: configuration.serverMetadata().issuer, subject: claims.sub, email }
}
