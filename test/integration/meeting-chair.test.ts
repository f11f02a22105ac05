// Business support names the chair when booking a conference, from the people who may chair the
// child's conferences; the conference page and the diary say who chairs it.

import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { type DemoUser, seedDemoUsers } from '../../src/identity/index.ts'
import { createUser } from '../../src/identity/store.ts'
import { signIn } from '../../src/identity/testing.ts'
import { loadPartnershipConfig } from '../../src/partnership/config.ts'
import { DEMO_PARTNERSHIPS, startTestApp, type TestApp } from '../support/app.ts'
import { decidedDiscussion, insertChild } from '../support/child-protection.ts'
import { userIdOf } from '../support/meetings.ts'

// The discussion is held on Thursday 16 December 2027; the ICPC is due 15 working days on.
const HELD = '2027-12-16'

describe('the chair of a conference', () => {
  let t: TestApp
  let users: DemoUser[]
  let section47Id: string

  before(async () => {
    t = await startTestApp()
    const partnership = await loadPartnershipConfig(DEMO_PARTNERSHIPS.llr)
    users = await seedDemoUsers(t.database, partnership)
    const childId = await insertChild(t.database, 'CHAIR-1')
    await decidedDiscussion({ db: t.database.db, partnership, now: () => new Date() }, childId, {
      date: HELD,
      decision: 's47-joint',
    })
    const s47 = await t.database.db
      .selectFrom('section47_enquiry')
      .select('id')
      .where('child_id', '=', childId)
      .executeTakeFirstOrThrow()
    section47Id = s47.id
  })
  after(() => t.close())

  it('is chosen from those who may chair the child’s conferences, and named on the conference and in the diary', async () => {
    const support = await signIn(
      t.app,
      users.find((u) => u.email === 'business-support@leicester-city-council.example') as DemoUser,
    )
    const form = `/section-47/${section47Id}/conference`
    assert.match((await support.get(form)).body, /No one may chair this child’s conferences yet/)

    const chairId = (await createUser(t.database.db, {
      agencyId: 'leicester-city-council',
      email: 'conference-chair.leicester@leicester-city-council.example',
      displayName: 'Connie Chair',
      passwordHash: null,
      grants: [{ role: 'conference-chair', laId: 'leicester' }],
    })) as string
    const offered = await support.get(form)
    assert.match(offered.body, new RegExp(`value="${chairId}"`))
    const strategyChairId = await userIdOf(
      t.database.db,
      'strategy-discussion-chair@leicester-city-council.example',
    )
    assert.doesNotMatch(
      offered.body,
      new RegExp(`value="${strategyChairId}"`),
      'a strategy chair is not offered',
    )

    const booking = {
      'date-day': '5',
      'date-month': '1',
      'date-year': '2028',
      time: '10:00',
      location: 'Room 1',
      invite: ['leicester-city-council', 'leicestershire-police', 'llr-community-health'],
      'email-leicester-city-council': 'sam@leicester.example',
      'email-leicestershire-police': 'jones@police.example',
      'email-llr-community-health': 'hana@health.example',
    }
    const unnamed = await support.post(form, booking)
    assert.equal(unnamed.statusCode, 400)
    assert.match(unnamed.body, /href="#chairUserId">Select who will chair the conference/)
    assert.match(unnamed.body, /value="Room 1"/, 'keeps what was typed')
    const notAChair = await support.post(form, { ...booking, chairUserId: strategyChairId })
    assert.equal(notAChair.statusCode, 400)
    assert.match(notAChair.body, /href="#chairUserId">Select someone who may chair the conference/)

    const booked = await support.post(form, { ...booking, chairUserId: chairId })
    assert.equal(booked.statusCode, 303, booked.body)
    const page = await support.get(String(booked.headers.location))
    assert.match(page.body, /Chair\s*<\/dt>\s*<dd class="govuk-summary-list__value">\s*Connie Chair/)
    assert.match((await support.get('/diary')).body, /Chair: Connie Chair/)
  })
})
