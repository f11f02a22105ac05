import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { type DemoUser, seedDemoUsers } from '../../src/identity/index.ts'
import { signIn, type TestBrowser } from '../../src/identity/testing.ts'
import { loadPartnershipConfig } from '../../src/partnership/config.ts'
import { loadThresholdContent } from '../../src/threshold/content.ts'
import { suggestLevel } from '../../src/threshold/rules.ts'
import { DEMO_PARTNERSHIPS, startTestApp, type TestApp } from '../support/app.ts'

describe('attaching a threshold tool result to a referral', () => {
  let t: TestApp
  let teacher: TestBrowser
  const indicators = ['cd-2-health', 'pc-3-neglect']

  before(async () => {
    t = await startTestApp()
    const users: DemoUser[] = await seedDemoUsers(
      t.database,
      await loadPartnershipConfig(DEMO_PARTNERSHIPS.llr),
    )
    teacher = await signIn(t.app, users.find((u) => u.grants.some((g) => g.role === 'referrer')) as DemoUser)
  })
  after(() => t.close())

  const url = (level: number | string) =>
    `/referrals/new?threshold_level=${level}&threshold_indicators=${indicators.join(',')}`

  it('carries the suggested level from the tool into the referral', async () => {
    const { level } = suggestLevel(indicators, await loadThresholdContent())
    const form = await teacher.get(url(level))
    assert.equal(form.statusCode, 200)
    assert.match(form.body, /threshold tool result is attached/)

    const sent = await teacher.post('/referrals/new', {
      idempotencyKey: 'threshold-attach-1',
      thresholdLevel: String(level),
      thresholdIndicators: indicators.join(','),
      childFirstName: 'Ada',
      childLastName: 'Sample',
      'childDateOfBirth-day': '2',
      'childDateOfBirth-month': '3',
      'childDateOfBirth-year': '2015',
      childPostcode: 'LE2 1AA',
      whatHappened: 'Came to school hungry every day this week.',
      worries: 'No coat in winter; younger siblings at home alone.',
      familyKnows: 'Mother knows we are referring.',
      consent: 'given',
      urgency: 'standard',
      referralSource: '2A',
      referrerName: 'Test Teacher',
      referrerRole: 'Designated safeguarding lead',
      referrerEmail: 'dsl@school.example',
    })
    assert.equal(sent.statusCode, 303, sent.body.slice(0, 300))
    const referral = await t.database.db
      .selectFrom('referral')
      .select('threshold_result')
      .where('idempotency_key', '=', 'threshold-attach-1')
      .executeTakeFirstOrThrow()
    assert.deepEqual(referral.threshold_result, { level, indicatorIds: indicators })
  })

  it('ignores a level that the indicators do not support', async () => {
    const form = await teacher.get(url(1))
    assert.equal(form.statusCode, 200)
    assert.doesNotMatch(form.body, /threshold tool result is attached/)
  })
})
