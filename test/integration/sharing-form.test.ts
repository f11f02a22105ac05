import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { type DemoUser, seedDemoUsers } from '../../src/identity/index.ts'
import { signIn, type TestBrowser } from '../../src/identity/testing.ts'
import { loadPartnershipConfig } from '../../src/partnership/config.ts'
import { DEMO_PARTNERSHIPS, startTestApp, type TestApp } from '../support/app.ts'

const form = (changes: Record<string, string> = {}) => ({
  type: 'new-concern',
  'occurred-day': '2',
  'occurred-month': '11',
  'occurred-year': '2025',
  occurredTime: '09:30',
  nhsNumber: '943 476 5919',
  summary: 'Told a teacher she was left alone overnight.',
  sensitivity: 'standard',
  lawfulBasis: 'ukgdpr-6-1-e-art9-dpa2018-sch1-para18',
  risk: 'medium',
  ...changes,
})

/** What a page must never show a person: a pattern, a JSON pointer, an API name or a schema's own words. */
const INTERNAL = /must match|Expected|must be one of|children\[0\]|\\S|is required/

describe('the shared-event form', () => {
  let t: TestApp
  let teacher: TestBrowser

  before(async () => {
    t = await startTestApp()
    const users: DemoUser[] = await seedDemoUsers(
      t.database,
      await loadPartnershipConfig(DEMO_PARTNERSHIPS.llr),
    )
    teacher = await signIn(t.app, users.find((u) => u.grants.some((g) => g.role === 'referrer')) as DemoUser)
  })
  after(() => t.close())

  it('answers a refused shape in people’s words, linked to each field, keeping what was typed', async () => {
    const summary = 'Seen at the gate. '.repeat(30)
    const page = await teacher.post('/sharing/events', form({ summary, risk: '', 'occurred-month': '14' }))
    assert.equal(page.statusCode, 400)
    assert.match(page.body, /govuk-error-summary/)
    assert.match(page.body, /<a href="#summary">The summary must be 300 characters or fewer<\/a>/)
    assert.match(page.body, /<a href="#risk">Select the risk<\/a>/)
    assert.match(page.body, /<a href="#occurred-day">Enter the date it happened/)
    assert.ok(page.body.includes(summary.trim()), 'the typed summary is kept')
    assert.doesNotMatch(page.body, INTERNAL)
  })

  it('answers a broken rule in people’s words too', async () => {
    const page = await teacher.post(
      '/sharing/events',
      form({ nhsNumber: '', sensitivity: 'police-restricted' }),
    )
    assert.equal(page.statusCode, 400)
    assert.match(page.body, /<a href="#nhsNumber">Enter the child’s NHS number, or their given name/)
    assert.match(page.body, /<a href="#restrictedDetails">/)
    assert.doesNotMatch(page.body, INTERNAL)
  })
})
