import { isIP } from 'node:net'
import { resolve } from 'node:path'
import { type Static, Type } from '@sinclair/typebox'
import { Value } from '@sinclair/typebox/value'
import { CLAMD_ADDRESS_PATTERN } from './platform/virus-scan/clamd.ts'

const ProjectRoot = new URL('..', import.meta.url).pathname

/** 32 bytes in base64 (`openssl rand -base64 32`). */
export const SECRET_KEY_PATTERN = '^[A-Za-z0-9+/]{43}=$'
/** An Ed25519 private key as base64 PKCS#8 DER (`openssl genpkey -algorithm ed25519 -outform DER | base64`). */
export const AUDIT_SIGNING_KEY_PATTERN = '^[A-Za-z0-9+/]{64}$'

/** An IPv4 or IPv6 address or CIDR range. */
const ADDRESS = '(\\d{1,3}\\.){3}\\d{1,3}(/\\d{1,2})?|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*(/\\d{1,3})?'
/** An address or CIDR range (IPv4 or IPv6), or one of proxy-addr's named ranges. */
const TRUSTED_PROXY_PATTERN = `^(loopback|linklocal|uniquelocal|${ADDRESS})$`
const METRICS_ADDRESS_PATTERN = `^(${ADDRESS})$`
/** Where people reach the service: a scheme and a host, no path. */
const PUBLIC_URL_PATTERN = '^https?://[^/]+/?$'

export const AppConfig = Type.Object({
  port: Type.Integer({ minimum: 0, maximum: 65535 }),
  host: Type.String({ minLength: 1 }),
  dataDir: Type.String({ minLength: 1 }),
  databaseUrl: Type.Optional(Type.String({ pattern: '^postgres(ql)?://' })),
  partnershipFile: Type.String({ minLength: 1 }),
  /** A region's hub: the partnerships one process serves, each at its own address (PostgreSQL only). */
  hub: Type.Array(
    Type.Object({
      publicUrl: Type.String({ pattern: PUBLIC_URL_PATTERN }),
      partnershipFile: Type.String({ minLength: 1 }),
    }),
  ),
  logLevel: Type.Union(
    ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].map((l) => Type.Literal(l)),
  ),
  /** The address people reach the service at, for links in emails. */
  publicUrl: Type.String({ pattern: PUBLIC_URL_PATTERN }),
  /** Demo mode prints demo users' sign-in details; never set in production. */
  demo: Type.Boolean(),
  /** Encrypts TOTP secrets at rest; required with DATABASE_URL (src/identity/secret-key.ts). */
  secretKey: Type.Optional(Type.String({ pattern: SECRET_KEY_PATTERN })),
  /** Signs the audit's checkpoints; required with DATABASE_URL (src/platform/audit/signing-key.ts). */
  auditSigningKey: Type.Optional(Type.String({ pattern: AUDIT_SIGNING_KEY_PATTERN })),
  /** Where signed audit checkpoints are appended; required with DATABASE_URL. */
  auditCheckpointsFile: Type.Optional(Type.String({ minLength: 1 })),
  /** Reverse proxies whose X-Forwarded-For/-Proto are believed: IPv4 or IPv6 addresses or CIDR ranges, or loopback, linklocal, uniquelocal. */
  trustedProxies: Type.Array(Type.String({ pattern: TRUSTED_PROXY_PATTERN })),
  /** Addresses or CIDR ranges, besides loopback, that may read /metrics without the token. */
  metricsAllowFrom: Type.Array(Type.String({ pattern: METRICS_ADDRESS_PATTERN })),
  /** A bearer token with which any address may read /metrics. */
  metricsToken: Type.Optional(Type.String({ minLength: 32 })),
  /** API calls one agency's system may make a minute, counted across every app server (default 600). */
  apiCallsPerMinute: Type.Optional(Type.Integer({ minimum: 1 })),
  /** The region's key for the exploitation dataset's child keys (src/exploitation-dataset), held outside the database. */
  regionalKey: Type.Optional(Type.String({ minLength: 32 })),
  /** A file holding the regional key instead (its first line). */
  regionalKeyFile: Type.Optional(Type.String({ minLength: 1 })),
  /** ClamAV's daemon, which checks uploaded files for viruses: `host:port` or its Unix socket's path. */
  clamd: Type.Optional(Type.String({ pattern: CLAMD_ADDRESS_PATTERN })),
})
export type AppConfig = Static<typeof AppConfig>

export class ConfigError extends Error {}

/** Reads the environment once, at start; every problem is named by its variable. */
export function loadConfig(
  env: NodeJS.ProcessEnv = process.env,
  overrides: Partial<AppConfig> = {},
): AppConfig {
  const port = overrides.port ?? (env.PORT === undefined ? 3000 : Number(env.PORT))
  const config = {
    port,
    host: env.HOST ?? '127.0.0.1',
    dataDir: resolve(env.MASA_DATA_DIR ?? resolve(ProjectRoot, '.masa-data')),
    databaseUrl: env.DATABASE_URL || undefined,
    partnershipFile: resolve(env.MASA_PARTNERSHIP ?? resolve(ProjectRoot, 'config/partnerships/llr.yaml')),
    hub: listOf(env.MASA_HUB).map(hubEntry),
    logLevel: env.LOG_LEVEL ?? 'info',
    demo: env.MASA_DEMO === 'true',
    publicUrl: env.MASA_PUBLIC_URL ?? `http://localhost:${port}`,
    secretKey: env.MASA_SECRET_KEY || undefined,
    auditSigningKey: env.MASA_AUDIT_SIGNING_KEY || undefined,
    auditCheckpointsFile: env.MASA_AUDIT_CHECKPOINTS ? resolve(env.MASA_AUDIT_CHECKPOINTS) : undefined,
    trustedProxies: listOf(env.MASA_TRUSTED_PROXIES),
    metricsAllowFrom: listOf(env.MASA_METRICS_ALLOW),
    metricsToken: env.MASA_METRICS_TOKEN || undefined,
    apiCallsPerMinute: env.MASA_API_CALLS_PER_MINUTE ? Number(env.MASA_API_CALLS_PER_MINUTE) : undefined,
    regionalKey: env.MASA_REGIONAL_KEY || undefined,
    regionalKeyFile: env.MASA_REGIONAL_KEY_FILE ? resolve(env.MASA_REGIONAL_KEY_FILE) : undefined,
    clamd: env.MASA_CLAMD || undefined,
    ...overrides,
  }
  const problems = [
    ...[...Value.Errors(AppConfig, config)].map((e) => `${variableFor(e.path)} ${e.message}`),
    ...config.metricsAllowFrom
      .filter((entry) => isIP(entry.split('/')[0] ?? '') === 0)
      .map((entry) => `MASA_METRICS_ALLOW: ${entry} is not an IP address or CIDR range`),
    ...hubProblems(config),
  ]
  if (problems.length > 0) throw new ConfigError(`Invalid configuration: ${problems.join('; ')}`)
  return config as AppConfig
}

/** `https://north.example=north.yaml`: the address a hub serves a partnership at, and its file. */
function hubEntry(entry: string): { publicUrl: string; partnershipFile: string } {
  const [publicUrl = '', file = ''] = entry.split('=', 2).map((part) => part.trim())
  return { publicUrl, partnershipFile: file && resolve(file) }
}

/** Host names of a hub's addresses, which tell its partnerships apart. */
export const hubHost = (publicUrl: string) => new URL(publicUrl).hostname.toLowerCase()

function hubProblems(config: Pick<AppConfig, 'hub' | 'databaseUrl'>): string[] {
  if (config.hub.length === 0) return []
  const hosts = config.hub.map((entry) => URL.canParse(entry.publicUrl) && hubHost(entry.publicUrl))
  return [
    ...config.hub
      .filter((entry) => !URL.canParse(entry.publicUrl) || !entry.partnershipFile)
      .map(
        (entry) =>
          `MASA_HUB: ${entry.publicUrl || 'an entry'} is not an address and a partnership file, like https://north.masa.example=north.yaml`,
      ),
    ...(config.databaseUrl
      ? []
      : ['MASA_HUB needs DATABASE_URL: the embedded database holds one partnership at a time']),
    ...hosts
      .filter((host, n) => host && hosts.indexOf(host) !== n)
      .map((host) => `MASA_HUB: ${host} is given to two partnerships`),
  ]
}

/** A comma-separated list, each entry trimmed. */
const listOf = (value: string | undefined): string[] =>
  (value ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean)

const variables: Record<string, string> = {
  '/port': 'PORT',
  '/host': 'HOST',
  '/dataDir': 'MASA_DATA_DIR',
  '/databaseUrl': 'DATABASE_URL',
  '/partnershipFile': 'MASA_PARTNERSHIP',
  '/logLevel': 'LOG_LEVEL',
  '/demo': 'MASA_DEMO',
  '/publicUrl': 'MASA_PUBLIC_URL',
  '/secretKey': 'MASA_SECRET_KEY',
  '/auditSigningKey': 'MASA_AUDIT_SIGNING_KEY',
  '/auditCheckpointsFile': 'MASA_AUDIT_CHECKPOINTS',
  '/metricsToken': 'MASA_METRICS_TOKEN',
  '/apiCallsPerMinute': 'MASA_API_CALLS_PER_MINUTE',
  '/regionalKey': 'MASA_REGIONAL_KEY',
  '/regionalKeyFile': 'MASA_REGIONAL_KEY_FILE',
  '/clamd': 'MASA_CLAMD',
}
const lists: Record<string, string> = {
  '/hub': 'MASA_HUB',
  '/trustedProxies': 'MASA_TRUSTED_PROXIES',
  '/metricsAllowFrom': 'MASA_METRICS_ALLOW',
}
const variableFor = (path: string) => variables[path] ?? lists[`/${path.split('/')[1]}`] ?? path
