// The rapid review's parts and recommendations over HTTP on PGlite, as the reviews lead uses them: the
// invitation offers the day the parts are due already filled in, a wrong day is told on the error
// summary with the ticked agencies kept, the queue and the incident show who is late, another day is
// given to a late agency, and a recommendation past its due date shows as overdue on the lead's lists.

import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { openTestDatabase, type TestDatabase } from '../../test/support/database.ts'
import { dateFields } from '../../test/support/forms.ts'
import { type App, buildApp } from '../app.ts'
import { type DemoUser, seedDemoUsers } from '../identity/index.ts'
import { signIn, type TestBrowser } from '../identity/testing.ts'
import { loadPartnershipConfig } from '../partnership/config.ts'

const LLR = new URL('../../config/partnerships/llr.yaml', import.meta.url).pathname
const POLICE = 'leicestershire-police'
const SCHOOL = 'leicester-schools'

describe('a rapid review’s parts and recommendations, as the reviews lead sees them', () => {
  let database: TestDatabase
  let app: App
  let clock = new Date('2026-12-14T10:00:00Z') // a Monday
  let lead: TestBrowser
  let policeManager: TestBrowser
  let incidentId: string

  before(async () => {
    const partnership = await loadPartnershipConfig(LLR)
    database = await openTestDatabase()
    app = await buildApp({ database, partnership, logLevel: 'error', now: () => clock })
    const demo = await seedDemoUsers(database, partnership)
    const holder = (role: string, agencyId?: string) =>
      demo.find(
        (u) => u.grants.some((g) => g.role === role) && (!agencyId || u.agencyId === agencyId),
      ) as DemoUser
    lead = await signIn(app, holder('review-lead'))
    policeManager = await signIn(app, holder('safeguarding-manager', POLICE))
    const child = await database.db
      .insertInto('child')
      .values({
        la_id: 'leicester',
        la_child_id: 'SI-PARTS-1',
        given_name: 'Rowan',
        family_name: 'Harbottle',
        sex: 'M',
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    const recorded = await lead.post(`/children/${child.id}/serious-incidents`, {
      ...dateFields('learnedOn', '2026-12-14'),
      abuseOrNeglect: 'suspected',
      harm: 'seriously-harmed',
      whatHappened: 'Admitted to hospital with unexplained injuries (synthetic).',
    })
    incidentId = /\/reviews\/([0-9a-f-]{36})/.exec(String(recorded.headers.location))?.[1] as string
    await lead.post(`/reviews/${incidentId}/decision`, { decision: 'notify', decisionReason: 'Criteria met' })
    clock = new Date('2026-12-15T10:00:00Z')
    await lead.post(`/reviews/${incidentId}/notified`, dateFields('notifiedOn', '2026-12-15'))
  })
  after(async () => {
    await app.close()
    await database.dispose()
  })

  it('offers the day the parts are due, and tells a wrong one on the error summary keeping the ticks', async () => {
    clock = new Date('2026-12-16T10:00:00Z')
    const page = await lead.get(`/reviews/${incidentId}`)
    assert.match(page.body, /When are their parts due\?/)
    assert.match(page.body, /name="dueOn-day"[^>]*value="24"/, 'filled in: Thursday 24 December')
    const wrong = await lead.post(`/reviews/${incidentId}/invite`, {
      agencyIds: [POLICE, SCHOOL],
      ...dateFields('dueOn', '2027-01-11'),
    })
    assert.equal(wrong.statusCode, 400)
    assert.match(wrong.body, /There is a problem/)
    assert.match(wrong.body, /Enter a date on or before the day the rapid review is due/)
    assert.match(wrong.body, new RegExp(`value="${POLICE}" checked`))
    const invited = await lead.post(`/reviews/${incidentId}/invite`, {
      agencyIds: [POLICE, SCHOOL],
      ...dateFields('dueOn', '2026-12-24'),
    })
    assert.equal(invited.statusCode, 303)
    const own = await policeManager.get(`/reviews/${incidentId}`)
    assert.match(own.body, /Due by 24 December 2026/)
  })

  it('shows the reviews lead who is late on the queue and the incident, not the invited agency', async () => {
    await policeManager.post(`/reviews/${incidentId}/part`, {
      chronology: 'Police visits (synthetic).',
      immediateLearning: 'Share sooner.',
    })
    clock = new Date('2026-12-29T10:00:00Z')
    const queue = await lead.get('/reviews')
    assert.match(
      queue.body,
      /Late to contribute<\/strong> <span class="govuk-body-s">Leicester schools<\/span>/,
    )
    const incident = await lead.get(`/reviews/${incidentId}`)
    assert.match(incident.body, /Late to contribute: Leicester schools/)
    assert.match(incident.body, /Leicester schools: not yet given, due by 24 December 2026/)
    assert.doesNotMatch((await policeManager.get('/reviews')).body, /Late to contribute/)
  })

  it('gives a late agency another day, the agency chosen from those yet to give their part', async () => {
    const page = await lead.get(`/reviews/${incidentId}`)
    assert.deepEqual(
      page.body.match(/id="(dueOn|newDueOn)"/g),
      ['id="dueOn"', 'id="newDueOn"'],
      'the two forms’ dates have ids of their own',
    )
    const missing = await lead.post(`/reviews/${incidentId}/part-due`, dateFields('newDueOn', '2027-01-05'))
    assert.equal(missing.statusCode, 400)
    assert.match(missing.body, /There is a problem/)
    assert.match(missing.body, /Select an invited agency that has not yet given its part/)
    const moved = await lead.post(`/reviews/${incidentId}/part-due`, {
      agencyId: SCHOOL,
      ...dateFields('newDueOn', '2027-01-05'),
    })
    assert.equal(moved.statusCode, 303)
    const incident = await lead.get(`/reviews/${incidentId}?recorded=part-due`)
    assert.match(incident.body, /Its reminders start again/)
    assert.doesNotMatch(incident.body, /Late to contribute/)
  })

  it('marks a recommendation past its due date overdue on the incident, the progress view and the queue', async () => {
    await lead.post(`/reviews/${incidentId}/record`, {
      facts: 'Facts',
      immediateActions: 'Safety plan',
      learning: 'Learning',
      lcspr: 'not-recommended',
      lcsprReason: 'In hand',
    })
    await lead.post(`/reviews/${incidentId}/recommendations`, {
      description: 'Schools to train staff on neglect',
      ownerAgencyId: SCHOOL,
      ...dateFields('dueBy', '2026-12-31'),
    })
    clock = new Date('2027-01-05T10:00:00Z')
    assert.match((await lead.get(`/reviews/${incidentId}`)).body, /govuk-tag--red">Overdue</)
    const progress = await lead.get('/reviews/recommendations')
    assert.match(progress.body, /overdue: 1/)
    assert.match(progress.body, /govuk-tag--red">Overdue</)
    assert.match((await lead.get('/reviews')).body, /1 recommendation overdue/)
  })
})
