import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { adminFixture, CASE_PAGE } from '../../test/support/identity-admin.ts'
import { ROLES } from '../platform/access/actor.ts'
import { formatDemoUsers, seedDemoUsers } from './demo-users.ts'
import { totpCode } from './secrets.ts'
import { signIn, TestBrowser } from './testing.ts'

const { f, clock, tick, demoUser, auditedChanges, userId, grantsOf, sessionCount, addColleague } =
  adminFixture()

describe('demo users', () => {
  it('gives every role a user, across the partnership’s agencies and LAs', async () => {
    const roles = new Set(f.demo.flatMap((user) => user.grants.map((grant) => grant.role)))
    assert.deepEqual([...roles].sort(), [...ROLES].sort())
    const screeners = f.demo.filter((user) => user.grants[0]?.role === 'front-door-screener')
    assert.deepEqual(
      screeners.map((user) => user.grants[0]?.laId),
      f.partnership.local_authorities.map((la) => la.id),
    )
    assert.ok(new Set(f.demo.map((user) => user.agencyId)).size >= 5)
    assert.equal(demoUser('referrer').agencyId, 'leicester-schools')
  })

  it('seeds once: a second run changes nothing and gives the same details to print', async () => {
    const again = await seedDemoUsers(f.database, f.partnership)
    assert.deepEqual(again, f.demo)
    const count = await f.database.db
      .selectFrom('app_user')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('email', 'like', '%.example')
      .executeTakeFirstOrThrow()
    assert.ok(Number(count.n) >= f.demo.length)
    const printed = formatDemoUsers(f.demo)
    for (const user of f.demo) assert.ok(printed.includes(user.email))
    assert.match(printed, /password for all: /)
  })
})

describe('administering users', () => {
  it('sends an anonymous visitor to sign in and refuses someone who is not an administrator', async () => {
    const anonymous = await new TestBrowser(f.app).get('/admin/users')
    assert.equal(anonymous.statusCode, 303)
    assert.equal(anonymous.headers.location, '/sign-in?returnTo=%2Fadmin%2Fusers')
    const screener = await signIn(f.app, demoUser('front-door-screener'), tick())
    assert.equal((await screener.get('/admin/users')).statusCode, 403)
  })

  it('shows an agency administrator their own agency’s users only, and a partnership administrator everyone', async () => {
    const police = await signIn(f.app, demoUser('agency-admin'), tick())
    const own = await police.get('/admin/users')
    assert.equal(own.statusCode, 200)
    assert.match(own.body, /police-public-protection@leicestershire-police.example/)
    assert.doesNotMatch(own.body, /leicester-city-council.example/)

    const partnershipAdmin = await signIn(f.app, demoUser('partnership-admin'), tick())
    const all = await partnershipAdmin.get('/admin/users')
    for (const user of f.demo) assert.ok(all.body.includes(user.email), user.email)
  })

  it('keeps other agencies’ users out of an agency administrator’s reach', async () => {
    const police = await signIn(f.app, demoUser('agency-admin'), tick())
    const otherAgencyUser = await userId(demoUser('lado').email)
    assert.equal((await police.get(`/admin/users/${otherAgencyUser}`)).statusCode, 404)
    assert.equal((await police.post(`/admin/users/${otherAgencyUser}/deactivate`, {})).statusCode, 404)
    assert.equal((await police.get('/admin/users/not-a-uuid')).statusCode, 404)
  })

  it('adds a user with roles, who signs in with the temporary password, sets up an authenticator app and chooses a password', async () => {
    const police = await signIn(f.app, demoUser('agency-admin'), tick())
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

    const riley = new TestBrowser(f.app)
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
      await new TestBrowser(f.app).post('/sign-in', { email: referrer.email, password: 'wrong' })
    }
    const locked = await new TestBrowser(f.app).post('/sign-in', {
      email: referrer.email,
      password: referrer.password,
    })
    assert.equal(locked.statusCode, 401)

    const admin = await signIn(f.app, demoUser('partnership-admin'), tick())
    const id = await userId(referrer.email)
    assert.match((await admin.get(`/admin/users/${id}`)).body, /Locked after wrong attempts/)
    const unlock = await admin.post(`/admin/users/${id}/unlock`, {})
    assert.equal(unlock.headers.location, `/admin/users/${id}?done=unlocked`)
    await signIn(f.app, referrer, tick())
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
    const atDesk = await signIn(f.app, colleague, tick())
    const police = await signIn(f.app, demoUser('agency-admin'), tick())
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
    const change = await f.database.db
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

    const again = await signIn(f.app, colleague, tick())
    assert.equal((await again.get(CASE_PAGE)).statusCode, 200)
    const unchanged = await police.post(page, {
      roles: ['mat-practitioner', 'mace-coordinator'],
      laId: 'rutland',
    })
    assert.equal(unchanged.headers.location, `/admin/users/${colleague.id}`)
    assert.equal(await sessionCount(colleague.id), 1, 'the same roles again change nothing')
  })

  it('keeps another agency’s users and one’s own roles out of an agency administrator’s reach', async () => {
    const police = await signIn(f.app, demoUser('agency-admin'), tick())
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
    const partnershipAdmin = await signIn(f.app, demoUser('partnership-admin'), tick())
    const page = `/admin/users/${colleague.id}/roles`
    await partnershipAdmin.post(page, { roles: ['lado', 'partnership-admin'] })
    assert.deepEqual(await grantsOf(colleague.id), ['lado@all', 'partnership-admin@all'])

    const police = await signIn(f.app, demoUser('agency-admin'), tick())
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
      await f.database.db
        .selectFrom('audit_event')
        .select(['actor_id', 'resource_id', 'reason', 'detail'])
        .where('action', '=', 'user.administer')
        .where('outcome', '=', 'denied')
        .orderBy('seq')
        .execute()
    ).filter((row) => row.detail.grant)

  it('refuses a police administrator making a partnership-wide screener, chair, scrutineer and administrator: the form names the roles, nothing is created, the attempt is audited', async () => {
    const police = await signIn(f.app, demoUser('agency-admin'), tick())
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
    const created = await f.database.db
      .selectFrom('app_user')
      .select('id')
      .where('email', '=', email)
      .execute()
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
    const police = await signIn(f.app, demoUser('agency-admin'), tick())
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
    const schools = await signIn(f.app, schoolsAdmin, tick())
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
