// Several `masa serve` processes on one PostgreSQL database behind HAProxy on loopback, as an
// operator would run them: each process migrates at start (an advisory lock lets them race), and the
// balancer spreads requests round robin, health-checking /health/ready.

import { type ChildProcess, spawn } from 'node:child_process'
import { generateKeyPairSync, randomBytes } from 'node:crypto'
import { once } from 'node:events'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import type { FastifyInstance, LightMyRequestResponse } from 'fastify'
import pg from 'pg'

const ROOT = new URL('../..', import.meta.url).pathname

export interface Cluster {
  /** The balancer's address. */
  url: string
  /** The database the servers share (its URL), and the key they seal TOTP secrets with. */
  databaseUrl: string
  secretKey: string
  servers: AppServer[]
  close(): Promise<void>
}

export interface AppServer {
  name: string
  port: number
  process: ChildProcess
  /** Everything it logged, for a failing test's message. */
  output: string[]
}

/**
 * Starts `count` app servers and HAProxy in front of them; waits until all are ready. They share a
 * new database, dropped on close, or the existing database `keep` names (a benchmark's loaded one).
 */
export async function startCluster(
  serverUrl: string,
  count: number,
  settings: Record<string, string> = {},
  keep?: string,
): Promise<Cluster> {
  const { name, url } = await clusterDatabase(serverUrl, keep)
  const folder = await mkdtemp(join(tmpdir(), 'masa-cluster-'))
  const env = serverEnv(url, settings)
  const servers: AppServer[] = []
  for (let index = 1; index <= count; index++)
    servers.push(
      await spawnServer(`app${index}`, {
        ...env,
        MASA_AUDIT_CHECKPOINTS: join(folder, `checkpoints-${index}.jsonl`),
      }),
    )
  const balancerPort = await freePort()
  const config = join(folder, 'haproxy.cfg')
  await writeFile(config, haproxyConfig(balancerPort, servers))
  const balancer = spawn('haproxy', ['-db', '-f', config], { stdio: ['ignore', 'ignore', 'pipe'] })
  const cluster: Cluster = {
    url: `http://127.0.0.1:${balancerPort}`,
    databaseUrl: url,
    secretKey: env.MASA_SECRET_KEY,
    servers,
    async close() {
      for (const server of servers) server.process.kill('SIGTERM')
      balancer.kill('SIGTERM')
      await Promise.all([...servers.map((s) => exited(s.process)), exited(balancer)])
      if (!keep)
        await withAdmin(serverUrl, (admin) => admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`))
      await rm(folder, { recursive: true, force: true })
    },
  }
  try {
    await Promise.all(servers.map((server) => ready(`http://127.0.0.1:${server.port}`, server)))
    await ready(cluster.url)
  } catch (error) {
    await cluster.close()
    throw error
  }
  return cluster
}

function haproxyConfig(port: number, servers: AppServer[]): string {
  return `global
  maxconn 512
defaults
  mode http
  timeout connect 2s
  timeout client 30s
  timeout server 30s
  retries 3
  option redispatch
  retry-on conn-failure empty-response response-timeout
frontend masa
  bind 127.0.0.1:${port}
  default_backend app
backend app
  balance roundrobin
  option httpchk GET /health/ready
  # A server busy with requests may be slow to answer its check: three missed in a row take it out
  # (a killed one refuses at once, and requests sent to it meanwhile are dispatched again).
  timeout check 5s
  http-response set-header X-Served-By %s
${servers.map((s) => `  server ${s.name} 127.0.0.1:${s.port} check inter 500 fall 3 rise 2`).join('\n')}
`
}

export interface HubProcess {
  /** The port it listens at on loopback; each partnership's address is a host name at it. */
  port: number
  databaseUrl: string
  secretKey: string
  server: AppServer
  /** The folder its partnerships' audit checkpoints are signed to (checkpoints.<partnership>.jsonl). */
  folder: string
  /** SIGTERM, then the exit code once it has stopped. */
  stop(): Promise<number | null>
  close(): Promise<void>
}

/**
 * Starts one `masa serve` as a region's hub (MASA_HUB) on a new database: each partnership file
 * served at `http://<host>:<port>`, every host one that reaches loopback.
 */
export async function startHub(
  serverUrl: string,
  sites: readonly { host: string; file: string }[],
): Promise<HubProcess> {
  const { name, url } = await clusterDatabase(serverUrl)
  const folder = await mkdtemp(join(tmpdir(), 'masa-hub-'))
  const env = serverEnv(url, { MASA_AUDIT_CHECKPOINTS: join(folder, 'checkpoints.jsonl') })
  const port = await freePort()
  const hub = sites.map((site) => `http://${site.host}:${port}=${site.file}`).join(',')
  const server = await spawnServer('hub', { ...env, MASA_HUB: hub }, port)
  const stop = async () => {
    server.process.kill('SIGTERM')
    await exited(server.process)
    return server.process.exitCode
  }
  const close = async () => {
    await stop()
    await withAdmin(serverUrl, (admin) => admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`))
    await rm(folder, { recursive: true, force: true })
  }
  try {
    await ready(`http://127.0.0.1:${port}`, server)
  } catch (error) {
    await close()
    throw error
  }
  return { port, databaseUrl: url, secretKey: env.MASA_SECRET_KEY, server, folder, stop, close }
}

/** A new database on the server, or the existing one `keep` names. */
async function clusterDatabase(serverUrl: string, keep?: string): Promise<{ name: string; url: string }> {
  const name = keep ?? `masa_cluster_${process.pid}_${randomBytes(3).toString('hex')}`
  if (!keep) await withAdmin(serverUrl, (admin) => admin.query(`CREATE DATABASE ${name}`))
  const url = new URL(serverUrl)
  url.pathname = `/${name}`
  return { name, url: url.toString() }
}

/** What every app server of one database is started with: its keys made here, `settings` over them. */
function serverEnv(databaseUrl: string, settings: Record<string, string>) {
  return {
    ...process.env,
    DATABASE_URL: databaseUrl,
    MASA_SECRET_KEY: randomBytes(32).toString('base64'),
    MASA_AUDIT_SIGNING_KEY: generateKeyPairSync('ed25519')
      .privateKey.export({ format: 'der', type: 'pkcs8' })
      .toString('base64'),
    MASA_TRUSTED_PROXIES: 'loopback',
    LOG_LEVEL: 'warn',
    ...settings,
  }
}

async function spawnServer(name: string, env: NodeJS.ProcessEnv, port?: number): Promise<AppServer> {
  const listenAt = port ?? (await freePort())
  const output: string[] = []
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'src/main.ts', 'serve', '--port', String(listenAt)],
    { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] },
  )
  child.stdout?.on('data', (chunk) => output.push(String(chunk)))
  child.stderr?.on('data', (chunk) => output.push(String(chunk)))
  return { name, port: listenAt, process: child, output }
}

async function ready(base: string, server?: AppServer): Promise<void> {
  for (let tries = 0; tries < 600; tries++) {
    if (server?.process.exitCode != null)
      throw new Error(`${server.name} exited at start:\n${server.output.join('')}`)
    const answer = await fetch(`${base}/health/ready`).catch(() => null)
    if (answer?.ok) return
    await sleep(200)
  }
  throw new Error(`${base} was not ready in 2 minutes${server ? `:\n${server.output.join('')}` : ''}`)
}

async function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return
  await once(child, 'exit')
}

async function freePort(): Promise<number> {
  const server = createServer()
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  const { port } = server.address() as { port: number }
  server.close()
  await once(server, 'close')
  return port
}

async function withAdmin(serverUrl: string, work: (admin: pg.Client) => Promise<unknown>): Promise<void> {
  const admin = new pg.Client({ connectionString: serverUrl })
  await admin.connect()
  try {
    await work(admin)
  } finally {
    await admin.end()
  }
}

/**
 * `inject` over real HTTP, so the helpers written for app.inject (TestBrowser, signIn) talk to a
 * server across the network: the answer as light-my-request gives it, redirects not followed.
 */
export function overHttp(base: string): Pick<FastifyInstance, 'inject'> {
  const inject = async (options: {
    method?: string
    url: string
    headers?: Record<string, string>
    payload?: string | object
  }) => {
    const body =
      options.payload === undefined || typeof options.payload === 'string'
        ? options.payload
        : JSON.stringify(options.payload)
    const headers = {
      ...(typeof options.payload === 'object' && { 'content-type': 'application/json' }),
      ...options.headers,
    }
    const answer = await fetch(`${base}${options.url}`, {
      method: options.method ?? 'GET',
      headers,
      body,
      redirect: 'manual',
    })
    const text = await answer.text()
    return {
      statusCode: answer.status,
      headers: { ...Object.fromEntries(answer.headers), 'set-cookie': answer.headers.getSetCookie() },
      body: text,
      json: () => JSON.parse(text),
    } as unknown as LightMyRequestResponse
  }
  return { inject } as unknown as Pick<FastifyInstance, 'inject'>
}
