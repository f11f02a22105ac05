// Passwords, one-time codes, session tokens and API keys: how each is made and checked.

import { createHash, randomBytes } from 'node:crypto'
import { hash, verify } from '@node-rs/argon2'
import { generate, generateSecret, generateURI, verify as verifyCode } from 'otplib'

/** Argon2id with the library's defaults (19 MiB, 2 passes): ~27 ms a hash here. */
export const hashPassword = (password: string): Promise<string> => hash(password)

export const verifyPassword = (passwordHash: string, password: string): Promise<boolean> =>
  verify(passwordHash, password).catch(() => false)

// Checked against when there is no account, so a wrong email takes as long as a wrong password.
const absentAccountHash = hash(randomBytes(16).toString('hex'))
export const verifyAgainstNothing = async (password: string): Promise<false> => {
  await verifyPassword(await absentAccountHash, password)
  return false
}

/** 32 random bytes for a cookie or a key; only its sha256 is stored. */
export const newToken = (): string => randomBytes(32).toString('base64url')
export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex')

const API_KEY_MARK = 'masa_'
/** An API key names itself ('masa_...') so secret scanners can find one pasted where it should not be. */
export const newApiKey = (): string => `${API_KEY_MARK}${newToken()}`
export const apiKeyPrefix = (key: string): string => key.slice(0, API_KEY_MARK.length + 6)
export const looksLikeApiKey = (value: string): boolean => /^masa_[A-Za-z0-9_-]{43}$/.test(value)

/** A temporary password an administrator passes on once: 4 groups of 5 letters and digits. */
export function newTemporaryPassword(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789'
  const bytes = randomBytes(20)
  const letters = [...bytes].map((byte) => alphabet[byte % alphabet.length])
  return [0, 5, 10, 15].map((start) => letters.slice(start, start + 5).join('')).join('-')
}

// ---------------------------------------------------------------------------
// TOTP (RFC 6238: SHA-1, 6 digits, 30 s), as every authenticator app expects

export const newTotpSecret = (): string => generateSecret()

export const totpUri = (issuer: string, email: string, secret: string): string =>
  generateURI({ issuer, label: email, secret })

/** The secret in groups of four, easier to type into an app by hand. */
export const groupedSecret = (secret: string): string => secret.match(/.{1,4}/g)?.join(' ') ?? secret

/**
 * The time step of a valid code (one step of clock drift either way), or null. A code at or
 * before `lastStep` is refused so an overheard code cannot be replayed.
 */
export async function acceptTotp(secret: string, code: string, now: Date, lastStep: number | null) {
  const result = await verifyCode({
    secret,
    token: code,
    epoch: Math.floor(now.getTime() / 1000),
    epochTolerance: 30,
    ...(lastStep === null ? {} : { afterTimeStep: lastStep }),
  })
  return result.valid && 'timeStep' in result ? result.timeStep : null
}

/** The code an authenticator app shows at `now` (for tests and the demo). */
export const totpCode = (secret: string, now: Date): Promise<string> =>
  generate({ secret, epoch: Math.floor(now.getTime() / 1000) })
