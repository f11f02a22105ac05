// Who is asking: a session cookie (pages) or an API key (agency systems), turned into an Actor.

import type { PartnershipConfig } from '../partnership/config-schema.ts'
import type { Actor, RoleGrant, ScrutinyOpening } from '../platform/access/actor.ts'
import { needsTouch, type SignInStep, sessionExpiry, sessionState, signInStep } from './rules.ts'
import { hashToken, looksLikeApiKey, newToken } from './secrets.ts'
import {
  type AppUser,
  createSession,
  type Db,
  deleteSession,
  findApiClientByKeyHash,
  findGrants,
  findSession,
  findUserByEmail,
  listUsers,
  touchApiClient,
  touchSession,
} from './store.ts'

export const SESSION_COOKIE = 'masa_session'

export interface IdentityContext {
  db: Db
  partnership: PartnershipConfig
  now: () => Date
}

/** A live session: signed in with a password (maybe with a step still to do) or through OIDC. */
export interface CurrentSession {
  /** sha256 of the cookie's token: the user_session row. */
  id: string
  user: AppUser
  grants: RoleGrant[]
  /** 'done' once nothing is left to do before the session opens anything. */
  step: SignInStep
  expiresAt: Date
  /** Children opened by break-glass in this session, with the reason given, while that lasts. */
  breakGlass: ReadonlyMap<string, string>
  /** The children a scrutiny grant opens to this person now (independent scrutineers). */
  scrutinyGrants: ReadonlyMap<string, ScrutinyOpening>
}

/** What the session has open beyond the person's roles: break-glass openings and scrutiny grants. */
type Openings = Partial<Pick<CurrentSession, 'breakGlass' | 'scrutinyGrants'>>

export function actorForUser(
  partnership: PartnershipConfig,
  user: AppUser,
  grants: RoleGrant[],
  { breakGlass, scrutinyGrants }: Openings = {},
): Actor | null {
  const agency = partnership.agencies.find((candidate) => candidate.id === user.agency_id)
  if (!agency) return null
  return {
    kind: 'user',
    id: user.id,
    displayName: user.display_name,
    agencyId: agency.id,
    agencyKind: agency.kind,
    ...(agency.kind === 'local-authority' ? { agencyLaId: agency.la } : {}),
    grants,
    ...(breakGlass?.size ? { breakGlass } : {}),
    ...(scrutinyGrants?.size ? { scrutinyGrants } : {}),
  }
}

/** The session a cookie token names, if it is still live; an idle or expired one is ended here. */
export async function resolveSession(
  context: IdentityContext,
  token: string,
): Promise<CurrentSession | null> {
  const id = hashToken(token)
  const now = context.now()
  const found = await findSession(context.db, id, now)
  if (!found) return null
  const { session, user, grants, breakGlass, scrutinyGrants } = found
  const state = sessionState({ lastSeenAt: session.last_seen_at, expiresAt: session.expires_at }, now)
  if (state !== 'live' || !user.active) {
    await deleteSession(context.db, id)
    return null
  }
  if (needsTouch(session.last_seen_at, now)) await touchSession(context.db, id, now)
  const step = signInStep({
    secondFactorDone: session.second_factor_done,
    grants,
    mustChangePassword: user.must_change_password,
  })
  return { id, user, grants, step, expiresAt: session.expires_at, breakGlass, scrutinyGrants }
}

export interface SessionStart {
  secondFactorDone: boolean
  ip: string
  userAgent: string | undefined
  /** Kept when a session is renewed after the second factor, so signing in never extends it. */
  expiresAt?: Date
}

/** Starts a session and returns the token for the cookie (never stored). */
export async function startSession(
  context: IdentityContext,
  user: AppUser,
  start: SessionStart,
): Promise<string> {
  const token = newToken()
  const now = context.now()
  await createSession(context.db, {
    id: hashToken(token),
    user_id: user.id,
    created_at: now,
    last_seen_at: now,
    expires_at: start.expiresAt ?? sessionExpiry(now),
    second_factor_done: start.secondFactorDone,
    ip: start.ip,
    user_agent: start.userAgent?.slice(0, 500) ?? null,
    flash: null,
  })
  return token
}

/** The system calling with `Authorization: Bearer <key>`, if the key is known and not revoked. */
export async function actorForApiKey(
  context: IdentityContext,
  authorization: string | undefined,
): Promise<Actor | null> {
  const key = /^Bearer (\S+)$/i.exec(authorization ?? '')?.[1]
  if (!key || !looksLikeApiKey(key)) return null
  const client = await findApiClientByKeyHash(context.db, hashToken(key))
  const agency = context.partnership.agencies.find((candidate) => candidate.id === client?.agency_id)
  if (!client?.active || !agency) return null
  const now = context.now()
  if (!client.last_used_at || needsTouch(client.last_used_at, now))
    await touchApiClient(context.db, client.id, now)
  return {
    kind: 'system',
    id: client.id,
    displayName: client.name,
    agencyId: agency.id,
    agencyKind: agency.kind,
    ...(agency.kind === 'local-authority' ? { agencyLaId: agency.la } : {}),
    grants: [],
    scopes: client.scopes,
    serves: agency.kind === 'local-authority' ? [agency.la] : agency.serves,
  }
}

/**
 * The person of this agency an agency's system names as the one who made a decision, as an actor
 * the policy can judge; none if there is no such active user.
 */
export async function actorForColleague(
  context: Pick<IdentityContext, 'db' | 'partnership'>,
  agencyId: string,
  email: string,
): Promise<Actor | null> {
  const user = await findUserByEmail(context.db, email)
  if (!user?.active || user.agency_id !== agencyId) return null
  return actorForUser(context.partnership, user, await findGrants(context.db, user.id))
}

/** Every active user as an actor the policy can judge, to ask who may take a step (who may chair a meeting). */
export async function activeUserActors(
  context: Pick<IdentityContext, 'db' | 'partnership'>,
): Promise<Actor[]> {
  const users = await listUsers(
    context.db,
    context.partnership.agencies.map((agency) => agency.id),
  )
  return users
    .filter((user) => user.active)
    .flatMap((user) => actorForUser(context.partnership, user, user.grants) ?? [])
}
