// One `masa serve` as a region's hub (MASA_HUB, issue 17): LLR at one address and Plymouth and Torbay
// at another, one process on one PostgreSQL database. Each address serves its own partnership's
// people and children only: a session or an API key of one is none at the other, and the other's
// child is answered for as an id no one has. A host the hub does not serve is given nothing. A stop
// ends cleanly, each partnership's audit checkpoints signed to a file of its own.

import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { request } from 'node:http'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { type Database, openDatabase } from '../../src/database.ts'
import { loadDemoData } from '../../src/demo/load-demo.ts'
import { type DemoUser, seedDemoUsers } from '../../src/identity/demo-users.ts'
import { useSecretKey } from '../../src/identity/secrets.ts'
import { holderOf, signIn, type TestBrowser } from '../../src/identity/testing.ts'
import { loadPartnershipConfig, type PartnershipConfig } from '../../src/partnership/config.ts'
import { apiKeyFor } from '../../src/sharing/testing.ts'
import { DEMO_PARTNERSHIPS } from '../support/app.ts'
import { type HubProcess, overHttp, startHub } from '../support/cluster.ts'
import { childKnownToPolice } from '../support/partnership-child.ts'

const serverUrl = process.env.DATABASE_URL

interface Site {
  partnership: PartnershipConfig
  base: string
  database: Database
  users: DemoUser[]
  childId: string
  screener: TestBrowser
  /** The police force's system, reading the children the force is involved with. */
  apiKey: string
}

/** A partnership's demo children and people in the hub's database, and its screener signed in at its address. */
async function openSite(hub: HubProcess, file: string, host: string, firstChildNumber: number) {
  const partnership = await loadPartnershipConfig(file)
  const database = await openDatabase({
    partnership: partnership.partnership.id,
    databaseUrl: hub.databaseUrl,
    dataDir: '',
  })
  await loadDemoData(database, partnership, { children: 12, seed: firstChildNumber, firstChildNumber })
  const users = await seedDemoUsers(database, partnership)
  const { child, police } = await childKnownToPolice(database, partnership, users)
  const base = `http://${host}:${hub.port}`
  return {
    partnership,
    base,
    database,
    users,
    childId: child.id,
    screener: await signIn(overHttp(base), holderOf(users, 'front-door-screener')),
    apiKey: await apiKeyFor(database.db, police, ['cases:read']),
  } satisfies Site
}

/** A GET naming `host`, which fetch would not send. */
function getAs(port: number, host: string, path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const asked = request({ host: '127.0.0.1', port, path, headers: { host } }, (answer) => {
      let body = ''
      answer.on('data', (chunk) => {
        body += chunk
      })
      answer.on('end', () => resolve({ status: answer.statusCode ?? 0, body }))
    })
    asked.on('error', reject)
    asked.end()
  })
}

const api = (site: Site, base: string, path: string) =>
  fetch(`${base}${path}`, { headers: { authorization: `Bearer ${site.apiKey}` } })

describe('one process serving two partnerships, each at its own address', {
  skip:
    !serverUrl && 'needs PostgreSQL (DATABASE_URL): the embedded database holds one partnership at a time',
}, () => {
  let hub: HubProcess
  let llr: Site
  let pt: Site
  before(async () => {
    hub = await startHub(serverUrl as string, [
      { host: '127.0.0.1', file: DEMO_PARTNERSHIPS.llr },
      { host: 'localhost', file: DEMO_PARTNERSHIPS.plymouthTorbay },
    ])
    useSecretKey(Buffer.from(hub.secretKey, 'base64'))
    llr = await openSite(hub, DEMO_PARTNERSHIPS.llr, '127.0.0.1', 1)
    pt = await openSite(hub, DEMO_PARTNERSHIPS.plymouthTorbay, 'localhost', 1_001)
  })
  after(async () => {
    await llr?.database.close()
    await pt?.database.close()
    await hub?.close()
  })
  const both = () =>
    [
      ['LLR', llr, pt],
      ['Plymouth and Torbay', pt, llr],
    ] as const

  it("serves each partnership's pages at its address, and nothing at a host it does not serve", async () => {
    for (const [name, own] of both()) {
      const page = await own.screener.get('/')
      assert.equal(page.statusCode, 200, name)
      assert.match(page.body, new RegExp(own.partnership.partnership.name), `${name}'s own name`)
    }
    const elsewhere = await getAs(hub.port, 'north.example', '/sign-in')
    assert.deepEqual(elsewhere, { status: 404, body: 'No partnership is served at this address.\n' })
    // A balancer's health check names no partnership's host.
    assert.equal((await getAs(hub.port, 'north.example', '/health/ready')).status, 200)
  })

  it("finds its own child by page and API; the other's session, key and child are none of its own", async () => {
    for (const [name, own, other] of both()) {
      const page = `/children/${own.childId}`
      assert.equal((await own.screener.get(page)).statusCode, 200, `${name} opens its child`)
      assert.equal((await api(own, own.base, `/api/v1${page}`)).status, 200, `${name}'s system reads it`)

      const theirs = await other.screener.get(page)
      const nobodys = await other.screener.get(`/children/${randomUUID()}`)
      assert.notEqual(theirs.statusCode, 200, `${name}'s child at the other's address`)
      assert.equal(theirs.statusCode, nobodys.statusCode)
      const theirsByApi = await api(other, other.base, `/api/v1${page}`)
      const nobodysByApi = await api(other, other.base, `/api/v1/children/${randomUUID()}`)
      assert.equal(theirsByApi.status, nobodysByApi.status)
      assert.equal(theirsByApi.status, 404)

      // Its key and its session, taken to the other's address, are a stranger's.
      assert.equal((await api(own, other.base, `/api/v1${page}`)).status, 401)
      const withSession = await fetch(`${other.base}/children/search`, {
        headers: { cookie: own.screener.jar.header() },
        redirect: 'manual',
      })
      const signedOut = await fetch(`${other.base}/children/search`, { redirect: 'manual' })
      assert.equal(withSession.status, signedOut.status)
      assert.equal(withSession.headers.get('location'), signedOut.headers.get('location'))
    }
  })

  it('stops cleanly on SIGTERM, each partnership having signed its audit to a file of its own', async () => {
    assert.equal(await hub.stop(), 0, hub.server.output.join(''))
    for (const [name, own] of both()) {
      const file = join(hub.folder, `checkpoints.${own.partnership.partnership.id}.jsonl`)
      const lines = (await readFile(file, 'utf8')).trim().split('\n')
      assert.ok(lines.length > 0 && lines[0] !== '', `${name} signed checkpoints`)
    }
  })
})
