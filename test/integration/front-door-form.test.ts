import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { type DemoUser, seedDemoUsers } from '../../src/identity/index.ts'
import { apiKeyPrefix, hashToken, newApiKey } from '../../src/identity/secrets.ts'
import { createApiClient } from '../../src/identity/store.ts'
import { signIn, type TestBrowser } from '../../src/identity/testing.ts'
import { loadPartnershipConfig } from '../../src/partnership/config.ts'
import { DEMO_PARTNERSHIPS, startTestApp, type TestApp } from '../support/app.ts'

const form = (changes: Record<string, string> = {}) => ({
  idempotencyKey: `form-${Math.random()}`,
  childFirstName: 'Ava',
  childLastName: 'Testchild',
  'childDateOfBirth-day': '2',
  'childDateOfBirth-month': '3',
  'childDateOfBirth-year': '2015',
  childPostcode: 'LE2 1AA',
  whatHappened: 'Came to school with a bruise on her cheek.',
  worries: 'Second injury this term.',
  familyKnows: 'Mother knows we are referring.',
  consent: 'given',
  urgency: 'standard',
  referralSource: '2A',
  referrerName: 'Tess Teacher',
  referrerRole: 'Designated safeguarding lead',
  referrerEmail: 'dsl@school.example',
  ...changes,
})

const body = (firstName: string) => ({
  child: { firstName, lastName: 'Testchild', postcode: 'LE2 1AA' },
  whatHappened: 'Came to school with a bruise on her cheek.',
  worries: 'Second injury this term.',
  familyKnows: 'Mother knows we are referring.',
  consent: 'given',
  urgency: 'standard',
  referralSource: '2A',
  referrer: { name: 'Tess Teacher', role: 'DSL', email: 'dsl@school.example' },
})

/** What a page must never show a person: a pattern, a JSON pointer or a schema's own words. */
const INTERNAL = /must match pattern|Expected|\/child\/|child\.firstName|\^\[|\\S/

describe('the referral form runs the API’s schema', () => {
  let t: TestApp
  let teacher: TestBrowser
  let apiKey: string
  const referralCount = async () =>
    Number(
      (
        await t.database.db
          .selectFrom('referral')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    )

  before(async () => {
    t = await startTestApp()
    const users: DemoUser[] = await seedDemoUsers(
      t.database,
      await loadPartnershipConfig(DEMO_PARTNERSHIPS.llr),
    )
    teacher = await signIn(t.app, users.find((u) => u.grants.some((g) => g.role === 'referrer')) as DemoUser)
    apiKey = newApiKey()
    await createApiClient(t.database.db, {
      agencyId: 'leicester-schools',
      name: 'school system',
      keyPrefix: apiKeyPrefix(apiKey),
      keyHash: hashToken(apiKey),
      scopes: ['contacts:write'],
    })
  })
  after(() => t.close())

  it('refuses a 5,000-character first name on the form, in the error summary, keeping what was typed', async () => {
    const before = await referralCount()
    const page = await teacher.post(
      '/referrals/new',
      form({ childFirstName: 'A'.repeat(5_000), worries: 'Typed worries stay on the page.' }),
    )
    assert.equal(page.statusCode, 400)
    assert.match(page.body, /govuk-error-summary/)
    assert.match(page.body, /<a href="#childFirstName">First name must be 200 characters or fewer<\/a>/)
    assert.match(page.body, /govuk-error-message[\s\S]*First name must be 200 characters or fewer/)
    assert.ok(page.body.includes('A'.repeat(5_000)), 'the typed first name is kept')
    assert.ok(page.body.includes('Typed worries stay on the page.'), 'the other answers are kept')
    assert.doesNotMatch(page.body, INTERNAL)
    assert.equal(await referralCount(), before, 'nothing was stored')
  })

  it('refuses the same first name from the API with a 400 naming the field', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/referrals',
      headers: { authorization: `Bearer ${apiKey}`, 'idempotency-key': 'too-long-first-name' },
      payload: body('A'.repeat(5_000)),
    })
    assert.equal(response.statusCode, 400, response.body)
    const error = response.json()
    assert.equal(error.field, 'child.firstName')
    assert.match(error.message, /child\.firstName/)
  })

  it('names each missing answer in people’s words, linking to its field, and a date to its day', async () => {
    const page = await teacher.post(
      '/referrals/new',
      form({
        childFirstName: '  ',
        consent: '',
        'childDateOfBirth-day': '31',
        'childDateOfBirth-month': '2',
      }),
    )
    assert.equal(page.statusCode, 400)
    assert.match(page.body, /<a href="#childFirstName">Enter the child’s first name<\/a>/)
    assert.match(page.body, /<a href="#childDateOfBirth-day">Date of birth must be a real date<\/a>/)
    assert.match(page.body, /<a href="#consent">Select whether the family has agreed to this referral<\/a>/)
    const summary = page.body.slice(page.body.indexOf('govuk-error-summary'))
    assert.ok(
      summary.indexOf('#childFirstName') < summary.indexOf('#childDateOfBirth-day') &&
        summary.indexOf('#childDateOfBirth-day') < summary.indexOf('#consent'),
      'the summary lists problems in the order the form asks',
    )
    assert.doesNotMatch(page.body, INTERNAL)
  })
})
