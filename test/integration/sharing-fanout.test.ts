import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { createUser, deactivateUser } from '../../src/identity/store.ts'
import { createSubscription } from '../../src/platform/webhooks/store.ts'
import { apiKeyFor, policeEvent, type SeededChild, seedChildren } from '../../src/sharing/testing.ts'
import { startTestApp, type TestApp } from '../support/app.ts'

const POLICE = 'leicestershire-police'
const LA = 'leicester-city-council'
const SCHOOL = 'leicester-schools'
const HEALTH_VISITING = 'llr-community-health'
const RESTRICTED = 'Intelligence: neighbour report of repeated incidents'
// Friday 6 November 2026, noon: acknowledgements are due by the end of Monday 9 November.
const FRIDAY_NOON = new Date('2026-11-06T12:00:00Z')

describe('fan-out, acknowledgement and escalation', () => {
  let t: TestApp
  let child: SeededChild
  const keys: Record<string, string> = {}
  let now = FRIDAY_NOON
  const post = (url: string, key: string, payload: unknown) =>
    t.app.inject({
      method: 'POST',
      url,
      headers: { authorization: `Bearer ${key}` },
      payload: payload as object,
    })

  before(async () => {
    t = await startTestApp()
    t.app.sharing.now = () => now
    const db = t.database.db
    ;[child] = (await seedChildren(db, 1, {
      laId: 'leicester',
      involvedAgencyIds: [SCHOOL, HEALTH_VISITING],
    })) as [SeededChild]
    // Unrelated children known to others must not widen the fan-out.
    await seedChildren(db, 3, { laId: 'rutland', involvedAgencyIds: ['rutland-schools'], from: 10 })
    keys[POLICE] = await apiKeyFor(db, POLICE, ['events:write', 'events:read'])
    for (const agency of [LA, SCHOOL, HEALTH_VISITING])
      keys[agency] = await apiKeyFor(db, agency, ['events:read'])
    await createUser(db, {
      agencyId: SCHOOL,
      email: 'head@leicester-schools.example',
      displayName: 'School manager',
      passwordHash: null,
      grants: [{ role: 'agency-admin', laId: null }],
    })
    await createUser(db, {
      agencyId: SCHOOL,
      email: 'dsl@leicester-schools.example',
      displayName: 'School DSL',
      passwordHash: null,
      grants: [{ role: 'referrer', laId: 'leicester' }],
    })
    process.env.SHARING_TEST_SECRET = 'shh'
    await createSubscription(db, {
      agencyId: SCHOOL,
      url: 'http://127.0.0.1:9/hook',
      secretRef: 'env:SHARING_TEST_SECRET',
      eventTypes: ['sharing.arrest'],
    })
  })
  after(() => t.close())

  const notificationsOf = (eventId: string) =>
    t.database.db
      .selectFrom('sharing_notification')
      .selectAll()
      .where('event_id', '=', eventId)
      .orderBy('agency_id')
      .execute()

  let eventId = ''

  it('reaches exactly the child’s LA, school and health visitor', async () => {
    const answer = (
      await post('/api/v1/shared-events', keys[POLICE] as string, [policeEvent('P-1', child.nhsNumber)])
    ).json()
    eventId = answer.results[0].id
    const notifications = await notificationsOf(eventId)
    assert.deepEqual(
      notifications.map((n) => n.agency_id),
      [LA, SCHOOL, HEALTH_VISITING].sort(),
    )
    assert.ok(
      notifications.every((n) => n.sees_restricted === false),
      'no partner reads police-restricted details',
    )
  })

  it('keeps police-restricted details from partners in their inbox, webhook and email', async () => {
    await t.app.sharing.dispatch()
    const delivery = await t.database.db
      .selectFrom('webhook_delivery')
      .select('body')
      .executeTakeFirstOrThrow()
    assert.match(delivery.body, /arrested on suspicion/)
    assert.doesNotMatch(delivery.body, /neighbour report/)
    const emails = await t.database.db
      .selectFrom('notification_outbox')
      .select(['recipient', 'personalisation'])
      .execute()
    assert.deepEqual(
      emails.map((e) => e.recipient),
      ['dsl@leicester-schools.example'],
    )
    assert.doesNotMatch(
      JSON.stringify(emails),
      /neighbour|arrest/i,
      'emails carry a count and a link, no personal data',
    )
    const events = await t.database.db.selectFrom('shared_event_restricted').select('details').execute()
    assert.deepEqual(
      events.map((e) => e.details),
      [RESTRICTED],
      'held for police',
    )
  })

  it('records each agency’s acknowledgement once, and on the child’s chronology', async () => {
    for (const agency of [LA, SCHOOL, HEALTH_VISITING]) {
      const notification = (await notificationsOf(eventId)).find((n) => n.agency_id === agency)
      const url = `/api/v1/shared-events/notifications/${notification?.id}/acknowledgement`
      const first = await post(url, keys[agency] as string, { reference: `${agency}-REF-1` })
      assert.equal(first.statusCode, 200, first.body)
      assert.equal(first.json().acknowledged, true)
      const again = await post(url, keys[agency] as string, { reference: 'other' })
      assert.equal(again.json().acknowledged, false)
    }
    const acknowledged = await notificationsOf(eventId)
    assert.ok(acknowledged.every((n) => n.acknowledged_at && n.own_record_reference?.endsWith('REF-1')))
    const chronology = await t.database.db
      .selectFrom('domain_event')
      .select(['type', 'agency_id'])
      .where('child_id', '=', child.id)
      .orderBy('seq')
      .execute()
    assert.deepEqual(
      chronology.map((e) => e.type),
      [
        'sharing.event-shared',
        'sharing.event-acknowledged',
        'sharing.event-acknowledged',
        'sharing.event-acknowledged',
      ],
    )
  })

  it('refuses to acknowledge another agency’s notification', async () => {
    const notification = (await notificationsOf(eventId)).find((n) => n.agency_id === SCHOOL)
    const url = `/api/v1/shared-events/notifications/${notification?.id}/acknowledgement`
    const response = await post(url, keys[LA] as string, { note: 'not ours' })
    assert.equal(response.statusCode, 404)
  })

  it('makes an unacknowledged event overdue after the next working day and escalates it once', async () => {
    now = FRIDAY_NOON
    const answer = (
      await post('/api/v1/shared-events', keys[POLICE] as string, [policeEvent('P-2', child.nhsNumber)])
    ).json()
    const [notification] = (await notificationsOf(answer.results[0].id)).filter((n) => n.agency_id === SCHOOL)
    assert.equal(notification?.due_at.toISOString(), '2026-11-10T00:00:00.000Z')
    now = new Date('2026-11-09T23:59:00Z')
    assert.equal(await t.app.sharing.escalate(), 0, 'still due on Monday')
    now = new Date('2026-11-10T00:00:00Z')
    assert.equal(await t.app.sharing.escalate(), 3, 'overdue on Tuesday for all three agencies')
    assert.equal(await t.app.sharing.escalate(), 0, 'escalated once')
    // The school has no safeguarding manager yet, so its administrator is asked to name one.
    const escalation = await t.database.db
      .selectFrom('sharing_escalation')
      .selectAll()
      .where('agency_id', '=', SCHOOL)
      .executeTakeFirstOrThrow()
    assert.deepEqual(escalation.manager_emails, ['head@leicester-schools.example'])
    const managerEmail = await t.database.db
      .selectFrom('notification_outbox')
      .select('template_id')
      .where('recipient', '=', 'head@leicester-schools.example')
      .execute()
    assert.deepEqual(
      managerEmail.map((e) => e.template_id),
      ['sharing-overdue-no-manager'],
      'not a link to events the administrator may not open',
    )
  })

  it('marks each notification it escalates, and only marks one a previous release escalated', async () => {
    now = FRIDAY_NOON
    const answer = (
      await post('/api/v1/shared-events', keys[POLICE] as string, [policeEvent('P-2b', child.nhsNumber)])
    ).json()
    const notifications = await notificationsOf(answer.results[0].id)
    // The school's, whose administrator would be emailed again if it were escalated again.
    const byOldRelease = notifications.find((n) => n.agency_id === SCHOOL)
    const rest = notifications.filter((n) => n !== byOldRelease)
    assert.ok(byOldRelease && rest.length > 0)
    // As a server of the previous release escalated it: an escalation row, the notification unmarked.
    await t.database.db
      .insertInto('sharing_escalation')
      .values({
        notification_id: byOldRelease.id,
        agency_id: byOldRelease.agency_id,
        escalated_at: new Date('2026-11-10T00:00:00Z'),
        manager_emails: ['earlier@example.org'],
      })
      .execute()
    now = new Date('2026-11-10T00:00:30Z')
    assert.equal(await t.app.sharing.escalate(), rest.length, 'the others are escalated now')
    const marked = await t.database.db
      .selectFrom('sharing_notification')
      .select(['id', 'escalated_at'])
      .where('event_id', '=', answer.results[0].id)
      .execute()
    assert.deepEqual(
      new Map(marked.map((n) => [n.id, n.escalated_at?.toISOString()])),
      new Map(
        notifications.map((n) => [
          n.id,
          n.id === byOldRelease.id ? '2026-11-10T00:00:00.000Z' : '2026-11-10T00:00:30.000Z',
        ]),
      ),
    )
    const told = await t.database.db
      .selectFrom('notification_outbox')
      .select('reference')
      .where('reference', '=', `sharing-overdue-${SCHOOL}-2026-11-10T00:00:30.000Z`)
      .execute()
    assert.deepEqual(told, [], 'no email again about the one escalated before')
  })

  it('gives a high-risk event 24 clock hours', async () => {
    now = FRIDAY_NOON
    const answer = (
      await post('/api/v1/shared-events', keys[POLICE] as string, [
        policeEvent('P-3', child.nhsNumber, { risk: 'high' }),
      ])
    ).json()
    const [notification] = await notificationsOf(answer.results[0].id)
    assert.equal(notification?.due_at.toISOString(), '2026-11-07T12:00:00.000Z')
  })

  it('escalates to the agency’s active safeguarding managers, not its administrator, once it has one', async () => {
    const db = t.database.db
    const manager = (email: string) =>
      createUser(db, {
        agencyId: SCHOOL,
        email,
        displayName: 'School safeguarding manager',
        passwordHash: null,
        grants: [{ role: 'safeguarding-manager', laId: 'leicester' }],
      })
    await manager('safeguarding@leicester-schools.example')
    await deactivateUser(db, (await manager('left@leicester-schools.example')) as string, now)
    now = FRIDAY_NOON
    const answer = (
      await post('/api/v1/shared-events', keys[POLICE] as string, [policeEvent('P-4', child.nhsNumber)])
    ).json()
    const [notification] = (await notificationsOf(answer.results[0].id)).filter((n) => n.agency_id === SCHOOL)
    now = new Date('2026-11-10T09:00:00Z')
    assert.ok((await t.app.sharing.escalate()) > 0)
    const escalation = await db
      .selectFrom('sharing_escalation')
      .selectAll()
      .where('notification_id', '=', notification?.id as string)
      .executeTakeFirstOrThrow()
    assert.deepEqual(escalation.manager_emails, ['safeguarding@leicester-schools.example'])
    const overdueEmails = await db
      .selectFrom('notification_outbox')
      .select('recipient')
      .where('template_id', '=', 'sharing-overdue')
      .orderBy('recipient')
      .execute()
    assert.deepEqual(
      overdueEmails.map((e) => e.recipient),
      ['safeguarding@leicester-schools.example'],
      'the manager is sent to the dashboard; the administrator is not',
    )
  })
})
