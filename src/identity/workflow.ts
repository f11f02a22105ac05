// Identity's use cases: checking what someone offers at sign-in (a password, a one-time code, or a
// provider's word), and issuing an agency's system its API key.

import { afterFailedSignIn, isLocked, type LockoutState } from './rules.ts'
import {
  acceptTotp,
  apiKeyPrefix,
  hashToken,
  newApiKey,
  readableSecret,
  verifyAgainstNothing,
  verifyPassword,
} from './secrets.ts'
import type { IdentityContext } from './sessions.ts'
import {
  type AppUser,
  clearLockout,
  createApiClient,
  type Db,
  findUser,
  findUserByEmail,
  findUserByOidcSubject,
  linkOidcSubject,
  saveLockout,
  saveTotpUse,
} from './store.ts'

const lockoutOf = (user: AppUser): LockoutState => ({
  failedSignIns: user.failed_sign_ins,
  lockedUntil: user.locked_until,
})

/** The user, if the password is right and the account active and not locked; each wrong password counts. */
export async function checkPassword(
  context: IdentityContext,
  email: string,
  password: string,
): Promise<AppUser | null> {
  const user = await findUserByEmail(context.db, email)
  const now = context.now()
  if (!user?.active || !user.password_hash || isLocked(lockoutOf(user), now)) {
    await verifyAgainstNothing(password)
    return null
  }
  if (await verifyPassword(user.password_hash, password)) {
    if (user.failed_sign_ins > 0) await clearLockout(context.db, user.id)
    return user
  }
  await countFailure(context.db, user.id, now)
  return null
}

/** 'unreadable': the person's secret was sealed under another key (restored from elsewhere), so no code can be checked. */
export type CodeCheck = 'accepted' | 'wrong' | 'locked' | 'unreadable'

/**
 * Checks a one-time code against the user's secret; a wrong code counts towards the lockout like a
 * wrong password. `enrolling` marks the secret as confirmed when the first code is right.
 */
export async function checkCode(
  context: IdentityContext,
  userId: string,
  code: string,
  enrolling = false,
): Promise<CodeCheck> {
  const user = await findUser(context.db, userId)
  const now = context.now()
  if (!user?.totp_secret || isLocked(lockoutOf(user), now)) return 'locked'
  const secret = readableSecret(user.totp_secret)
  if (secret === undefined) return 'unreadable'
  const step = await acceptTotp(secret, code, now, user.totp_last_step)
  if (step !== null) {
    await saveTotpUse(context.db, user.id, step, enrolling ? now : undefined)
    return 'accepted'
  }
  const state = await countFailure(context.db, user.id, now)
  return isLocked(state, now) ? 'locked' : 'wrong'
}

/** Counted under a row lock, so failures tried in parallel are all counted. */
function countFailure(db: Db, userId: string, now: Date): Promise<LockoutState> {
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('app_user')
      .select(['failed_sign_ins', 'locked_until'])
      .where('id', '=', userId)
      .forUpdate()
      .executeTakeFirstOrThrow()
    const state = afterFailedSignIn(
      { failedSignIns: row.failed_sign_ins, lockedUntil: row.locked_until },
      now,
    )
    await saveLockout(trx, userId, state)
    return state
  })
}

export interface ProvidedIdentity {
  agencyId: string
  issuer: string
  subject: string
  email: string | undefined
}

/**
 * The active user of the agency the provider speaks for: already linked by its subject, or found by
 * email and linked now. A user linked to another subject is never matched by email.
 */
export async function userForProvidedIdentity(db: Db, identity: ProvidedIdentity): Promise<AppUser | null> {
  const linked = await findUserByOidcSubject(db, identity.issuer, identity.subject)
  if (linked) return linked.active && linked.agency_id === identity.agencyId ? linked : null
  if (!identity.email) return null
  const user = await findUserByEmail(db, identity.email)
  if (!user?.active || user.agency_id !== identity.agencyId || user.oidc_subject) return null
  await linkOidcSubject(db, user.id, identity.issuer, identity.subject)
  return user
}

/** Issues an API key for an agency's system with these scopes; the key itself is returned once, only its hash is kept. */
export async function issueApiKey(
  db: Db,
  client: { agencyId: string; name: string; scopes: readonly string[] },
): Promise<string> {
  const key = newApiKey()
  await createApiClient(db, { ...client, keyPrefix: apiKeyPrefix(key), keyHash: hashToken(key) })
  return key
}
