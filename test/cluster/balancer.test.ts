// Three app servers behind HAProxy on one PostgreSQL (issue 17): a signed-in session is served by
// every server; a referral's journey in Chromium goes through the balancer, its pages served by
// several servers; referrals sent through the balancer while one server is killed (kill -9) are all
// kept, none twice, as an agency's system retrying with its Idempotency-Key would see them.

import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { after, before, describe, it } from 'node:test'
import { setTimeout as sleep } from 'node:timers/promises'
import { openDatabase } from '../../src/database.ts'
import { issueApiKey, seedDemoUsers } from '../../src/identity/index.ts'
import { useSecretKey } from '../../src/identity/secrets.ts'
import { signIn } from '../../src/identity/testing.ts'
import { loadPartnershipConfig } from '../../src/partnership/config.ts'
import { DEMO_PARTNERSHIPS } from '../support/app.ts'
import { launchBrowser } from '../support/browser.ts'
import { type Cluster, overHttp, startCluster } from '../support/cluster.ts'
import { decide, demo, fillReferral, submitReferral } from '../support/front-door-pages.ts'
import { addPerson, People, visit } from '../support/people.ts'

const serverUrl = process.env.DATABASE_URL
const REFERRALS = 240
const CLIENTS = 8

describe('three app servers behind HAProxy on one PostgreSQL', {
  skip: !serverUrl && 'needs PostgreSQL (DATABASE_URL)',
}, () => {
  let cluster: Cluster
  let database: Awaited<ReturnType<typeof openDatabase>>
  let users: Awaited<ReturnType<typeof seedDemoUsers>>
  let apiKey: string

  before(async () => {
    cluster = await startCluster(serverUrl as string, 3)
    useSecretKey(Buffer.from(cluster.secretKey, 'base64'))
    database = await openDatabase({ partnership: 'llr', databaseUrl: cluster.databaseUrl, dataDir: '' })
    users = await seedDemoUsers(database, await loadPartnershipConfig(DEMO_PARTNERSHIPS.llr))
    apiKey = await issueApiKey(database.db, {
      agencyId: 'leicestershire-schools',
      name: 'A school information system',
      scopes: ['contacts:write'],
    })
  })
  after(async () => {
    await database?.close()
    await cluster?.close()
  })

  it('migrated once though all three started together, and serves one session from every server', async () => {
    const { rows } = await database.db
      .selectFrom('masa_migration')
      .select(({ fn }) => [
        fn.countAll<number>().as('applied'),
        fn.count<number>('name').distinct().as('names'),
      ])
      .execute()
      .then((found) => ({ rows: found }))
    assert.equal(Number(rows[0]?.applied), Number(rows[0]?.names), 'each migration applied once')
    const screener = users.find((user) =>
      user.email.startsWith('front-door-screener.leicester@'),
    ) as (typeof users)[number]
    const browser = await signIn(overHttp(cluster.url), screener)
    // HAProxy may not have seen a server's first health check pass yet: ask until every server has
    // answered, for a few seconds at most.
    const servedBy = new Set<string>()
    for (let page = 0; page < 40 && servedBy.size < 3; page++) {
      const answer = await browser.get('/front-door')
      assert.equal(answer.statusCode, 200, `page ${page} of the queue, signed in`)
      assert.match(answer.body, /Front door/)
      servedBy.add(String(answer.headers['x-served-by']))
      if (page >= 5) await new Promise((resolve) => setTimeout(resolve, 100))
    }
    assert.deepEqual([...servedBy].sort(), ['app1', 'app2', 'app3'])
  })

  it('takes a referral from a teacher to the decision and back in Chromium, through the balancer', async () => {
    const browser = await launchBrowser()
    try {
      const page = await browser.context.newPage()
      const servedBy = new Set<string>()
      page.on('response', (answer) => {
        if (answer.request().resourceType() === 'document')
          servedBy.add(String(answer.headers()['x-served-by']))
      })
      const people = new People(page, cluster.url)
      const teacher = demo(users, 'referrer')
      await people.as(teacher)
      await visit(page, `${cluster.url}/referrals/new`)
      await fillReferral(page, { first: 'Bal', last: 'Ancer', postcode: 'LE2 1AA' })
      const id = await submitReferral(page)

      await people.as(await addPerson(database, 'leicester-city-council', 'mat-practitioner', 'leicester'))
      await visit(page, `${cluster.url}/front-door`)
      assert.match(await page.locator('tr', { hasText: 'Bal Ancer' }).innerText(), /Multi-agency triage/)
      await decide(page, cluster.url, id, 'Strategy discussion (section 47)', 4)

      await people.as(teacher)
      await visit(page, `${cluster.url}/referrals/${id}`)
      assert.match(await page.locator('main').innerText(), /We are holding a strategy discussion today/)
      assert.ok(servedBy.size >= 2, `pages served by ${[...servedBy].join(', ')}`)
    } finally {
      await browser.close()
    }
  })

  it('keeps every referral accepted once when a server is killed mid-load', async () => {
    const keys = Array.from({ length: REFERRALS }, () => randomUUID())
    let sent = 0
    let retried = 0
    const victim = cluster.servers[1]
    const send = async (key: string, index: number) => {
      for (let attempt = 1; ; attempt++) {
        const answer = await fetch(`${cluster.url}/api/v1/referrals`, {
          method: 'POST',
          headers: {
            authorization: `Bearer ${apiKey}`,
            'idempotency-key': key,
            'content-type': 'application/json',
          },
          body: JSON.stringify(referral(index)),
        }).catch(() => null)
        if (answer && answer.status < 300) return
        if (answer && answer.status < 500) assert.fail(`refused ${answer.status}: ${await answer.text()}`)
        assert.ok(attempt < 20, `referral ${index} never accepted`)
        retried += 1
        await sleep(100 * attempt)
      }
    }
    const client = async () => {
      while (sent < keys.length) {
        const index = sent++
        if (index === Math.floor(REFERRALS / 3)) victim?.process.kill('SIGKILL')
        await send(keys[index] as string, index)
      }
    }
    await Promise.all(Array.from({ length: CLIENTS }, client))
    assert.equal(victim?.process.signalCode, 'SIGKILL', 'the server was killed during the load')
    const kept = await database.db
      .selectFrom('referral')
      .select(['idempotency_key'])
      .where('idempotency_key', 'in', keys)
      .execute()
    assert.equal(kept.length, REFERRALS, `${retried} retries; every referral kept once`)
    assert.equal(new Set(kept.map((row) => row.idempotency_key)).size, REFERRALS)
  })
})

/** A referral about a new synthetic child, as a school's system sends it. */
function referral(index: number) {
  return {
    child: {
      firstName: 'Cluster',
      lastName: `Child${index}`,
      dateOfBirth: '2014-03-01',
      postcode: 'LE1 1AA',
    },
    whatHappened: 'Said at school that an adult at home hit them.',
    worries: 'A bruise on the arm.',
    familyKnows: 'The family has been told the school is sharing this concern.',
    consent: 'given',
    urgency: 'standard',
    referralSource: '2A',
    referrer: { name: 'Synthetic Lead', role: 'Designated safeguarding lead', email: 'dsl@school.example' },
  }
}
