import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { openTestDatabase, type TestDatabase } from '../../test/support/database.ts'
import { type App, buildApp } from '../app.ts'
import { loadPartnershipConfig, type PartnershipConfig } from '../partnership/config.ts'
import { ROLES, type Role } from '../platform/access/actor.ts'
import { DEMO_PASSWORD, type DemoUser, formatDemoUsers, seedDemoUsers } from './demo-users.ts'
import { requireUser } from './guards.ts'
import { hashPassword, newTotpSecret, totpCode } from './secrets.ts'
import { createUser } from './store.ts'
import { signIn, TestBrowser } from './testing.ts'

const LLR = new URL('../../config/partnerships/llr.yaml', import.meta.url).pathname
const CASE_PAGE = '/test/case-page'

let database: TestDatabase
let partnership: PartnershipConfig
let app: App
let demo: DemoUser[]
const clock = { now: new Date('2026-03-02T09:00:00Z') }
const tick = () => {
  clock.now = new Date(clock.now.getTime() + 31_000)
  return clock.now
}
const demoUser = (role: Role) =>
  demo.find((user) => user.grants.some((grant) => grant.role === role)) as DemoUser
const auditedChanges = async (action: string) => {
  const rows = await database.db
    .selectFrom('audit_event')
    .select(['action', 'outcome', 'resource_id', 'detail'])
    .where('action', '=', action)
    .orderBy('seq')
    .execute()
  return rows.map((row) => ({
    agency: row.resource_id,
    outcome: row.outcome,
    operation: row.detail.operation,
  }))
}
const userId = async (email: string) =>
  (await database.db.selectFrom('app_user').select('id').where('email', '=', email).executeTakeFirstOrThrow())
    .id
const grantsOf = async (id: string) =>
  (
    await database.db
      .selectFrom('user_role')
      .select(['role', 'la_id'])
      .where('user_id', '=', id)
      .orderBy('role')
      .execute()
  ).map((row) => `${row.role}@${row.la_id ?? 'all'}`)
const sessionCount = async (id: string) =>
  (await database.db.selectFrom('user_session').select('id').where('user_id', '=', id).execute()).length
/** A new person of an agency, enrolled for TOTP, with the demo password. */
const addColleague = async (agencyId: string, name: string, roles: Role[], laId: string | null = null) => {
  const email = `${name.toLowerCase().replace(' ', '.')}@${agencyId}.example`
  const totpSecret = newTotpSecret()
  await createUser(database.db, {
    agencyId,
    email,
    displayName: name,
    passwordHash: await hashPassword(DEMO_PASSWORD),
    totpSecret,
    totpEnrolledAt: new Date(),
    grants: roles.map((role) => ({ role, laId })),
  })
  return { email, password: DEMO_PASSWORD, totpSecret, id: await userId(email) }
}

before(async () => {
  partnership = await loadPartnershipConfig(LLR)
  database = await openTestDatabase()
  app = await buildApp({
    database,
    partnership,
    logLevel: 'silent',
    identity: { now: () => clock.now, rateLimits: { signInPerMinute: 1000 } },
  })
  app.get(CASE_PAGE, { preHandler: requireUser }, async () => 'case page')
  demo = await seedDemoUsers(database, partnership)
})
after(async () => {
  await app.close()
  await database.dispose()
})

describe('demo users', () => {
  it('gives every role a user, across the partnership’s agencies and LAs', async () => {
    const roles = new Set(demo.flatMap((user) => user.grants.map((grant) => grant.role)))
    assert.deepEqual([...roles].sort(), [...ROLES].sort())
    const screeners = demo.filter((user) => user.grants[0]?.role === 'front-door-screener')
    assert.deepEqual(
      screeners.map((user) => user.grants[0]?.laId),
      partnership.local_authorities.map((la) => la.id),
    )
    assert.ok(new Set(demo.map((user) => user.agencyId)).size >= 5)
    assert.equal(demoUser('referrer').agencyId, 'leicester-schools')
  })

  it('seeds once: a second run changes nothing and gives the same details to print', async () => {
    const again = await seedDemoUsers(database, partnership)
    assert.deepEqual(again, demo)
    const count = await database.db
      .selectFrom('app_user')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('email', 'like', '%.example')
      .executeTakeFirstOrThrow()
    assert.ok(Number(count.n) >= demo.length)
    const printed = formatDemoUsers(demo)
    for (const user of demo) assert.ok(printed.includes(user.email))
    assert.match(printed, /password for all: /)
  })
})

describe('administering users', () => {
  it('sends an anonymous visitor to sign in and refuses someone who is not an administrator', async () => {
    const anonymous = await new TestBrowser(app).get('/admin/users')
    assert.equal(anonymous.statusCode, 303)
    assert.equal(anonymous.headers.location, '/sign-in?returnTo=%2Fadmin%2Fusers')
    const screener = await signIn(app, demoUser('front-door-screener'), tick())
    assert.equal((await screener.get('/admin/users')).statusCode, 403)
  })

  it('shows an agency administrator their own agency’s users only, and a partnership administrator everyone', async () => {
    const police = await signIn(app, demoUser('agency-admin'), tick())
    const own = await police.get('/admin/users')
    assert.equal(own.statusCode, 200)
    assert.match(own.body, /police-public-protection@leicestershire-police.example/)
    assert.doesNotMatch(own.body, /leicester-city-council.example/)

    const partnershipAdmin = await signIn(app, demoUser('partnership-admin'), tick())
    const all = await partnershipAdmin.get('/admin/users')
    for (const user of demo) assert.ok(all.body.includes(user.email), user.email)
  })

  it('keeps other agencies’ users out of an agency administrator’s reach', async () => {
    const police = await signIn(app, demoUser('agency-admin'), tick())
    const otherAgencyUser = await userId(demoUser('lado').email)
    assert.equal((await police.get(`/admin/users/${otherAgencyUser}`)).statusCode, 404)
    assert.equal((await police.post(`/admin/users/${otherAgencyUser}/deactivate`, {})).statusCode, 404)
    assert.equal((await police.get('/admin/users/not-a-uuid')).statusCode, 404)
  })

  it('adds a user with roles, who signs in with the temporary password, sets up an authenticator app and chooses a password', async () => {
    const police = await signIn(app, demoUser('agency-admin'), tick())
    const form = await police.get('/admin/users/new')
    assert.equal(form.statusCode, 200)
    assert.doesNotMatch(
      form.body,
      /value="partnership-admin"/,
      'an agency administrator cannot make a partnership administrator',
    )

    const incomplete = await police.post('/admin/users', {
      displayName: 'Riley Stone',
      email: 'not-an-email',
      roles: [],
    })
    assert.equal(incomplete.statusCode, 400)
    assert.match(incomplete.body, /govuk-error-summary/)
    assert.match(incomplete.body, /Select at least one role/)
    assert.match(incomplete.body, /value="Riley Stone"/)

    const email = 'riley.stone@leicestershire-police.example'
    const added = await police.post('/admin/users', {
      displayName: 'Riley Stone',
      email,
      agencyId: 'leicester-city-council',
      roles: ['police-public-protection', 'mace-coordinator'],
      laId: 'rutland',
    })
    assert.equal(added.statusCode, 400, 'not into another agency')
    const created = await police.post('/admin/users', {
      displayName: 'Riley Stone',
      email,
      roles: ['police-public-protection', 'mace-coordinator'],
      laId: 'rutland',
    })
    assert.equal(created.statusCode, 200)
    assert.equal(created.headers['cache-control'], 'no-store')
    const temporaryPassword = /id="temporary-password">([^<]+)</.exec(created.body)?.[1] as string
    assert.ok(temporaryPassword)

    const duplicate = await police.post('/admin/users', { displayName: 'R', email, roles: ['referrer'] })
    assert.match(duplicate.body, /Someone already has this email address/)

    const riley = new TestBrowser(app)
    const first = await riley.post('/sign-in', { email, password: temporaryPassword, returnTo: CASE_PAGE })
    assert.equal(
      first.headers.location,
      `/sign-in/two-factor/set-up?returnTo=${encodeURIComponent(CASE_PAGE)}`,
    )
    assert.equal((await riley.get(CASE_PAGE)).statusCode, 303, 'no case page before the app is set up')
    const setUp = await riley.get(first.headers.location as string)
    const secret = (/id="secret"><code>([A-Z2-7 ]+)</.exec(setUp.body)?.[1] ?? '').replace(/ /g, '')
    assert.equal(secret.length, 32)
    assert.match(setUp.body, /otpauth:\/\/totp\//)
    const code = await totpCode(secret, clock.now)
    const done = await riley.post('/sign-in/two-factor/set-up', { code, returnTo: CASE_PAGE })
    const newPassword = `/sign-in/new-password?returnTo=${encodeURIComponent(CASE_PAGE)}`
    assert.equal(done.headers.location, newPassword, 'the temporary password is replaced first')
    assert.equal((await riley.get(CASE_PAGE)).headers.location, newPassword)
    const chosen = await riley.post('/sign-in/new-password', {
      password: 'granite meadow lantern',
      returnTo: CASE_PAGE,
    })
    assert.equal(chosen.headers.location, CASE_PAGE)
    assert.equal((await riley.get(CASE_PAGE)).statusCode, 200)

    const listed = await police.get(`/admin/users/${await userId(email)}`)
    assert.match(listed.body, /MACE coordinator \(Rutland\), Police public protection \(Rutland\)/)
    assert.match(listed.body, /Password and authenticator app/)
  })

  it('unlocks a locked account', async () => {
    const referrer = demoUser('referrer')
    for (let attempt = 0; attempt < 5; attempt++) {
      await new TestBrowser(app).post('/sign-in', { email: referrer.email, password: 'wrong' })
    }
    const locked = await new TestBrowser(app).post('/sign-in', {
      email: referrer.email,
      password: referrer.password,
    })
    assert.equal(locked.statusCode, 401)

    const admin = await signIn(app, demoUser('partnership-admin'), tick())
    const id = await userId(referrer.email)
    assert.match((await admin.get(`/admin/users/${id}`)).body, /Locked after wrong attempts/)
    const unlock = await admin.post(`/admin/users/${id}/unlock`, {})
    assert.equal(unlock.headers.location, `/admin/users/${id}?done=unlocked`)
    await signIn(app, referrer, tick())
    assert.deepEqual((await auditedChanges('user.administer')).at(-1), {
      agency: referrer.agencyId,
      outcome: 'allowed',
      operation: 'unlock',
    })
  })
})

describe('changing a user’s roles', () => {
  it('replaces the roles, keeping what was typed when the form is wrong, and signs the user out', async () => {
    const colleague = await addColleague('leicestershire-police', 'Sam Okoro', ['police-public-protection'])
    const atDesk = await signIn(app, colleague, tick())
    const police = await signIn(app, demoUser('agency-admin'), tick())
    const page = `/admin/users/${colleague.id}/roles`
    assert.match((await police.get(`/admin/users/${colleague.id}`)).body, new RegExp(`href="${page}"`))
    const form = await police.get(page)
    assert.equal(form.statusCode, 200)
    assert.match(form.body, /value="police-public-protection" checked/)
    assert.doesNotMatch(form.body, /value="partnership-admin"/)

    const none = await police.post(page, { laId: 'rutland' })
    assert.equal(none.statusCode, 400)
    assert.match(none.body, /govuk-error-summary/)
    assert.match(none.body, /Select at least one role/)
    assert.match(none.body, /value="rutland" selected/, 'keeps the area chosen')
    const nowhere = await police.post(page, { roles: ['mace-coordinator', 'overlord'], laId: 'nowhere' })
    assert.equal(nowhere.statusCode, 400)
    assert.match(nowhere.body, /Select only listed roles/)
    assert.match(nowhere.body, /Select an area/)
    assert.match(nowhere.body, /value="mace-coordinator" checked/, 'keeps the roles ticked')
    const tooMuch = await police.post(page, {
      roles: ['mace-coordinator', 'partnership-admin'],
      laId: 'rutland',
    })
    assert.equal(tooMuch.statusCode, 400)
    assert.match(
      tooMuch.body,
      /href="#roles">Only a partnership administrator can give Partnership administrator to staff of Leicestershire Police/,
    )
    assert.match(tooMuch.body, /value="mace-coordinator" checked/, 'keeps the roles ticked')
    assert.equal((await police.post(page, { roles: ['mace-coordinator'] }, { csrf: false })).statusCode, 403)
    assert.deepEqual(await grantsOf(colleague.id), ['police-public-protection@all'], 'nothing changed yet')

    const saved = await police.post(page, {
      roles: ['mace-coordinator', 'mat-practitioner'],
      laId: 'rutland',
    })
    assert.equal(saved.statusCode, 303)
    assert.equal(saved.headers.location, `/admin/users/${colleague.id}?done=roles-changed`)
    assert.deepEqual(await grantsOf(colleague.id), ['mace-coordinator@rutland', 'mat-practitioner@rutland'])
    assert.equal(await sessionCount(colleague.id), 0)
    assert.equal((await atDesk.get(CASE_PAGE)).statusCode, 303, 'signed out')
    const change = await database.db
      .selectFrom('audit_event')
      .select(['outcome', 'resource_id', 'detail'])
      .where('action', '=', 'user.administer')
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow()
    assert.deepEqual(change, {
      outcome: 'allowed',
      resource_id: 'leicestershire-police',
      detail: {
        operation: 'change-roles',
        userId: colleague.id,
        from: [{ role: 'police-public-protection', laId: null }],
        to: [
          { role: 'mace-coordinator', laId: 'rutland' },
          { role: 'mat-practitioner', laId: 'rutland' },
        ],
      },
    })

    const again = await signIn(app, colleague, tick())
    assert.equal((await again.get(CASE_PAGE)).statusCode, 200)
    const unchanged = await police.post(page, {
      roles: ['mat-practitioner', 'mace-coordinator'],
      laId: 'rutland',
    })
    assert.equal(unchanged.headers.location, `/admin/users/${colleague.id}`)
    assert.equal(await sessionCount(colleague.id), 1, 'the same roles again change nothing')
  })

  it('keeps another agency’s users and one’s own roles out of an agency administrator’s reach', async () => {
    const police = await signIn(app, demoUser('agency-admin'), tick())
    const lado = await userId(demoUser('lado').email)
    assert.equal((await police.get(`/admin/users/${lado}/roles`)).statusCode, 404)
    assert.equal((await police.post(`/admin/users/${lado}/roles`, { roles: ['referrer'] })).statusCode, 404)
    assert.deepEqual(await grantsOf(lado), ['lado@leicester'])
    const self = await userId(demoUser('agency-admin').email)
    assert.equal(
      (await police.post(`/admin/users/${self}/roles`, { roles: ['agency-admin', 'lado'] })).statusCode,
      400,
    )
    assert.deepEqual(await grantsOf(self), ['agency-admin@all'])
  })

  it('lets a partnership administrator change anyone’s roles; roles an agency administrator may not give stay', async () => {
    const colleague = await addColleague('leicester-city-council', 'Ana Reyes', ['lado'], 'leicester')
    const partnershipAdmin = await signIn(app, demoUser('partnership-admin'), tick())
    const page = `/admin/users/${colleague.id}/roles`
    await partnershipAdmin.post(page, { roles: ['lado', 'partnership-admin'] })
    assert.deepEqual(await grantsOf(colleague.id), ['lado@all', 'partnership-admin@all'])

    const police = await signIn(app, demoUser('agency-admin'), tick())
    const officer = await addColleague('leicestershire-police', 'Kit Moss', ['partnership-admin', 'referrer'])
    const form = await police.get(`/admin/users/${officer.id}/roles`)
    assert.match(
      form.body,
      /also holds Partnership administrator, which only a partnership administrator can change/,
    )
    await police.post(`/admin/users/${officer.id}/roles`, { roles: ['mat-practitioner'], laId: 'leicester' })
    assert.deepEqual(await grantsOf(officer.id), ['mat-practitioner@leicester', 'partnership-admin@all'])
  })
})

describe('an agency administrator gives only roles that fit their agency, in the areas it serves', () => {
  const deniedGrants = async () =>
    (
      await database.db
        .selectFrom('audit_event')
        .select(['actor_id', 'resource_id', 'reason', 'detail'])
        .where('action', '=', 'user.administer')
        .where('outcome', '=', 'denied')
        .orderBy('seq')
        .execute()
    ).filter((row) => row.detail.grant)

  it('refuses a police administrator making a partnership-wide screener, chair, scrutineer and administrator: the form names the roles, nothing is created, the attempt is audited', async () => {
    const police = await signIn(app, demoUser('agency-admin'), tick())
    const form = await police.get('/admin/users/new')
    for (const role of ['front-door-screener', 'conference-chair', 'independent-scrutineer', 'analyst'])
      assert.doesNotMatch(form.body, new RegExp(`value="${role}"`), `${role} is not offered`)
    assert.match(form.body, /value="police-public-protection"/)
    assert.doesNotMatch(form.body, /The whole partnership/)
    assert.match(form.body, /<option value="" selected>Every area Leicestershire Police serves<\/option>/)

    const before = (await deniedGrants()).length
    const email = 'quinn.escalate@leicestershire-police.example'
    const refused = await police.post('/admin/users', {
      displayName: 'Quinn Escalate',
      email,
      roles: ['front-door-screener', 'conference-chair', 'independent-scrutineer', 'agency-admin'],
      laId: '',
    })
    assert.equal(refused.statusCode, 400)
    assert.match(refused.body, /govuk-error-summary/)
    assert.match(
      refused.body,
      /href="#roles">Only a partnership administrator can give Front-door screener, Conference chair, Independent scrutineer to staff of Leicestershire Police/,
    )
    assert.match(refused.body, /value="Quinn Escalate"/, 'keeps what was typed')
    const created = await database.db.selectFrom('app_user').select('id').where('email', '=', email).execute()
    assert.deepEqual(created, [])
    const denied = (await deniedGrants()).slice(before)
    assert.equal(denied.length, 1)
    assert.deepEqual(
      { ...denied[0], actor_id: undefined },
      {
        actor_id: undefined,
        resource_id: 'leicestershire-police',
        reason: 'Only a partnership administrator gives this role to staff of this agency',
        detail: {
          operation: 'add-user',
          email,
          grants: [
            ...['leicester', 'leicestershire', 'rutland'].map((laId) => ({
              role: 'front-door-screener',
              laId,
            })),
            ...['leicester', 'leicestershire', 'rutland'].map((laId) => ({ role: 'conference-chair', laId })),
            ...['leicester', 'leicestershire', 'rutland'].map((laId) => ({
              role: 'independent-scrutineer',
              laId,
            })),
            ...['leicester', 'leicestershire', 'rutland'].map((laId) => ({ role: 'agency-admin', laId })),
          ],
          grant: { role: 'front-door-screener', laId: 'leicester' },
        },
      },
    )
  })

  it('gives a police role in every area the force serves as one grant per area, never partnership-wide', async () => {
    const police = await signIn(app, demoUser('agency-admin'), tick())
    const email = 'pat.wide@leicestershire-police.example'
    const created = await police.post('/admin/users', {
      displayName: 'Pat Wide',
      email,
      roles: ['police-public-protection'],
      laId: '',
    })
    assert.equal(created.statusCode, 200)
    assert.deepEqual(await grantsOf(await userId(email)), [
      'police-public-protection@leicester',
      'police-public-protection@leicestershire',
      'police-public-protection@rutland',
    ])
  })

  it('keeps a school administrator to their own LA, on the form and when changing roles', async () => {
    const schoolsAdmin = await addColleague('leicester-schools', 'Sol Admin', ['agency-admin'], 'leicester')
    const teacher = await addColleague('leicester-schools', 'Tam Teacher', ['referrer'], 'leicester')
    const schools = await signIn(app, schoolsAdmin, tick())
    const page = `/admin/users/${teacher.id}/roles`
    const form = await schools.get(page)
    assert.match(form.body, /<option value="leicester"/)
    assert.doesNotMatch(form.body, /value="rutland"|value=""/, 'only the LA the schools serve')
    assert.doesNotMatch(form.body, /value="lado"/)

    const before = (await deniedGrants()).length
    const outside = await schools.post(page, { roles: ['referrer', 'safeguarding-manager'], laId: 'rutland' })
    assert.equal(outside.statusCode, 400)
    assert.match(outside.body, /href="#laId">Select an area Leicester schools serves/)
    const lado = await schools.post(page, { roles: ['lado'], laId: 'leicester' })
    assert.match(
      lado.body,
      /href="#roles">Only a partnership administrator can give LADO to staff of Leicester schools/,
    )
    assert.deepEqual(await grantsOf(teacher.id), ['referrer@leicester'], 'nothing changed')
    const denied = (await deniedGrants()).slice(before)
    assert.deepEqual(
      denied.map((row) => [row.reason, row.detail.grant]),
      [
        ['Outside the areas the agency serves', { role: 'referrer', laId: 'rutland' }],
        [
          'Only a partnership administrator gives this role to staff of this agency',
          { role: 'lado', laId: 'leicester' },
        ],
      ],
    )

    const saved = await schools.post(page, { roles: ['referrer', 'safeguarding-manager'], laId: 'leicester' })
    assert.equal(saved.statusCode, 303)
    assert.deepEqual(await grantsOf(teacher.id), ['referrer@leicester', 'safeguarding-manager@leicester'])
  })
})

describe('resetting a password', () => {
  const temporaryPasswordIn = (body: string) => /id="temporary-password">([^<]+)</.exec(body)?.[1] as string
  const account = (id: string) =>
    database.db
      .selectFrom('app_user')
      .select(['password_hash', 'must_change_password'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow()

  it('shows a temporary password once, stores its hash, and signs the user out', async () => {
    const colleague = await addColleague('leicestershire-police', 'Jo Lane', ['police-public-protection'])
    const atDesk = await signIn(app, colleague, tick())
    const police = await signIn(app, demoUser('agency-admin'), tick())
    const userPage = `/admin/users/${colleague.id}`
    assert.match((await police.get(userPage)).body, new RegExp(`action="${userPage}/reset-password"`))

    const reset = await police.post(`${userPage}/reset-password`, {})
    assert.equal(reset.statusCode, 200)
    assert.equal(reset.headers['cache-control'], 'no-store')
    const temporaryPassword = temporaryPasswordIn(reset.body)
    assert.match(temporaryPassword, /^[a-z2-9]{5}(-[a-z2-9]{5}){3}$/)
    const stored = await account(colleague.id)
    assert.match(stored.password_hash as string, /^\$argon2id\$/)
    assert.ok(!(stored.password_hash as string).includes(temporaryPassword))
    assert.equal(stored.must_change_password, true)
    assert.equal(await sessionCount(colleague.id), 0)
    assert.equal((await atDesk.get(CASE_PAGE)).statusCode, 303, 'signed out')
    const later = await police.get(userPage)
    assert.ok(!later.body.includes(temporaryPassword), 'shown once')
    assert.match(later.body, /the password is temporary until they next sign in/)
    assert.deepEqual((await auditedChanges('user.administer')).at(-1), {
      agency: 'leicestershire-police',
      outcome: 'allowed',
      operation: 'reset-password',
    })
    const oldPassword = await new TestBrowser(app).post('/sign-in', {
      email: colleague.email,
      password: colleague.password,
    })
    assert.equal(oldPassword.statusCode, 401)
  })

  it('has the user choose a new password at next sign-in, before anything else', async () => {
    const colleague = await addColleague('leicestershire-police', 'Max Hale', ['mace-coordinator'])
    const police = await signIn(app, demoUser('agency-admin'), tick())
    const reset = await police.post(`/admin/users/${colleague.id}/reset-password`, {})
    const temporary = { ...colleague, password: temporaryPasswordIn(reset.body) }
    const someoneElse = await signIn(app, temporary, tick())

    const browser = new TestBrowser(app)
    await browser.post('/sign-in', {
      email: colleague.email,
      password: temporary.password,
      returnTo: CASE_PAGE,
    })
    const code = await totpCode(colleague.totpSecret, tick())
    const afterCode = await browser.post('/sign-in/two-factor', { code, returnTo: CASE_PAGE })
    const newPassword = `/sign-in/new-password?returnTo=${encodeURIComponent(CASE_PAGE)}`
    assert.equal(afterCode.headers.location, newPassword)
    const blocked = await browser.get(CASE_PAGE)
    assert.equal(blocked.headers.location, newPassword, 'nothing else before a new password')
    assert.equal((await browser.get('/admin/users')).statusCode, 303)
    const form = await browser.get(newPassword)
    assert.equal(form.statusCode, 200)
    assert.match(form.body, /autocomplete="new-password"/)

    for (const [password, problem] of [
      ['', 'Enter a new password'],
      ['short one', 'Password must be 12 characters or more'],
      [temporary.password, 'Choose a password other than the temporary one'],
    ]) {
      const refused = await browser.post('/sign-in/new-password', {
        password: password as string,
        returnTo: CASE_PAGE,
      })
      assert.equal(refused.statusCode, 400)
      assert.match(refused.body, /govuk-error-summary/)
      assert.ok(refused.body.includes(problem as string), problem)
    }
    const chosen = await browser.post('/sign-in/new-password', {
      password: 'kettle orchard lantern',
      returnTo: CASE_PAGE,
    })
    assert.equal(chosen.headers.location, CASE_PAGE)
    assert.equal((await browser.get(CASE_PAGE)).statusCode, 200)
    assert.equal((await account(colleague.id)).must_change_password, false)
    assert.equal(
      (await someoneElse.get(CASE_PAGE)).statusCode,
      303,
      'a session on the temporary password ends',
    )
    assert.equal(await sessionCount(colleague.id), 1)
    await signIn(app, { ...colleague, password: 'kettle orchard lantern' }, tick())
  })

  it('is refused for another agency’s user, one’s own account and staff who sign in with their provider', async () => {
    const police = await signIn(app, demoUser('agency-admin'), tick())
    const lado = await userId(demoUser('lado').email)
    const before = await account(lado)
    assert.equal((await police.post(`/admin/users/${lado}/reset-password`, {})).statusCode, 404)
    assert.deepEqual(await account(lado), before)
    const self = await userId(demoUser('agency-admin').email)
    assert.equal((await police.post(`/admin/users/${self}/reset-password`, {})).statusCode, 400)
    assert.doesNotMatch((await police.get(`/admin/users/${self}`)).body, /reset-password/)

    const colleague = await addColleague('leicestershire-police', 'Ray Dunn', ['referrer'])
    const withProvider = await buildApp({
      database,
      partnership,
      logLevel: 'silent',
      identity: {
        now: () => clock.now,
        oidc: [
          {
            agencyId: 'leicestershire-police',
            label: 'Police sign-in',
            issuer: 'https://id.police.example',
            clientId: 'masa',
            clientSecret: 'not used',
          },
        ],
      },
    })
    try {
      const admin = await signIn(withProvider, demoUser('agency-admin'), tick())
      assert.doesNotMatch((await admin.get(`/admin/users/${colleague.id}`)).body, /reset-password/)
      const refused = await admin.post(`/admin/users/${colleague.id}/reset-password`, {})
      assert.equal(refused.statusCode, 400)
      assert.equal((await account(colleague.id)).must_change_password, false)
    } finally {
      await withProvider.close()
    }
  })
})

describe('API credentials', () => {
  const createKey = async (browser: TestBrowser, name: string) => {
    const created = await browser.post('/admin/api-clients', { name, scopes: ['events:write', 'cases:read'] })
    assert.equal(created.statusCode, 200)
    assert.equal(created.headers['cache-control'], 'no-store')
    return /id="api-key">([^<]+)</.exec(created.body)?.[1] as string
  }
  const whoami = (key?: string) =>
    app.inject({ url: '/api/v1/whoami', headers: key ? { authorization: `Bearer ${key}` } : {} })

  it('creates a key shown once, which identifies the agency system until revoked', async () => {
    const police = await signIn(app, demoUser('agency-admin'), tick())
    const key = await createKey(police, 'Police case system')
    assert.match(key, /^masa_[A-Za-z0-9_-]{43}$/)

    const stored = await database.db
      .selectFrom('api_client')
      .selectAll()
      .where('name', '=', 'Police case system')
      .executeTakeFirstOrThrow()
    assert.notEqual(stored.key_hash, key)
    assert.ok(key.startsWith(stored.key_prefix))

    const answer = await whoami(key)
    assert.equal(answer.statusCode, 200)
    assert.deepEqual(answer.json(), {
      kind: 'system',
      id: stored.id,
      name: 'Police case system',
      agencyId: 'leicestershire-police',
      scopes: ['events:write', 'cases:read'],
    })
    const list = await police.get('/admin/api-clients')
    assert.match(list.body, /Police case system/)
    assert.doesNotMatch(list.body, new RegExp(key), 'the key is never shown again')

    const revoked = await police.post(`/admin/api-clients/${stored.id}/revoke`, {})
    assert.equal(revoked.statusCode, 303)
    assert.equal((await whoami(key)).statusCode, 401)
    assert.deepEqual((await auditedChanges('api-client.administer')).slice(-2), [
      { agency: 'leicestershire-police', outcome: 'allowed', operation: 'create' },
      { agency: 'leicestershire-police', outcome: 'allowed', operation: 'revoke' },
    ])
  })

  it('refuses API calls without a key, with an unknown key, or with a session cookie', async () => {
    const none = await whoami()
    assert.equal(none.statusCode, 401)
    assert.match(String(none.headers['www-authenticate']), /^Bearer/)
    assert.equal(none.json().statusCode, 401)
    assert.equal((await whoami(`masa_${'A'.repeat(43)}`)).statusCode, 401)
    const browser = await signIn(app, demoUser('partnership-admin'), tick())
    assert.equal((await browser.get('/api/v1/whoami')).statusCode, 401)
  })

  it('refuses a caller without credentials on every operation in the OpenAPI document', async () => {
    const document = (await app.inject('/api/openapi.json')).json() as {
      paths: Record<string, Record<string, unknown>>
    }
    const operations = Object.entries(document.paths)
      .filter(([path]) => path.startsWith('/api/v1/'))
      .flatMap(([path, methods]) =>
        Object.keys(methods).map((method) => ({ path, method: method.toUpperCase() })),
      )
    assert.ok(operations.length > 0)
    for (const { path, method } of operations) {
      const url = path.replace(/\{[^}]+\}/g, '00000000-0000-4000-8000-000000000000')
      const answer = await app.inject({
        method: method as 'GET',
        url,
        payload: method === 'GET' ? undefined : {},
      })
      assert.equal(answer.statusCode, 401, `${method} ${path}`)
    }
  })

  it('keeps agency administrators to their own agency’s keys', async () => {
    const partnershipAdmin = await signIn(app, demoUser('partnership-admin'), tick())
    await createKey(partnershipAdmin, 'Leicester social care system')
    const la = await database.db
      .selectFrom('api_client')
      .select('id')
      .where('name', '=', 'Leicester social care system')
      .executeTakeFirstOrThrow()
    const police = await signIn(app, demoUser('agency-admin'), tick())
    assert.doesNotMatch((await police.get('/admin/api-clients')).body, /Leicester social care system/)
    assert.equal((await police.post(`/admin/api-clients/${la.id}/revoke`, {})).statusCode, 404)
  })

  it('limits each API client’s calls per minute, separately', async () => {
    const limited = await buildApp({
      database,
      partnership,
      logLevel: 'silent',
      identity: { rateLimits: { apiPerMinute: 2 } },
    })
    try {
      const admin = await signIn(app, demoUser('partnership-admin'), tick())
      const [first, second] = [await createKey(admin, 'System one'), await createKey(admin, 'System two')]
      const call = (key: string) =>
        limited
          .inject({ url: '/api/v1/whoami', headers: { authorization: `Bearer ${key}` } })
          .then((r) => r.statusCode)
      assert.deepEqual([await call(first), await call(first), await call(first)], [200, 200, 429])
      assert.equal(await call(second), 200)
    } finally {
      await limited.close()
    }
  })
})

describe('resetting an authenticator app', () => {
  const authenticator = (id: string) =>
    database.db
      .selectFrom('app_user')
      .select(['totp_secret', 'totp_enrolled_at'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow()

  it('signs the user out; they set up an authenticator app again at their next sign-in', async () => {
    const colleague = await addColleague('leicestershire-police', 'Sam Hart', ['police-public-protection'])
    const atDesk = await signIn(app, colleague, tick())
    const police = await signIn(app, demoUser('agency-admin'), tick())
    const userPage = `/admin/users/${colleague.id}`
    assert.match((await police.get(userPage)).body, new RegExp(`action="${userPage}/reset-authenticator"`))

    const reset = await police.post(`${userPage}/reset-authenticator`, {})
    assert.equal(reset.headers.location, `${userPage}?done=authenticator-reset`)
    assert.deepEqual(await authenticator(colleague.id), { totp_secret: null, totp_enrolled_at: null })
    assert.equal(await sessionCount(colleague.id), 0)
    assert.equal((await atDesk.get(CASE_PAGE)).statusCode, 303, 'signed out')
    assert.deepEqual((await auditedChanges('user.administer')).at(-1), {
      agency: 'leicestershire-police',
      outcome: 'allowed',
      operation: 'reset-authenticator',
    })
    const again = await new TestBrowser(app).post('/sign-in', {
      email: colleague.email,
      password: colleague.password,
      returnTo: CASE_PAGE,
    })
    assert.equal(
      again.headers.location,
      `/sign-in/two-factor/set-up?returnTo=${encodeURIComponent(CASE_PAGE)}`,
    )
  })

  it('is refused for another agency’s user and one’s own account, changing nothing', async () => {
    const police = await signIn(app, demoUser('agency-admin'), tick())
    const lado = await userId(demoUser('lado').email)
    const before = await authenticator(lado)
    assert.equal((await police.post(`/admin/users/${lado}/reset-authenticator`, {})).statusCode, 404)
    assert.deepEqual(await authenticator(lado), before)
    const self = await userId(demoUser('agency-admin').email)
    assert.equal((await police.post(`/admin/users/${self}/reset-authenticator`, {})).statusCode, 400)
    assert.ok((await authenticator(self)).totp_secret)
  })
})
