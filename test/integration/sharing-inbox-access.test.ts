// The inbox lists only what the viewer may open, each entry through the guard and audited; the
// sender's own event page is audited too.

import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { sql } from 'kysely'
import { DEMO_PASSWORD } from '../../src/identity/index.ts'
import { findUserByEmail } from '../../src/identity/store.ts'
import { signIn, type TestBrowser } from '../../src/identity/testing.ts'
import type { Role } from '../../src/platform/access/actor.ts'
import { apiKeyFor, policeEvent, type SeededChild, seedChildren } from '../../src/sharing/testing.ts'
import { startTestApp, type TestApp } from '../support/app.ts'
import { enrolUser } from '../support/people.ts'

const SCHOOL = 'leicester-schools'
const SUMMARY = 'Adult in the household arrested on suspicion of assault'

describe('who sees an inbox entry, and the audit of it', () => {
  let t: TestApp
  let child: SeededChild
  let dsl: TestBrowser
  let otherTeacher: TestBrowser
  let notificationId: string
  let eventId: string

  const person = async (agencyId: string, email: string, role: Role, laId: string | null) => {
    const totpSecret = await enrolUser(t.database.db, {
      agencyId,
      email,
      displayName: email,
      grants: [{ role, laId }],
    })
    return signIn(t.app, { email, password: DEMO_PASSWORD, totpSecret })
  }

  const audit = (detailKey: string) =>
    sql<{ action: string; outcome: string; child_id: string; actor_id: string }>`
      SELECT action, outcome, child_id, actor_id FROM audit_event WHERE detail ? ${detailKey}
      ORDER BY seq`
      .execute(t.database.db)
      .then((result) => result.rows)

  before(async () => {
    t = await startTestApp()
    ;[child] = (await seedChildren(t.database.db, 1, {
      laId: 'leicester',
      involvedAgencyIds: ['llr-community-health'],
    })) as [SeededChild]
    dsl = await person(SCHOOL, 'dsl@leicester-schools.example', 'referrer', 'leicester')
    otherTeacher = await person(SCHOOL, 'teacher@leicester-schools.example', 'referrer', 'leicester')
    // The school's DSL is the child's named contact there; the other teacher has nothing to do with him.
    const dslUser = await findUserByEmail(t.database.db, 'dsl@leicester-schools.example')
    await t.database.db
      .insertInto('child_involvement')
      .values({
        child_id: child.id,
        agency_id: SCHOOL,
        user_id: dslUser?.id ?? null,
        kind: 'added-by-la',
        reason: 'school',
      })
      .execute()
    const police = await apiKeyFor(t.database.db, 'leicestershire-police', ['events:write'])
    const answer = await t.app.inject({
      method: 'POST',
      url: '/api/v1/shared-events',
      headers: { authorization: `Bearer ${police}` },
      payload: [policeEvent('INBOX-1', child.nhsNumber)],
    })
    eventId = answer.json().results[0].id
    const notification = await t.database.db
      .selectFrom('sharing_notification')
      .select('id')
      .where('event_id', '=', eventId)
      .where('agency_id', '=', SCHOOL)
      .executeTakeFirstOrThrow()
    notificationId = notification.id
  })
  after(() => t.close())

  it('lists the entry for someone who may open it, and audits that they were shown it', async () => {
    const inbox = await dsl.get('/sharing/inbox')
    assert.equal(inbox.statusCode, 200)
    assert.match(inbox.body, new RegExp(SUMMARY))
    assert.equal((await dsl.get(`/sharing/inbox/${notificationId}`)).statusCode, 200)
    const dslUser = await findUserByEmail(t.database.db, 'dsl@leicester-schools.example')
    assert.deepEqual(await audit('list'), [
      { action: 'event.view', outcome: 'allowed', child_id: child.id, actor_id: dslUser?.id },
    ])
  })

  it('does not list the entry for someone the item would refuse, and audits the refusal', async () => {
    assert.equal((await otherTeacher.get(`/sharing/inbox/${notificationId}`)).statusCode, 404)
    const inbox = await otherTeacher.get('/sharing/inbox?show=all')
    assert.equal(inbox.statusCode, 200)
    assert.doesNotMatch(inbox.body, new RegExp(SUMMARY))
    assert.match(inbox.body, /Nothing to show/)
    // A week on, the entry is overdue: the DSL's dashboard lists it, the other teacher's does not.
    const realNow = t.app.sharing.now
    t.app.sharing.now = () => new Date(Date.now() + 7 * 86_400_000)
    assert.match((await dsl.get('/sharing/dashboard')).body, new RegExp(SUMMARY))
    assert.doesNotMatch((await otherTeacher.get('/sharing/dashboard')).body, new RegExp(SUMMARY))
    t.app.sharing.now = realNow
    const teacher = await findUserByEmail(t.database.db, 'teacher@leicester-schools.example')
    const entries = (await audit('list')).filter((entry) => entry.actor_id === teacher?.id)
    assert.ok(entries.length >= 1)
    for (const entry of entries)
      assert.deepEqual(entry, { ...entry, action: 'event.view', outcome: 'denied' })
  })

  it('audits the sender’s look at their own event, which does not say who was told', async () => {
    const officer = await person(
      'leicestershire-police',
      'officer@police.example',
      'police-public-protection',
      null,
    )
    const page = await officer.get(`/sharing/events/${eventId}`)
    assert.equal(page.statusCode, 200, page.body.slice(0, 300))
    assert.match(page.body, new RegExp(SUMMARY))
    assert.doesNotMatch(page.body, /Leicester schools|Leicester City Council|LLR community health/i)
    const officerUser = await findUserByEmail(t.database.db, 'officer@police.example')
    assert.deepEqual(await audit('read'), [
      { action: 'event.view', outcome: 'allowed', child_id: child.id, actor_id: officerUser?.id },
    ])
  })
})
