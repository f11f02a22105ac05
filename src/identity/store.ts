// The SQL of identity: users and roles, sessions, API clients and OpenID Connect sign-ins.

import { type Kysely, type Selectable, sql } from 'kysely'
import { jsonArrayFrom } from 'kysely/helpers/postgres'
import type { DB } from '../database.ts'
import type { Role, RoleGrant, ScrutinyOpening } from '../platform/access/actor.ts'
import { breakGlassOpenings } from '../platform/access/break-glass.ts'
import { builtOnce } from '../platform/db/built-once.ts'
import type { LockoutState } from './rules.ts'
import { sealSecret } from './secrets.ts'
import type { ApiClientTable, AppUserTable, UserSessionTable } from './tables.ts'

export type Db = Kysely<DB>
export type AppUser = Selectable<AppUserTable>
export type UserSession = Selectable<UserSessionTable>
export type ApiClient = Selectable<ApiClientTable>

/** Runs `work` in the caller's transaction (e.g. an audited one), or in a new one. */
const inTransaction = <T>(db: Db, work: (trx: Db) => Promise<T>): Promise<T> =>
  db.isTransaction ? work(db) : db.transaction().execute(work)

// ---------------------------------------------------------------------------
// Users

/** Every person's and API client's id and name, as a subquery (columns id, name), for the audit pages. */
export const actorNames = sql`SELECT id::text AS id, display_name AS name FROM app_user
  UNION ALL SELECT id::text, name FROM api_client`

export const findUserByEmail = (db: Db, email: string): Promise<AppUser | undefined> =>
  db.selectFrom('app_user').selectAll().where('email', '=', email.trim().toLowerCase()).executeTakeFirst()

export const findUser = (db: Db, id: string): Promise<AppUser | undefined> =>
  db.selectFrom('app_user').selectAll().where('id', '=', id).executeTakeFirst()

export async function findGrants(db: Db, userId: string): Promise<RoleGrant[]> {
  const rows = await db
    .selectFrom('user_role')
    .select(['role', 'la_id'])
    .where('user_id', '=', userId)
    .orderBy('role')
    .execute()
  return rows.map((row) => ({ role: row.role as Role, laId: row.la_id }))
}

export interface NewUser {
  agencyId: string
  email: string
  displayName: string
  passwordHash: string | null
  totpSecret?: string
  totpEnrolledAt?: Date
  /** A temporary password: the user chooses their own when they first sign in. */
  mustChangePassword?: boolean
  grants: readonly RoleGrant[]
}

/** Creates the user with their roles; returns undefined when the email is already taken. */
export function createUser(db: Db, user: NewUser): Promise<string | undefined> {
  return inTransaction(db, async (trx) => {
    const row = await trx
      .insertInto('app_user')
      .values({
        agency_id: user.agencyId,
        email: user.email.trim().toLowerCase(),
        display_name: user.displayName,
        password_hash: user.passwordHash,
        totp_secret: user.totpSecret ? sealSecret(user.totpSecret) : null,
        totp_enrolled_at: user.totpEnrolledAt ?? null,
        totp_last_step: null,
        locked_until: null,
        oidc_issuer: null,
        oidc_subject: null,
        deactivated_at: null,
        must_change_password: user.mustChangePassword ?? false,
      })
      .onConflict((conflict) => conflict.columns(['email', 'partnership_id']).doNothing())
      .returning('id')
      .executeTakeFirst()
    if (!row) return undefined
    await insertGrants(trx, row.id, user.grants)
    return row.id
  })
}

async function insertGrants(db: Db, userId: string, grants: readonly RoleGrant[]): Promise<void> {
  if (grants.length === 0) return
  const rows = grants.map((grant) => ({ user_id: userId, role: grant.role, la_id: grant.laId }))
  await db.insertInto('user_role').values(rows).execute()
}

/** The user's roles become these, and their sessions end, so the new roles apply from the next sign-in. */
export const changeGrants = (db: Db, userId: string, grants: readonly RoleGrant[]) =>
  inTransaction(db, async (trx) => {
    // Two administrators changing the same user's roles at once take turns instead of mixing them.
    await trx.selectFrom('app_user').select('id').where('id', '=', userId).forUpdate().execute()
    await trx.deleteFrom('user_role').where('user_id', '=', userId).execute()
    await insertGrants(trx, userId, grants)
    await deleteSessionsOf(trx, userId)
  })

export interface UserListing extends AppUser {
  grants: RoleGrant[]
}

/** The users of these agencies, with their roles. */
export async function listUsers(db: Db, agencyIds: readonly string[]): Promise<UserListing[]> {
  if (agencyIds.length === 0) return []
  const users = await db
    .selectFrom('app_user')
    .selectAll()
    .where('agency_id', 'in', agencyIds)
    .orderBy('agency_id')
    .orderBy('display_name')
    .execute()
  if (users.length === 0) return []
  const roles = await db
    .selectFrom('user_role')
    .select(['user_id', 'role', 'la_id'])
    .where(
      'user_id',
      'in',
      users.map((user) => user.id),
    )
    .orderBy('role')
    .execute()
  return users.map((user) => ({
    ...user,
    grants: roles
      .filter((row) => row.user_id === user.id)
      .map((row) => ({ role: row.role as Role, laId: row.la_id })),
  }))
}

export const saveLockout = (db: Db, userId: string, state: LockoutState) =>
  db
    .updateTable('app_user')
    .set({ failed_sign_ins: state.failedSignIns, locked_until: state.lockedUntil })
    .where('id', '=', userId)
    .execute()

export const clearLockout = (db: Db, userId: string) =>
  saveLockout(db, userId, { failedSignIns: 0, lockedUntil: null })

/** Deactivation and the end of every session of the user happen together. */
export const deactivateUser = (db: Db, userId: string, now: Date) =>
  inTransaction(db, async (trx) => {
    await trx
      .updateTable('app_user')
      .set({ active: false, deactivated_at: now })
      .where('id', '=', userId)
      .execute()
    await trx.deleteFrom('user_session').where('user_id', '=', userId).execute()
  })

/**
 * An administrator's reset: the temporary password replaces the old, the account is unlocked so it
 * can be used, the person's sessions end, and they must choose their own password at next sign-in.
 */
/** A lost or changed phone: the user sets up an authenticator app again at their next sign-in. */
export const resetAuthenticator = (db: Db, userId: string) =>
  inTransaction(db, async (trx) => {
    await trx
      .updateTable('app_user')
      .set({ totp_secret: null, totp_enrolled_at: null, totp_last_step: null })
      .where('id', '=', userId)
      .execute()
    await deleteSessionsOf(trx, userId)
  })

export const resetPassword = (db: Db, userId: string, temporaryPasswordHash: string) =>
  inTransaction(db, async (trx) => {
    await trx
      .updateTable('app_user')
      .set({
        password_hash: temporaryPasswordHash,
        must_change_password: true,
        failed_sign_ins: 0,
        locked_until: null,
      })
      .where('id', '=', userId)
      .execute()
    await deleteSessionsOf(trx, userId)
  })

/**
 * The person's own password in place of a temporary one. Their other sessions end: anyone else who
 * signed in with the temporary password (the administrator knew it) must not be let in by this.
 */
export const chooseOwnPassword = (db: Db, userId: string, passwordHash: string, sessionId: string) =>
  inTransaction(db, async (trx) => {
    await trx
      .updateTable('app_user')
      .set({ password_hash: passwordHash, must_change_password: false })
      .where('id', '=', userId)
      .execute()
    await trx.deleteFrom('user_session').where('user_id', '=', userId).where('id', '!=', sessionId).execute()
  })

/** Stores the secret sealed and returns it as stored. */
export async function saveTotpSecret(db: Db, userId: string, secret: string): Promise<string> {
  const sealed = sealSecret(secret)
  await db.updateTable('app_user').set({ totp_secret: sealed }).where('id', '=', userId).execute()
  return sealed
}

/** Seals the TOTP secrets stored in plain text before secrets were sealed; returns how many. */
export async function sealPlainTotpSecrets(db: Db): Promise<number> {
  const plain = await db
    .selectFrom('app_user')
    .select(['id', 'totp_secret'])
    .where('totp_secret', 'not like', 'v1:%')
    .execute()
  for (const { id, totp_secret: secret } of plain) {
    await db
      .updateTable('app_user')
      .set({ totp_secret: sealSecret(secret as string) })
      .where('id', '=', id)
      .where('totp_secret', '=', secret) // unless another server starting too has sealed it
      .execute()
  }
  return plain.length
}

export const saveTotpUse = (db: Db, userId: string, step: number, enrolledAt?: Date) =>
  db
    .updateTable('app_user')
    .set({
      totp_last_step: step,
      failed_sign_ins: 0,
      locked_until: null,
      ...(enrolledAt ? { totp_enrolled_at: enrolledAt } : {}),
    })
    .where('id', '=', userId)
    .execute()

export const linkOidcSubject = (db: Db, userId: string, issuer: string, subject: string) =>
  db
    .updateTable('app_user')
    .set({ oidc_issuer: issuer, oidc_subject: subject })
    .where('id', '=', userId)
    .execute()

export const findUserByOidcSubject = (db: Db, issuer: string, subject: string) =>
  db
    .selectFrom('app_user')
    .selectAll()
    .where('oidc_issuer', '=', issuer)
    .where('oidc_subject', '=', subject)
    .executeTakeFirst()

// ---------------------------------------------------------------------------
// Sessions

export const createSession = (db: Db, session: UserSession) =>
  db.insertInto('user_session').values(session).execute()

/** A session with its user, the user's roles and the children it has open by break-glass now. */
export interface SessionWithUser {
  session: Pick<UserSession, 'last_seen_at' | 'expires_at' | 'second_factor_done'>
  user: AppUser
  grants: RoleGrant[]
  breakGlass: Map<string, string>
  scrutinyGrants: Map<string, ScrutinyOpening>
}

/**
 * The children the partnership's leads granted this person as independent scrutineer, while each
 * grant lasts (scrutiny_grant, src/scrutiny): child id to the grant's id and purpose, the latest
 * ending last when two overlap. An expression, so the session's lookup reads them in one statement.
 */
const scrutinyGrantOpenings = (userId: ReturnType<typeof sql.ref>, now: Date) =>
  sql<Record<string, ScrutinyOpening>>`(SELECT coalesce(jsonb_object_agg(child_id,
      jsonb_build_object('grantId', id, 'purpose', purpose) ORDER BY expires_at), '{}'::jsonb)
    FROM scrutiny_grant WHERE grantee_id = ${userId} AND revoked_at IS NULL AND expires_at > ${now})`

/** All of it in one statement: every page asks, and on the embedded engine each statement waits its turn. */
const sessionWithUser = builtOnce((db: Db, id: string, now: Date) =>
  db
    .selectFrom('user_session as s')
    .innerJoin('app_user as u', 'u.id', 's.user_id')
    .selectAll('u')
    .select(['s.last_seen_at', 's.expires_at', 's.second_factor_done'])
    .select((eb) => [
      jsonArrayFrom(
        eb
          .selectFrom('user_role as r')
          .select(['r.role', 'r.la_id'])
          .whereRef('r.user_id', '=', 'u.id')
          .orderBy('r.role'),
      ).as('grants'),
      breakGlassOpenings(sql.ref('s.id'), now).as('break_glass'),
      scrutinyGrantOpenings(sql.ref('u.id'), now).as('scrutiny_grants'),
    ])
    .where('s.id', '=', id),
)

export async function findSession(db: Db, id: string, now: Date): Promise<SessionWithUser | undefined> {
  const [row] = await sessionWithUser(db, id, now)
  if (!row) return undefined
  const { last_seen_at, expires_at, second_factor_done, grants, break_glass, scrutiny_grants, ...user } = row
  return {
    session: { last_seen_at, expires_at, second_factor_done },
    user,
    grants: grants.map((grant) => ({ role: grant.role as Role, laId: grant.la_id })),
    breakGlass: new Map(Object.entries(break_glass)),
    scrutinyGrants: new Map(Object.entries(scrutiny_grants)),
  }
}

export const touchSession = (db: Db, id: string, now: Date) =>
  db.updateTable('user_session').set({ last_seen_at: now }).where('id', '=', id).execute()

/** Keeps something sealed for the session's next page to show once. */
export const saveFlash = (db: Db, sessionId: string, sealed: string) =>
  db.updateTable('user_session').set({ flash: sealed }).where('id', '=', sessionId).execute()

/** What the session keeps to show once, cleared as it is read: a second read finds nothing. */
export function takeFlash(db: Db, sessionId: string): Promise<string | null> {
  return db.transaction().execute(async (trx) => {
    const kept = await trx
      .selectFrom('user_session')
      .select('flash')
      .where('id', '=', sessionId)
      .forUpdate()
      .executeTakeFirst()
    if (!kept?.flash) return null
    await trx.updateTable('user_session').set({ flash: null }).where('id', '=', sessionId).execute()
    return kept.flash
  })
}

export const deleteSession = (db: Db, id: string) =>
  db.deleteFrom('user_session').where('id', '=', id).execute()

export const deleteSessionsOf = (db: Db, userId: string) =>
  db.deleteFrom('user_session').where('user_id', '=', userId).execute()

export async function countSessions(db: Db, userId: string): Promise<number> {
  const row = await db
    .selectFrom('user_session')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('user_id', '=', userId)
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

// ---------------------------------------------------------------------------
// API clients

export interface NewApiClient {
  agencyId: string
  name: string
  keyPrefix: string
  keyHash: string
  scopes: readonly string[]
}

export async function createApiClient(db: Db, client: NewApiClient): Promise<string> {
  const row = await db
    .insertInto('api_client')
    .values({
      agency_id: client.agencyId,
      name: client.name,
      key_prefix: client.keyPrefix,
      key_hash: client.keyHash,
      scopes: [...client.scopes],
      last_used_at: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

export const findApiClient = (db: Db, id: string) =>
  db.selectFrom('api_client').selectAll().where('id', '=', id).executeTakeFirst()

export const findApiClientByKeyHash = (db: Db, keyHash: string) =>
  db.selectFrom('api_client').selectAll().where('key_hash', '=', keyHash).executeTakeFirst()

export function listApiClients(db: Db, agencyIds: readonly string[]): Promise<ApiClient[]> {
  if (agencyIds.length === 0) return Promise.resolve([])
  return db
    .selectFrom('api_client')
    .selectAll()
    .where('agency_id', 'in', agencyIds)
    .orderBy('agency_id')
    .orderBy('name')
    .execute()
}

export const revokeApiClient = (db: Db, id: string) =>
  db.updateTable('api_client').set({ active: false }).where('id', '=', id).execute()

/** Notes a key's use, unless a request of the same key is noting it at this moment: none waits for another. */
export const touchApiClient = (db: Db, id: string, now: Date) =>
  db
    .updateTable('api_client')
    .set({ last_used_at: now })
    .where('id', 'in', (eb) =>
      eb.selectFrom('api_client').select('id').where('id', '=', id).forUpdate().skipLocked(),
    )
    .execute()

// ---------------------------------------------------------------------------
// OpenID Connect sign-ins in flight

export interface OidcSignIn {
  stateHash: string
  agencyId: string
  codeVerifier: string
  nonce: string
  returnTo: string
  createdAt: Date
}

/** Saves a sign-in in flight and forgets those abandoned before `staleBefore`. */
export const saveOidcSignIn = (db: Db, signIn: OidcSignIn, staleBefore: Date) =>
  db.transaction().execute(async (trx) => {
    await trx.deleteFrom('oidc_sign_in').where('created_at', '<', staleBefore).execute()
    await trx
      .insertInto('oidc_sign_in')
      .values({
        state_hash: signIn.stateHash,
        agency_id: signIn.agencyId,
        code_verifier: signIn.codeVerifier,
        nonce: signIn.nonce,
        return_to: signIn.returnTo,
        created_at: signIn.createdAt,
      })
      .execute()
  })

/** Takes (and deletes) a sign-in in flight: each state answers one callback only. */
export async function takeOidcSignIn(db: Db, stateHash: string): Promise<OidcSignIn | undefined> {
  const row = await db
    .deleteFrom('oidc_sign_in')
    .where('state_hash', '=', stateHash)
    .returningAll()
    .executeTakeFirst()
  if (!row) return undefined
  return {
    stateHash: row.state_hash,
    agencyId: row.agency_id,
    codeVerifier: row.code_verifier,
    nonce: row.nonce,
    returnTo: row.return_to,
    createdAt: row.created_at,
  }
}

// ---------------------------------------------------------------------------
// Shared settings

/** A random value made once and shared by every app server (e.g. the cookie-signing key). */
export async function sharedSecret(db: Db, key: string, make: () => string): Promise<string> {
  await db
    .insertInto('masa_setting')
    .values({ key, value: make() })
    .onConflict((conflict) => conflict.columns(['key', 'partnership_id']).doNothing())
    .execute()
  const row = await db
    .selectFrom('masa_setting')
    .select('value')
    .where('key', '=', key)
    .executeTakeFirstOrThrow()
  return row.value
}

export interface Addressee {
  agencyId: string
  email: string
}

/**
 * The active people who hold one of `roles`, for emails: in these agencies (or any), and, given an
 * LA, with that role granted for it or for the whole partnership. One address once per agency.
 */
export async function peopleWithRoles(
  db: Db,
  { roles, agencyIds, laId }: { roles: readonly Role[]; agencyIds?: readonly string[]; laId?: string },
): Promise<Addressee[]> {
  if (roles.length === 0 || agencyIds?.length === 0) return []
  let query = db
    .selectFrom('app_user as u')
    .innerJoin('user_role as r', 'r.user_id', 'u.id')
    .select(['u.agency_id as agencyId', 'u.email'])
    .distinct()
    .where('u.active', '=', true)
    .where('r.role', 'in', [...roles])
  if (agencyIds) query = query.where('u.agency_id', 'in', [...agencyIds])
  if (laId) query = query.where((eb) => eb.or([eb('r.la_id', '=', laId), eb('r.la_id', 'is', null)]))
  return query.orderBy('u.email').execute()
}

/**
 * Each active person holding one of `roles` in one of `agencyIds`, once per role they hold, with
 * their id and name (for whoever must know who was sent something, as learning briefings' reach).
 */
export function holdersOfRoles(
  db: Db,
  { roles, agencyIds }: { roles: readonly Role[]; agencyIds: readonly string[] },
): Promise<{ userId: string; name: string; email: string; agencyId: string; role: string }[]> {
  if (roles.length === 0 || agencyIds.length === 0) return Promise.resolve([])
  return db
    .selectFrom('app_user as u')
    .innerJoin('user_role as r', 'r.user_id', 'u.id')
    .select(['u.id as userId', 'u.display_name as name', 'u.email', 'u.agency_id as agencyId', 'r.role'])
    .distinct()
    .where('u.active', '=', true)
    .where('r.role', 'in', [...roles])
    .where('u.agency_id', 'in', [...agencyIds])
    .orderBy('u.display_name')
    .execute()
}

/** The email address of a signed-in person, by 'user:<id>'; none for a system or someone no longer active. */
export async function emailOfPerson(db: Db, person: string): Promise<string | undefined> {
  const [kind, id] = person.split(':')
  if (kind !== 'user' || !id) return undefined
  const row = await db
    .selectFrom('app_user')
    .select('email')
    .where('id', '=', id)
    .where('active', '=', true)
    .executeTakeFirst()
  return row?.email
}
