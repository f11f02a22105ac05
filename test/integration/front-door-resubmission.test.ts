import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { type DemoUser, seedDemoUsers } from '../../src/identity/index.ts'
import { signIn, type TestBrowser } from '../../src/identity/testing.ts'
import { loadPartnershipConfig } from '../../src/partnership/config.ts'
import { DEMO_PARTNERSHIPS, startTestApp, type TestApp } from '../support/app.ts'

describe('the same referral sent twice within minutes', () => {
  let t: TestApp
  let users: DemoUser[]
  let teacher: TestBrowser
  let otherTeacher: TestBrowser

  const userOf = (email: string) => users.find((u) => u.email.startsWith(email)) as DemoUser
  const referral = (idempotencyKey: string, extra: Record<string, string> = {}) => ({
    idempotencyKey,
    childFirstName: 'Noah',
    childLastName: 'Twicechild',
    'childDateOfBirth-day': '4',
    'childDateOfBirth-month': '5',
    'childDateOfBirth-year': '2016',
    childPostcode: 'LE2 1AA',
    whatHappened: 'Said he was hit at home.',
    worries: 'Flinches when adults move quickly.',
    familyKnows: 'Nothing yet.',
    consent: 'given',
    urgency: 'standard',
    referralSource: '2A',
    referrerName: 'Tess Teacher',
    referrerRole: 'Designated safeguarding lead',
    referrerEmail: 'dsl@school.example',
    ...extra,
  })
  const sentId = (response: { headers: Record<string, unknown> }) =>
    String(response.headers.location).split('/')[2] as string
  const countReferrals = async () =>
    (
      await t.database.db
        .selectFrom('referral')
        .select(({ fn }) => fn.countAll<number>().as('n'))
        .where('child_last_name', '=', 'Twicechild')
        .executeTakeFirstOrThrow()
    ).n

  before(async () => {
    t = await startTestApp()
    users = await seedDemoUsers(t.database, await loadPartnershipConfig(DEMO_PARTNERSHIPS.llr))
    teacher = await signIn(t.app, userOf('referrer@'))
    otherTeacher = await signIn(t.app, userOf('front-door-screener.leicester@'))
  })
  after(() => t.close())

  it('warns, links to the first and keeps what was typed; sending it anyway stores the second', async () => {
    const first = await teacher.post('/referrals/new', referral('twice-1'))
    assert.equal(first.statusCode, 303, first.body.slice(0, 300))
    const firstId = sentId(first)
    const again = await teacher.post('/referrals/new', referral('twice-2', { worries: 'Typed again' }))
    assert.equal(again.statusCode, 200)
    assert.match(again.body, /You sent a referral about this child a few minutes ago/)
    assert.match(again.body, new RegExp(`href="/referrals/${firstId}/sent"`))
    assert.match(again.body, /name="sendAnyway" value="yes"/)
    assert.match(again.body, /Send it anyway/)
    assert.match(again.body, /Typed again/)
    assert.equal(Number(await countReferrals()), 1)
    const anyway = await teacher.post('/referrals/new', referral('twice-2', { sendAnyway: 'yes' }))
    assert.equal(anyway.statusCode, 303)
    assert.notEqual(sentId(anyway), firstId)
    assert.equal(Number(await countReferrals()), 2)
  })

  it('knows the child by NHS number too, and never by another sender’s referral', async () => {
    const nhs = {
      childNhsNumber: '943 476 5919',
      'childDateOfBirth-day': '',
      'childDateOfBirth-month': '',
      'childDateOfBirth-year': '',
    }
    const mine = await otherTeacher.post(
      '/referrals/new',
      referral('nhs-1', { ...nhs, childFirstName: 'Noa' }),
    )
    assert.equal(mine.statusCode, 303, mine.body.match(/govuk-error-summary__list[\s\S]*?<\/ul>/)?.[0])
    const again = await otherTeacher.post(
      '/referrals/new',
      referral('nhs-2', { ...nhs, childFirstName: 'Noah' }),
    )
    assert.equal(again.statusCode, 200)
    assert.match(again.body, new RegExp(`href="/referrals/${sentId(mine)}/sent"`))
    const someoneElse = await teacher.post(
      '/referrals/new',
      referral('nhs-3', { ...nhs, childFirstName: 'Noa' }),
    )
    assert.equal(someoneElse.statusCode, 303, 'another sender’s referral is not theirs to see')
  })
})
