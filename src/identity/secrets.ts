// Passwords, one-time codes, session tokens and API keys: how each is made and checked; and how
// TOTP secrets are sealed at rest.

import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto'
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

// ---------------------------------------------------------------------------
// TOTP secrets at rest: AES-256-GCM under the service's secret key, stored as
// 'v1:<iv>:<tag>:<ciphertext>' (base64url). The version names the key, so a later key can be read
// beside this one while secrets are sealed again.

const SEALED_V1 = /^v1:([\w-]{16}):([\w-]{22}):([\w-]+)$/

let serviceKey: Buffer | undefined

/**
 * The key `masa serve` and `masa start` install at start (secret-key.ts). Without one, a key made
 * for this process alone: right for tests, each with a database of its own, and nothing else.
 */
export function useSecretKey(key: Buffer): void {
  if (serviceKey && !serviceKey.equals(key))
    throw new Error('Install the secret key before any secret is sealed or opened')
  serviceKey = key
}

const currentKey = (): Buffer => {
  serviceKey ??= randomBytes(32)
  return serviceKey
}

export function sealSecret(secret: string, key = currentKey()): string {
  const iv = randomBytes(12)
  const cipher = createCipheriv('aes-256-gcm', key, iv)
  const ciphertext = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()])
  return ['v1', ...[iv, cipher.getAuthTag(), ciphertext].map((part) => part.toString('base64url'))].join(':')
}

/** The sealed secret, or undefined for none or one that cannot be opened (sealed under another key). */
export function readableSecret(sealed: string | null): string | undefined {
  if (sealed === null) return undefined
  try {
    return openSecret(sealed)
  } catch {
    return undefined
  }
}

/** The sealed secret; throws if it was altered or sealed under another key. */
export function openSecret(sealed: string, key = currentKey()): string {
  const [, iv = '', tag = '', ciphertext = ''] = SEALED_V1.exec(sealed) ?? []
  if (!ciphertext) throw new Error('Not a sealed secret')
  // A fixed tag length, or a shortened (forged) tag would be checked on its few bytes only.
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'), { authTagLength: 16 })
  decipher.setAuthTag(Buffer.from(tag, 'base64url'))
  return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString(
    'utf8',
  )
}
