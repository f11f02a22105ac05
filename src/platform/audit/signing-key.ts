// The key that signs the audit's checkpoints, and where they are written (checkpoints.ts).

import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto'
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { join, parse } from 'node:path'
import { type AppConfig, AUDIT_SIGNING_KEY_PATTERN, ConfigError } from '../../config.ts'

export const AUDIT_SIGNING_KEY_FILE = 'masa-audit-signing-key'
export const AUDIT_CHECKPOINTS_FILE = 'audit-checkpoints.jsonl'

const MAKE_KEY = 'openssl genpkey -algorithm ed25519 -outform DER | base64'

type KeyConfig = Pick<AppConfig, 'auditSigningKey' | 'databaseUrl' | 'dataDir'>

export interface AuditSigning {
  privateKey: KeyObject
  checkpointsFile: string
}

/**
 * MASA_AUDIT_SIGNING_KEY and MASA_AUDIT_CHECKPOINTS; without them, on the embedded database only, a
 * key made once in the data folder (readable by its owner alone) and a checkpoint file beside it, so
 * `npm start` needs nothing set by hand. A PostgreSQL server's key must be given: kept beside the
 * database, it would let whoever owns the database sign a rewritten chain.
 */
export async function loadAuditSigning(
  config: KeyConfig & Pick<AppConfig, 'auditCheckpointsFile'>,
  say: (line: string) => void,
): Promise<AuditSigning> {
  if (config.databaseUrl && !config.auditCheckpointsFile)
    throw new ConfigError(
      'Invalid configuration: MASA_AUDIT_CHECKPOINTS must be set with DATABASE_URL (a file on storage the database’s owners cannot rewrite)',
    )
  return {
    privateKey: configuredKey(config) ?? (await keyFromDataDir(config.dataDir, say)),
    checkpointsFile: config.auditCheckpointsFile ?? join(config.dataDir, AUDIT_CHECKPOINTS_FILE),
  }
}

/**
 * A hub's partnership signs its own audit's checkpoints to a file of its own beside the configured
 * one: audit-checkpoints.jsonl becomes audit-checkpoints.north.jsonl for the partnership `north`.
 */
export function partnershipSigning(signing: AuditSigning, partnershipId: string): AuditSigning {
  const { dir, name, ext } = parse(signing.checkpointsFile)
  return { ...signing, checkpointsFile: join(dir, `${name}.${partnershipId}${ext}`) }
}

/** The public keys in PEM files an auditor holds, or else the configured signing key's. */
export async function loadAuditPublicKeys(config: KeyConfig, publicKeyFiles: readonly string[] = []) {
  if (publicKeyFiles.length > 0) return Promise.all(publicKeyFiles.map(publicKeyFrom))
  const privateKey = config.auditSigningKey
    ? parseKey(config.auditSigningKey, 'MASA_AUDIT_SIGNING_KEY')
    : config.databaseUrl
      ? undefined
      : await existingKeyInDataDir(config)
  if (!privateKey)
    throw new ConfigError(
      'No key to check checkpoints with: give --public-key FILE, or set MASA_AUDIT_SIGNING_KEY',
    )
  return [createPublicKey(privateKey)]
}

async function publicKeyFrom(file: string): Promise<KeyObject> {
  const pem = await readFile(file, 'utf8')
  try {
    const key = createPublicKey(pem)
    if (key.asymmetricKeyType === 'ed25519') return key
  } catch {}
  throw new ConfigError(`${file} does not hold an Ed25519 public key (PEM)`)
}

export const publicKeyPem = (key: KeyObject): string =>
  (key.type === 'private' ? createPublicKey(key) : key).export({ format: 'pem', type: 'spki' }).toString()

/** MASA_AUDIT_SIGNING_KEY; with DATABASE_URL it must be set. */
function configuredKey(config: KeyConfig): KeyObject | undefined {
  if (config.auditSigningKey) return parseKey(config.auditSigningKey, 'MASA_AUDIT_SIGNING_KEY')
  if (config.databaseUrl)
    throw new ConfigError(
      `Invalid configuration: MASA_AUDIT_SIGNING_KEY must be set with DATABASE_URL (an Ed25519 key: ${MAKE_KEY})`,
    )
  return undefined
}

async function keyFromDataDir(dataDir: string, say: (line: string) => void): Promise<KeyObject> {
  const file = join(dataDir, AUDIT_SIGNING_KEY_FILE)
  const made = await makeKeyFile(dataDir, file)
  say(
    `${made ? 'Made the key' : 'Key'} that signs audit checkpoints: ${file} (MASA_AUDIT_SIGNING_KEY is not set)`,
  )
  return parseKey((await readFile(file, 'utf8')).trim(), file)
}

async function existingKeyInDataDir(config: KeyConfig): Promise<KeyObject | undefined> {
  const file = join(config.dataDir, AUDIT_SIGNING_KEY_FILE)
  const text = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined
    throw error
  })
  return text === undefined ? undefined : parseKey(text.trim(), file)
}

async function makeKeyFile(dataDir: string, file: string): Promise<boolean> {
  await mkdir(dataDir, { recursive: true })
  const { privateKey } = generateKeyPairSync('ed25519')
  const der = privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64')
  return writeFile(file, `${der}\n`, { mode: 0o600, flag: 'wx' }).then(
    () => true,
    (error: NodeJS.ErrnoException) => {
      if (error.code === 'EEXIST') return false
      throw error
    },
  )
}

function parseKey(base64: string, source: string): KeyObject {
  const problem = `${source} does not hold an Ed25519 private key (base64 PKCS#8 DER: ${MAKE_KEY})`
  if (!new RegExp(AUDIT_SIGNING_KEY_PATTERN).test(base64)) throw new ConfigError(problem)
  try {
    const key = createPrivateKey({ key: Buffer.from(base64, 'base64'), format: 'der', type: 'pkcs8' })
    if (key.asymmetricKeyType === 'ed25519') return key
  } catch {}
  throw new ConfigError(problem)
}
