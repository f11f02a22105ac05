import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { DEMO_PASSWORD, type DemoUser, seedDemoUsers } from '../../src/identity/index.ts'
import { hashPassword } from '../../src/identity/secrets.ts'
import { createUser } from '../../src/identity/store.ts'
import { signIn, type TestBrowser } from '../../src/identity/testing.ts'
import { loadPartnershipConfig } from '../../src/partnership/config.ts'
import { DEMO_PARTNERSHIPS, startTestApp, type TestApp } from '../support/app.ts'
import { meetingsFor } from '../support/meetings.ts'

const REASON = 'Child presented at Rutland A&E tonight, checking for a plan'
const TOTP = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP'

describe('break-glass: opening a record outside one’s access, with a reason', () => {
  let t: TestApp
  let users: DemoUser[]
  let childId: string
  let screener: TestBrowser
  const url = (query = '') => `/children/${childId}${query}`

  const adminOf = async (agencyId: string) => {
    const email = `agency-admin@${agencyId}.test`
    await createUser(t.database.db, {
      agencyId,
      email,
      displayName: `Admin of ${agencyId}`,
      passwordHash: await hashPassword(DEMO_PASSWORD),
      grants: [{ role: 'agency-admin', laId: null }],
      totpSecret: TOTP,
      totpEnrolledAt: new Date(),
    })
    return signIn(t.app, { email, password: DEMO_PASSWORD, totpSecret: TOTP })
  }

  before(async () => {
    t = await startTestApp()
    users = await seedDemoUsers(t.database, await loadPartnershipConfig(DEMO_PARTNERSHIPS.llr))
    const child = await t.database.db
      .insertInto('child')
      .values({ la_id: 'leicester', la_child_id: 'BG-1', given_name: 'Ava', family_name: 'Glass', sex: 'F' })
      .returning('id')
      .executeTakeFirstOrThrow()
    childId = child.id
    const rutland = users.find((u) => u.email.startsWith('front-door-screener.rutland@')) as DemoUser
    screener = await signIn(t.app, rutland)
  })
  after(() => t.close())

  it('refuses with a page offering to open the record with a reason', async () => {
    const page = await screener.get(url())
    assert.equal(page.statusCode, 403)
    assert.match(page.body, /need-to-know/)
    assert.match(page.body, /<form method="post" action="\/children\/[^"]+"/)
    assert.match(page.body, /name="breakGlassReason"/)
    assert.match(page.body, /Why do you need to see this child’s record now\?/)
    assert.doesNotMatch(page.body, /Ava/)
    const inTheUrl = await screener.get(url(`?${new URLSearchParams({ breakGlassReason: REASON })}`))
    assert.equal(inTheUrl.statusCode, 403, 'a reason in the URL (and so in logs) opens nothing')
  })

  it('asks again, keeping what was typed, when the reason is too short', async () => {
    const page = await screener.post(url(), { breakGlassReason: 'urgent' })
    assert.equal(page.statusCode, 403)
    assert.match(page.body, /There is a problem/)
    assert.match(page.body, /href="#reason"/)
    assert.match(page.body, />urgent<\/textarea>/)
    assert.doesNotMatch(page.body, /Ava/)
  })

  it('counts no invisible characters towards the reason', async () => {
    for (const reason of [
      '\u200b'.repeat(10),
      `a${'\u200b\u00a0'.repeat(10)}b`,
      '\ufeff \u2060 \u200d \u200c \u00ad ',
    ]) {
      const page = await screener.post(url(), { breakGlassReason: reason })
      assert.equal(page.statusCode, 403, JSON.stringify(reason))
      assert.doesNotMatch(page.body, /Ava/)
    }
  })

  it('opens the record with a good reason, warning that it was break-glass', async () => {
    const page = await screener.post(url(), { breakGlassReason: REASON })
    assert.equal(page.statusCode, 200)
    assert.match(page.body, /Ava Glass/)
    assert.match(page.body, /govuk-warning-text/)
    assert.match(page.body, /by break-glass/)
  })

  it('keeps the record, its chronology and meetings open to that session for a while, each read audited with the reason', async () => {
    const chronology = await screener.get(`${url()}/chronology`)
    assert.equal(chronology.statusCode, 200, 'the chronology opens without asking again')
    assert.equal((await screener.get(url())).statusCode, 200)
    const reads = await t.database.db
      .selectFrom('audit_event')
      .select(['action', 'basis', 'break_glass_reason'])
      .where('child_id', '=', childId)
      .where('outcome', '=', 'allowed')
      .where('action', '=', 'chronology.view')
      .execute()
    assert.ok(reads.length > 0)
    for (const read of reads) {
      assert.equal(read.basis, 'break-glass')
      assert.equal(read.break_glass_reason, REASON)
    }
    // Another session of the same screener: a code is accepted once, so the app's clock moves on.
    const other = await signIn(
      t.app,
      users.find((u) => u.email.startsWith('front-door-screener.rutland@')) as DemoUser,
      new Date(Date.now() + 30_000),
    )
    assert.equal(
      (await other.get(`${url()}/chronology`)).statusCode,
      403,
      'another session must give its own reason',
    )
    await t.database.db
      .updateTable('break_glass_opening')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .execute()
    const lapsed = await screener.get(`${url()}/chronology`)
    assert.equal(lapsed.statusCode, 403, 'the opening lapses')
    assert.match(lapsed.body, /name="breakGlassReason"/, 'and the chronology offers break-glass itself')
    const reopened = await screener.post(`/children/${childId}/break-glass`, {
      breakGlassReason: REASON,
      returnTo: `${url()}/chronology`,
    })
    assert.equal(reopened.statusCode, 303)
    assert.equal(reopened.headers.location, `${url()}/chronology`)
    const outside = await screener.post(`/children/${childId}/break-glass`, {
      breakGlassReason: REASON,
      returnTo: '//evil.example/',
    })
    assert.equal(outside.headers.location, url(), 'only ever back to a page of this site')
  })

  it('shows the reason to the screener’s own agency administrator, not another agency’s', async () => {
    const own = await (await adminOf('rutland-county-council')).get('/admin/break-glass')
    assert.equal(own.statusCode, 200)
    assert.match(own.body, /checking for a plan/)
    assert.match(
      own.body,
      new RegExp(`<a class="govuk-link" href="/children/${childId}">A child’s record</a>`),
    )
    const police = users.find((u) => u.email.startsWith('agency-admin@')) as DemoUser
    const other = await (await signIn(t.app, police)).get('/admin/break-glass')
    assert.equal(other.statusCode, 200)
    assert.doesNotMatch(other.body, /checking for a plan/)
    const peek = await (await adminOf('leicester-city-council')).get(
      '/admin/break-glass?agency=rutland-county-council',
    )
    assert.equal(peek.statusCode, 403)
  })

  it('flags the opening to the child’s local authority: its front door is emailed and its safeguarding managers review it', async () => {
    const partnership = await loadPartnershipConfig(DEMO_PARTNERSHIPS.llr)
    const frontDoor = partnership.local_authorities.find((la) => la.id === 'leicester')?.front_door.email
    const emails = await t.database.db
      .selectFrom('notification_outbox')
      .select(['recipient', 'template_id', 'personalisation'])
      .where('template_id', '=', 'break-glass-opened')
      .execute()
    assert.ok(emails.length >= 1, 'an email for each opening')
    for (const email of emails) {
      assert.equal(email.recipient, frontDoor, 'to the child’s LA’s front door')
      const fields = JSON.stringify(email.personalisation)
      assert.match(fields, /Rutland County Council/, 'who opened it')
      assert.match(fields, /\/admin\/break-glass/, 'where to review it')
      assert.doesNotMatch(
        fields,
        new RegExp(`Ava|Glass|${childId}|checking for a plan`),
        'nothing of the child',
      )
    }

    const leicester = users.find((u) =>
      u.email.startsWith('safeguarding-manager@leicester-city-council'),
    ) as DemoUser
    const review = await (await signIn(t.app, leicester)).get('/admin/break-glass')
    assert.equal(review.statusCode, 200)
    assert.match(
      review.body,
      /checking for a plan/,
      'the LA’s safeguarding manager sees another agency’s opening',
    )
    assert.match(review.body, new RegExp(`href="/children/${childId}">A child’s record</a>`))
    const school = users.find((u) => u.email.startsWith('safeguarding-manager@leicester-schools')) as DemoUser
    const schoolReview = await (await signIn(t.app, school)).get('/admin/break-glass')
    assert.equal(schoolReview.statusCode, 200)
    assert.doesNotMatch(
      schoolReview.body,
      /checking for a plan/,
      'a partner agency sees only its own people’s',
    )
  })

  it('offers break-glass on each page of the child’s record and meetings, and one reason opens them all for the session', async () => {
    const bo = await t.database.db
      .insertInto('child')
      .values({ la_id: 'leicester', la_child_id: 'BG-2', given_name: 'Bo', family_name: 'Glass', sex: 'M' })
      .returning('id')
      .executeTakeFirstOrThrow()
    const meetings = await meetingsFor(t.database.db, bo.id)
    const parts = [
      `/children/${bo.id}/chronology`,
      `/children/${bo.id}/involvements`,
      `/children/${bo.id}/links`,
      meetings.strategyDiscussion,
      `${meetings.strategyDiscussion}/record`,
      `${meetings.strategyDiscussion}/record.pdf`,
      meetings.section47,
      meetings.conference,
    ]
    for (const path of parts) {
      const refused = await screener.get(path)
      assert.equal(refused.statusCode, 403, path)
      assert.match(refused.body, /name="breakGlassReason"/, `${path} offers the break-glass form`)
      assert.match(
        refused.body,
        new RegExp(`name="returnTo" value="${path}"`),
        `${path} comes back to itself`,
      )
      assert.doesNotMatch(refused.body, /Bo Glass/, path)
    }
    const opened = await screener.post(`/children/${bo.id}/break-glass`, {
      breakGlassReason: REASON,
      returnTo: `/children/${bo.id}`,
    })
    assert.equal(opened.statusCode, 303)
    for (const path of parts)
      assert.equal((await screener.get(path)).statusCode, 200, `${path} opens with the one reason`)
    const reads = await t.database.db
      .selectFrom('audit_event')
      .select(['action', 'basis', 'break_glass_reason'])
      .where('child_id', '=', bo.id)
      .where('outcome', '=', 'allowed')
      .execute()
    const actions = new Set(reads.map((read) => read.action))
    for (const action of ['child.view', 'chronology.view', 'meeting.view'])
      assert.ok(actions.has(action), action)
    for (const read of reads.filter((each) => each.basis === 'break-glass'))
      assert.equal(read.break_glass_reason, REASON)
  })

  it('counts and lists every agency’s break-glass for the partnership administrator, each agency’s own for the rest', async () => {
    const rutlandChild = await t.database.db
      .insertInto('child')
      .values({ la_id: 'rutland', la_child_id: 'BG-3', given_name: 'Cy', family_name: 'Glass', sex: 'M' })
      .returning('id')
      .executeTakeFirstOrThrow()
    const mace = users.find((u) => u.grants.some((g) => g.role === 'mace-coordinator')) as DemoUser
    const opened = await (await signIn(t.app, mace)).post(`/children/${rutlandChild.id}/break-glass`, {
      breakGlassReason: 'Seen with a missing child at the Station Hotel',
      returnTo: `/children/${rutlandChild.id}`,
    })
    assert.equal(opened.statusCode, 303)
    const { count } = await t.database.db
      .selectFrom('audit_event')
      .select((eb) => eb.fn.countAll<string>().as('count'))
      .where('break_glass_reason', 'is not', null)
      .executeTakeFirstOrThrow()
    const countOn = (body: string) => /(\d+) openings? in the last 7 days/.exec(body)?.[1]

    const partnershipAdmin = users.find((u) =>
      u.grants.some((g) => g.role === 'partnership-admin'),
    ) as DemoUser
    const admin = await signIn(t.app, partnershipAdmin)
    const home = await admin.get('/')
    assert.equal(countOn(home.body), String(count), 'every agency’s openings')
    assert.match(home.body, /href="\/admin\/break-glass\?agency=all"/)
    const every = await admin.get('/admin/break-glass?agency=all')
    assert.equal(every.statusCode, 200)
    assert.match(every.body, /Every agency in the partnership/)
    assert.match(every.body, /Seen with a missing child at the Station Hotel/)
    assert.match(every.body, /checking for a plan/)

    const police = await adminOf('leicestershire-police')
    assert.equal((await police.get('/admin/break-glass?agency=all')).statusCode, 403)
    const own = await police.get('/')
    assert.ok(Number(countOn(own.body) ?? 0) < Number(count), 'an agency administrator counts their own')
    const ownList = (await police.get('/admin/break-glass')).body
    assert.match(ownList, /Station Hotel/, 'their own agency’s opening')
    assert.doesNotMatch(ownList, /checking for a plan/, 'not another agency’s')
  })
})
