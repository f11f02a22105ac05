// Two partnerships' servers on one PostgreSQL database, end to end: LLR's and Plymouth and Torbay's
// apps, each opening the database as its own partnership (as `masa serve` with its MASA_PARTNERSHIP
// does). Each signs in its own people only; neither finds the other's children by search, page, API
// or chronology, and answers for them exactly as for an id no one has; each's audit verifies on its
// own; the background jobs of both run, each partnership's under a lock of its own.
// PostgreSQL only: the embedded engine is one session in one process, which takes one partnership.

import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { after, before, describe, it } from 'node:test'
import { setTimeout as sleep } from 'node:timers/promises'
import { type App, buildApp } from '../../src/app.ts'
import { loadDemoData } from '../../src/demo/load-demo.ts'
import { DEMO_PASSWORD, type DemoUser, seedDemoUsers } from '../../src/identity/demo-users.ts'
import { holderOf, signIn, TestBrowser } from '../../src/identity/testing.ts'
import { loadPartnershipConfig, type PartnershipConfig } from '../../src/partnership/config.ts'
import { verifyAuditChain } from '../../src/platform/audit/verify.ts'
import { recordEvent } from '../../src/platform/events/event.ts'
import { onOneServerAtATime } from '../../src/platform/jobs.ts'
import { apiKeyFor } from '../../src/sharing/testing.ts'
import { DEMO_PARTNERSHIPS } from '../support/app.ts'
import { openServerTestDatabases, type TestDatabase } from '../support/database.ts'
import { childKnownToPolice } from '../support/partnership-child.ts'

const serverUrl = process.env.DATABASE_URL
const skip =
  !serverUrl &&
  'needs PostgreSQL (DATABASE_URL, as .ci/run sets it): the embedded engine is one session in one process, so two partnerships cannot share it'

interface Side {
  partnership: PartnershipConfig
  database: TestDatabase
  app: App
  users: DemoUser[]
  child: { id: string; nhs: string }
  screener: TestBrowser
  /** The police force's system, reading the records of children the force is involved with. */
  apiKey: string
}

/** A partnership's server on the shared database, with demo children and people. */
async function startSide(database: TestDatabase, file: string, seed: number, firstChildNumber: number) {
  const partnership = await loadPartnershipConfig(file)
  await loadDemoData(database, partnership, { children: 12, seed, firstChildNumber })
  const users = await seedDemoUsers(database, partnership)
  const app = await buildApp({
    database,
    partnership,
    logLevel: 'silent',
    identity: { rateLimits: { signInPerMinute: 1000 } },
    alertEmailEveryMs: 100,
  })
  const { child, police } = await childKnownToPolice(database, partnership, users)
  const screener = holderOf(users, 'front-door-screener')
  return {
    partnership,
    database,
    app,
    users,
    child,
    screener: await signIn(app, screener),
    apiKey: await apiKeyFor(database.db, police, ['cases:read']),
  } satisfies Side
}

/** A valid NHS number outside the test range the demo children's come from. */
const UNUSED_NHS = '9434765919'

/** A page or answer with what differs between any two requests (tokens, the id asked for) taken out. */
const normalised = (body: string, asked: string) =>
  body
    .replaceAll(asked, '<asked>')
    .replace(/name="_csrf" value="[^"]+"/g, '')
    .replace(/nonce="[^"]+"/g, '')
    .replace(/"requestId":"[^"]+"|quote this reference: <span[^>]*>[\w-]+</g, '')

describe("two partnerships' servers on one database", { skip }, () => {
  let llr: Side
  let pt: Side
  before(async () => {
    const [llrDatabase, ptDatabase] = await openServerTestDatabases(serverUrl as string, [
      'llr',
      'plymouth-torbay',
    ])
    llr = await startSide(llrDatabase as TestDatabase, DEMO_PARTNERSHIPS.llr, 31, 1)
    pt = await startSide(ptDatabase as TestDatabase, DEMO_PARTNERSHIPS.plymouthTorbay, 32, 1_001)
  })
  after(async () => {
    await llr?.app.close()
    await pt?.app.close()
    await llr?.database.dispose()
  })
  const both = () =>
    [
      ['LLR', llr, pt],
      ['Plymouth and Torbay', pt, llr],
    ] as const

  it('signs each partnership in its own people, and refuses the other’s as it refuses a stranger', async () => {
    for (const [, own, other] of both()) {
      const person = holderOf(own.users, 'front-door-screener')
      assert.equal((await own.screener.get('/')).statusCode, 200)
      const signInAs = async (app: App, email: string) => {
        const answer = await new TestBrowser(app).post('/sign-in', { email, password: DEMO_PASSWORD })
        return { status: answer.statusCode, location: answer.headers.location }
      }
      const stranger = `nobody.${randomUUID().slice(0, 8)}@${person.agencyId}.example`
      assert.notEqual((await signInAs(own.app, person.email)).location, undefined)
      assert.deepEqual(await signInAs(other.app, person.email), await signInAs(other.app, stranger))
      // A session of one partnership is no session at the other.
      const cookie = own.screener.jar.header()
      const elsewhere = await other.app.inject({
        method: 'GET',
        url: '/children/search',
        headers: { cookie },
      })
      const signedOut = await other.app.inject({ method: 'GET', url: '/children/search' })
      assert.equal(elsewhere.statusCode, signedOut.statusCode)
      assert.equal(elsewhere.headers.location, signedOut.headers.location)
    }
  })

  it("finds its own child by search, page, API and chronology, and the other's nowhere: the answers of an unknown id", async () => {
    for (const [name, own, other] of both()) {
      const { id, nhs } = own.child
      const api = (side: Side, url: string) =>
        side.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${side.apiKey}` } })
      const pages = [`/children/${id}`, `/children/${id}/chronology`]
      for (const url of pages) assert.equal((await own.screener.get(url)).statusCode, 200, `${name} ${url}`)
      assert.equal((await api(own, `/api/v1/children/${id}`)).statusCode, 200)
      const ownSearch = await own.screener.get(`/children/search?nhs=${nhs}`)
      assert.match(ownSearch.body, new RegExp(`/children/${id}`), `${name} finds its own child`)

      const unknown = randomUUID()
      const same = async (get: (url: string) => ReturnType<TestBrowser['get']>, url: string) => {
        const theirs = await get(url)
        const nobodys = await get(url.replace(id, unknown))
        assert.equal(theirs.statusCode, nobodys.statusCode, `${name}'s ${url} at the other`)
        assert.notEqual(theirs.statusCode, 200)
        assert.equal(normalised(theirs.body, id), normalised(nobodys.body, unknown), url)
      }
      for (const url of pages) await same((u) => other.screener.get(u), url)
      await same((u) => api(other, u), `/api/v1/children/${id}`)

      // Searched by its NHS number, the other partnership finds no one, as for a number no child has.
      // (The API's search is for people: no system may search.)
      const theirs = await other.screener.get(`/children/search?nhs=${nhs}`)
      const nobodys = await other.screener.get(`/children/search?nhs=${UNUSED_NHS}`)
      assert.equal(theirs.statusCode, 200)
      assert.equal(normalised(theirs.body, nhs), normalised(nobodys.body, UNUSED_NHS))
      assert.doesNotMatch(theirs.body, new RegExp(id))
    }
  })

  it("keeps each partnership's audit to itself, and each verifies on its own", async () => {
    for (const [name, own, other] of both()) {
      const report = await verifyAuditChain(own.database.db)
      assert.ok(report.intact, `${name}'s audit`)
      const { count } = await own.database.db
        .selectFrom('audit_event')
        .select((eb) => eb.fn.countAll<number>().as('count'))
        .executeTakeFirstOrThrow()
      assert.equal(report.checked, Number(count))
      const aboutOwnChild = (side: Side) =>
        side.database.db
          .selectFrom('audit_event')
          .select('action')
          .where('child_id', '=', own.child.id)
          .execute()
      assert.ok((await aboutOwnChild(own)).length > 0, `${name} audits the reads of its child`)
      assert.deepEqual(await aboutOwnChild(other), [], "the other's audit holds none of them")
    }
  })

  it("runs the background jobs of both, each partnership's under a lock of its own", async () => {
    // Hold LLR's alert job, as another LLR server running it would, before there is anything to email:
    // Plymouth and Torbay's still runs.
    let release = () => {}
    let taken = () => {}
    const held = new Promise<'held'>((resolve) => {
      taken = () => resolve('held')
    })
    const hold = () =>
      onOneServerAtATime(llr.database.db, 'alert emails', () => {
        taken()
        return new Promise<void>((resolve) => {
          release = resolve
        })
      })
    // LLR's own scheduled run may have the lock at that moment: try again until this holds it.
    let holding = hold()
    while ((await Promise.race([held, holding])) === false) holding = hold()
    // Each police officer asks to be emailed alerts, then the LA books a meeting about a child their force is involved with.
    for (const [, side] of both()) {
      const officer = holderOf(side.users, 'police-public-protection')
      const browser = await signIn(side.app, officer)
      await browser.get('/alerts')
      assert.equal((await browser.post('/alerts/email', { email: 'yes' })).statusCode, 303)
      const la = side.partnership.local_authorities[0]?.id as string
      await side.database.db.transaction().execute((trx) =>
        recordEvent(trx, {
          type: 'strategy.scheduled',
          childId: side.child.id,
          laId: la,
          agencyId: holderOf(side.users, 'front-door-screener').agencyId,
          actorId: 'social-worker',
          summary: 'Strategy discussion booked',
        }),
      )
    }
    const alertEmails = async (side: Side) =>
      (
        await side.database.db
          .selectFrom('notification_outbox')
          .select('recipient')
          .where('template_id', '=', 'alerts-new')
          .execute()
      ).map((row) => row.recipient)
    const until = async (what: () => Promise<boolean>) => {
      for (let tries = 0; tries < 100 && !(await what()); tries++) await sleep(100)
      assert.ok(await what())
    }
    const ptOfficer = holderOf(pt.users, 'police-public-protection').email
    await until(async () => (await alertEmails(pt)).length > 0)
    assert.deepEqual(await alertEmails(pt), [ptOfficer])
    assert.deepEqual(await alertEmails(llr), [], "LLR's job waits for its lock")
    release()
    assert.equal(await holding, true)
    await until(async () => (await alertEmails(llr)).length > 0)
    assert.deepEqual(await alertEmails(llr), [holderOf(llr.users, 'police-public-protection').email])
    assert.deepEqual(await alertEmails(pt), [ptOfficer])
  })
})
