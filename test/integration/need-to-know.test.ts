import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import {
  endInactiveInvolvements,
  inactiveBefore,
  recordInvolvements,
} from '../../src/children/involvement.ts'
import { DEMO_PASSWORD, type DemoUser, seedDemoUsers } from '../../src/identity/index.ts'
import { hashPassword } from '../../src/identity/secrets.ts'
import { createUser } from '../../src/identity/store.ts'
import { signIn, type TestBrowser } from '../../src/identity/testing.ts'
import { loadPartnershipConfig } from '../../src/partnership/config.ts'
import type { Role } from '../../src/platform/access/actor.ts'
import { DEMO_PARTNERSHIPS, startTestApp, type TestApp } from '../support/app.ts'

const TOTP = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP'

// Issue 19, as a partner would try it: each of these opened the record and the chronology of a
// Leicester child no agency is involved with. Each agency now reads a child only while involved.
describe('need-to-know for partner agencies', () => {
  let t: TestApp
  let users: DemoUser[]
  let childId: string
  const partners = new Map<string, TestBrowser>()
  let screener: TestBrowser

  const demo = (email: string) => {
    const found = users.find((u) => u.email.startsWith(email))
    assert.ok(found, email)
    return signIn(t.app, found)
  }
  const person = async (role: Role, agencyId: string) => {
    const email = `${role}@${agencyId}.test`
    await createUser(t.database.db, {
      agencyId,
      email,
      displayName: `${role} of ${agencyId}`,
      passwordHash: await hashPassword(DEMO_PASSWORD),
      grants: [{ role, laId: 'leicester' }],
      totpSecret: TOTP,
      totpEnrolledAt: new Date(),
    })
    return signIn(t.app, { email, password: DEMO_PASSWORD, totpSecret: TOTP })
  }
  const involvementIds = async () =>
    t.database.db
      .selectFrom('child_involvement')
      .select(['id', 'agency_id', 'ended_at', 'end_reason'])
      .where('child_id', '=', childId)
      .execute()

  before(async () => {
    t = await startTestApp()
    users = await seedDemoUsers(t.database, await loadPartnershipConfig(DEMO_PARTNERSHIPS.llr))
    const child = await t.database.db
      .insertInto('child')
      .values({ la_id: 'leicester', la_child_id: 'NTK-1', given_name: 'Nia', family_name: 'Known', sex: 'F' })
      .returning('id')
      .executeTakeFirstOrThrow()
    childId = child.id
    partners.set('school safeguarding manager', await demo('safeguarding-manager@leicester-schools'))
    partners.set('school MAT practitioner', await person('mat-practitioner', 'leicester-schools'))
    partners.set('health MAT practitioner', await demo('mat-practitioner@llr-icb'))
    partners.set('health safeguarding manager', await demo('safeguarding-manager@llr-icb'))
    partners.set('police public protection', await demo('police-public-protection@'))
    partners.set('MACE coordinator', await demo('mace-coordinator@'))
    screener = await demo('front-door-screener.leicester@')
  })
  after(() => t.close())

  it('opens an uninvolved child to none of the six partner roles', async () => {
    for (const [who, browser] of partners) {
      for (const path of [`/children/${childId}`, `/children/${childId}/chronology`]) {
        const page = await browser.get(path)
        assert.ok([403, 404].includes(page.statusCode), `${who} ${path}: ${page.statusCode}`)
        assert.doesNotMatch(page.body, /Nia/, `${who} sees nothing of the child`)
      }
    }
    assert.equal((await screener.get(`/children/${childId}`)).statusCode, 200, 'the child’s LA reads it')
  })

  it('opens the child to an agency while it is involved, and not once the child’s LA ends it', async () => {
    const police = partners.get('police public protection') as TestBrowser
    await t.database.db
      .transaction()
      .execute((trx) =>
        recordInvolvements(trx, [
          { childId, agencyId: 'leicestershire-police', kind: 'meeting', reason: 'invited to meeting' },
        ]),
      )
    assert.equal((await police.get(`/children/${childId}`)).statusCode, 200)
    assert.equal((await police.get(`/children/${childId}/chronology`)).statusCode, 200)
    const school = partners.get('school safeguarding manager') as TestBrowser
    assert.equal((await school.get(`/children/${childId}`)).statusCode, 404, 'another agency still is not')

    const list = await screener.get(`/children/${childId}/involvements`)
    assert.equal(list.statusCode, 200)
    assert.match(list.body, /Leicestershire Police/)
    assert.match(list.body, /Invited to a meeting about the child: invited to meeting/)
    const [involvement] = await involvementIds()
    const endUrl = `/children/${childId}/involvements/${involvement?.id}/end`
    assert.equal((await police.get(`/children/${childId}/involvements`)).statusCode, 403, 'only the LA')

    await screener.get(endUrl)
    const blank = await screener.post(endUrl, { reason: '   ' })
    assert.equal(blank.statusCode, 400)
    assert.match(blank.body, /There is a problem/)
    assert.match(blank.body, /href="#reason">Enter why this involvement is ending/)
    assert.equal((await involvementIds())[0]?.ended_at, null, 'nothing ended')

    const refused = await police.post(endUrl, { reason: 'We are done here' })
    assert.equal(refused.statusCode, 403, 'a partner cannot end involvements')

    const ended = await screener.post(endUrl, { reason: 'Strategy discussion held; no further police role' })
    assert.equal(ended.statusCode, 303)
    const [row] = await involvementIds()
    assert.ok(row?.ended_at)
    assert.equal(row?.end_reason, 'Strategy discussion held; no further police role')
    assert.equal(
      (await police.get(`/children/${childId}`)).statusCode,
      403,
      'an ended involvement opens nothing',
    )
    const history = await screener.get(`/children/${childId}/involvements`)
    assert.match(history.body, /Strategy discussion held; no further police role/)

    const audit = await t.database.db
      .selectFrom('audit_event')
      .select(['action', 'outcome', 'detail'])
      .where('child_id', '=', childId)
      .where('action', '=', 'involvement.manage')
      .execute()
    assert.deepEqual(
      audit.map((entry) => entry.outcome),
      ['denied', 'allowed'],
      'the refused and the allowed ending are both on record',
    )
    assert.equal((await screener.post(endUrl, { reason: 'again' })).statusCode, 409, 'ended once')
  })

  it('lets the child’s LA add an agency with a reason, and nobody else', async () => {
    const school = partners.get('school safeguarding manager') as TestBrowser
    const url = `/children/${childId}/involvements`
    await screener.get(url)
    const blank = await screener.post(url, { agencyId: '', reason: '' })
    assert.equal(blank.statusCode, 400)
    assert.match(blank.body, /href="#agencyId">Choose the agency to add/)
    assert.match(blank.body, /href="#reason">Enter why this agency needs to be involved/)
    const kept = await screener.post(url, { agencyId: 'leicester-schools', reason: '' })
    assert.match(kept.body, /<option value="leicester-schools" selected>/, 'what was chosen is kept')
    assert.equal(
      (await school.post(url, { agencyId: 'leicester-schools', reason: 'let us in' })).statusCode,
      404,
    )
    assert.equal((await school.get(`/children/${childId}`)).statusCode, 404, 'a partner cannot add itself')
    const added = await screener.post(url, {
      agencyId: 'leicester-schools',
      reason: 'Joined the school this week',
    })
    assert.equal(added.statusCode, 303)
    assert.equal((await school.get(`/children/${childId}`)).statusCode, 200)
    const list = await screener.get(url)
    assert.match(list.body, /Added by the local authority: Joined the school this week/)
  })

  it('ends involvements with no activity for the partnership’s period, keeping them as history', async () => {
    const db = t.database.db
    await db.transaction().execute((trx) =>
      recordInvolvements(trx, [
        {
          childId,
          agencyId: 'llr-icb',
          kind: 'caseload',
          reason: 'GP practice',
          lawfulBasis: 'UK GDPR 6(1)(e)',
        },
      ]),
    )
    const now = new Date()
    assert.equal(await endInactiveInvolvements(db, inactiveBefore(now, 365), now), 0, 'active today')
    await db
      .updateTable('child_involvement')
      .set({ since: new Date('2024-01-01'), last_active_at: new Date('2024-02-01') })
      .where('agency_id', '=', 'llr-icb')
      .execute()
    const manager = partners.get('health safeguarding manager') as TestBrowser
    assert.equal((await manager.get(`/children/${childId}`)).statusCode, 200)
    assert.equal(await endInactiveInvolvements(db, inactiveBefore(now, 365), now), 1)
    assert.equal((await manager.get(`/children/${childId}`)).statusCode, 404)
    const health = await t.database.db
      .selectFrom('child_involvement')
      .select(['ended_at', 'end_reason'])
      .where('child_id', '=', childId)
      .where('agency_id', '=', 'llr-icb')
      .executeTakeFirstOrThrow()
    assert.ok(health.ended_at, 'kept as history, ended')
    assert.match(health.end_reason ?? '', /No activity/)
  })
})
