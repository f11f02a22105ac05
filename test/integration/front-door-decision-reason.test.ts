import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { type DemoUser, seedDemoUsers } from '../../src/identity/index.ts'
import { signIn, type TestBrowser } from '../../src/identity/testing.ts'
import { loadPartnershipConfig } from '../../src/partnership/config.ts'
import { DEMO_PARTNERSHIPS, startTestApp, type TestApp } from '../support/app.ts'

describe('a model 2 decision before every agency has added its information', () => {
  let t: TestApp
  let users: DemoUser[]
  let screener: TestBrowser
  let referralId: string

  const userOf = (email: string) => users.find((u) => u.email.startsWith(email)) as DemoUser
  const decision = {
    outcome: 'cin-assessment-s17',
    levelOfNeed: '3',
    reasons: 'Repeated injuries with no clear account.',
    feedbackToReferrer: 'We are starting an assessment.',
  }
  const decide = (extra: Record<string, string> = {}) =>
    screener.post(`/referrals/${referralId}/decision`, { ...decision, ...extra })

  before(async () => {
    t = await startTestApp()
    users = await seedDemoUsers(t.database, await loadPartnershipConfig(DEMO_PARTNERSHIPS.llr))
    const teacher = await signIn(t.app, userOf('referrer@'))
    screener = await signIn(t.app, userOf('front-door-screener.leicester@'))
    const sent = await teacher.post('/referrals/new', {
      idempotencyKey: 'decision-reason-1',
      childFirstName: 'Mia',
      childLastName: 'Reasonchild',
      childPostcode: 'LE2 1AA',
      whatHappened: 'Came to school with a bruise on her arm.',
      worries: 'Second injury this term.',
      familyKnows: 'Mother knows we are referring.',
      consent: 'given',
      urgency: 'standard',
      referralSource: '2A',
      referrerName: 'Tess Teacher',
      referrerRole: 'Designated safeguarding lead',
      referrerEmail: 'dsl@school.example',
    })
    assert.equal(sent.statusCode, 303, sent.body.slice(0, 300))
    referralId = String(sent.headers.location).split('/')[2] as string
  })
  after(() => t.close())

  it('asks why, naming the agencies it waits for, and keeps what was typed', async () => {
    const page = await screener.get(`/referrals/${referralId}/decision`)
    assert.match(
      page.body,
      /Why are you deciding before Children&#39;s social care, Police, Health, Education/,
    )
    const refused = await decide()
    assert.equal(refused.statusCode, 400)
    assert.match(refused.body, /govuk-error-summary/)
    assert.match(
      refused.body,
      /href="#withoutContributionsReason">Select why you are deciding before these agencies have added their information: Children&#39;s social care, Police, Health, Education/,
    )
    assert.match(refused.body, /Repeated injuries with no clear account\./)
    const noDetail = await decide({ withoutContributionsReason: 'other', withoutContributionsDetail: '  ' })
    assert.equal(noDetail.statusCode, 400)
    assert.match(noDetail.body, /Enter why you are deciding without the other agencies’ information/)
    assert.match(noDetail.body, /value="other" checked/)
    const undecided = await t.database.db
      .selectFrom('threshold_decision')
      .select('referral_id')
      .where('referral_id', '=', referralId)
      .executeTakeFirst()
    assert.equal(undecided, undefined)
  })

  it('records the reason, on the chronology too, and shows it with the decision in words', async () => {
    const decided = await decide({
      withoutContributionsReason: 'other',
      withoutContributionsDetail: 'Police systems are down until Monday.',
    })
    assert.equal(decided.statusCode, 303, decided.body.slice(0, 2000))
    const row = await t.database.db
      .selectFrom('threshold_decision')
      .select(['without_contributions_reason', 'without_contributions_detail'])
      .where('referral_id', '=', referralId)
      .executeTakeFirstOrThrow()
    assert.deepEqual(row, {
      without_contributions_reason: 'other',
      without_contributions_detail: 'Police systems are down until Monday.',
    })
    const event = await t.database.db
      .selectFrom('domain_event')
      .select(['summary', 'payload'])
      .where('type', '=', 'threshold.decided')
      .where(({ eb, ref }) =>
        eb(eb.fn('jsonb_extract_path_text', [ref('payload'), eb.val('referralId')]), '=', referralId),
      )
      .executeTakeFirstOrThrow()
    assert.match(event.summary, /without Children's social care, Police, Health, Education: Another reason$/)
    assert.deepEqual((event.payload as Record<string, unknown>).withoutContributions, {
      reason: 'other',
      detail: 'Police systems are down until Monday.',
      missingAgencyKinds: ['local-authority', 'police', 'health', 'education'],
    })
    const shown = await screener.get(`/referrals/${referralId}/decided`)
    assert.match(
      shown.body,
      /Decided before Children&#39;s social care, Police, Health, Education added their information: another reason\. Police systems are down until Monday\./,
    )
    const referral = await screener.get(`/referrals/${referralId}`)
    assert.match(referral.body, /Decided without/)
    assert.match(referral.body, /Police systems are down until Monday\./)
  })
})
