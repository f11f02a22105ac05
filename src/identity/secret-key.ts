// The service's secret key, which seals TOTP secrets at rest (secrets.ts).

import { randomBytes } from 'node:crypto'
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { type AppConfig, ConfigError, SECRET_KEY_PATTERN } from '../config.ts'
import { openSecret, sealSecret } from './secrets.ts'
import { type Db, sharedSecret } from './store.ts'

export const SECRET_KEY_FILE = 'masa-secret-key'

/**
 * MASA_SECRET_KEY; without it, on the embedded database only, the key in a file of the data folder,
 * made on first use and readable by its owner alone (so `npm start` needs nothing set by hand). A
 * PostgreSQL server's key must be given: it belongs in a secret store, not on an app server's disk.
 */
export async function loadSecretKey(
  config: Pick<AppConfig, 'secretKey' | 'databaseUrl' | 'dataDir'>,
  say: (line: string) => void,
): Promise<Buffer> {
  if (config.secretKey) return Buffer.from(config.secretKey, 'base64')
  if (config.databaseUrl)
    throw new ConfigError(
      'Invalid configuration: MASA_SECRET_KEY must be set with DATABASE_URL (32 random bytes in base64: openssl rand -base64 32)',
    )
  const file = join(config.dataDir, SECRET_KEY_FILE)
  await mkdir(config.dataDir, { recursive: true })
  const made = await writeFile(file, `${randomBytes(32).toString('base64')}\n`, {
    mode: 0o600,
    flag: 'wx',
  }).then(
    () => true,
    (error: NodeJS.ErrnoException) => {
      if (error.code === 'EEXIST') return false
      throw error
    },
  )
  const key = (await readFile(file, 'utf8')).trim()
  if (!new RegExp(SECRET_KEY_PATTERN).test(key))
    throw new ConfigError(
      `${file} does not hold a secret key (32 bytes in base64); set MASA_SECRET_KEY instead`,
    )
  say(`${made ? 'Made the secret key' : 'Secret key'} for TOTP secrets: ${file} (MASA_SECRET_KEY is not set)`)
  return Buffer.from(key, 'base64')
}

/**
 * Stops a start whose key is not the one the stored secrets were sealed with, rather than let every
 * two-factor sign-in fail: a value sealed under the first key used is kept to be opened.
 */
export async function checkSecretKey(db: Db): Promise<void> {
  const sealed = await sharedSecret(db, 'secret_key_check', () => sealSecret(SECRET_KEY_FILE))
  try {
    openSecret(sealed)
  } catch {
    throw new ConfigError(
      'Invalid configuration: the secret key (MASA_SECRET_KEY, or the key file without it) is not the key the stored TOTP secrets were sealed with',
    )
  }
}
