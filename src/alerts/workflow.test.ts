// Alerts on a real database (PGlite, or PostgreSQL under DATABASE_URL): a police officer involved with
// a child sees what others recorded about the child, only what the policy lets them read when they
// look, and can have an email that names no child.

import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { insertChild } from '../../test/support/child-protection.ts'
import { openTestDatabase, type TestDatabase } from '../../test/support/database.ts'
import { recordInvolvements } from '../children/index.ts'
import type { Actor } from '../platform/access/actor.ts'
import { type DomainEvent, recordEvent } from '../platform/events/event.ts'
import { chooseEmail, emailNewAlerts, markSeen, viewAlerts } from './workflow.ts'

const NOW = new Date('2026-06-10T12:00:00Z')
const origin = { ip: '127.0.0.1', requestId: 'test' }

describe('alerts', () => {
  let database: TestDatabase
  let officer: Actor
  let childId: string
  let otherChildId: string

  const event = (changes: Partial<DomainEvent>): DomainEvent => ({
    type: 'strategy.scheduled',
    childId,
    laId: 'leicester',
    agencyId: 'leicester-city-council',
    actorId: 'social-worker',
    summary: 'Strategy discussion booked for 11 June 2026',
    occurredAt: new Date('2026-06-09T10:00:00Z'),
    ...changes,
  })
  const record = (changes: Partial<DomainEvent>) =>
    database.db.transaction().execute((trx) => recordEvent(trx, event(changes)))
  const alerts = () => viewAlerts(database.db, { actor: officer, origin }, NOW)

  before(async () => {
    database = await openTestDatabase()
    const user = await database.db
      .insertInto('app_user')
      .values({
        agency_id: 'leicestershire-police',
        email: 'officer@police.example',
        display_name: 'PC Reed',
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    officer = {
      kind: 'user',
      id: user.id,
      displayName: 'PC Reed',
      agencyId: 'leicestershire-police',
      agencyKind: 'police',
      grants: [{ role: 'police-public-protection', laId: 'leicester' }],
    }
    childId = await insertChild(database, 'ALERT-1')
    otherChildId = await insertChild(database, 'ALERT-2')
    await database.db
      .transaction()
      .execute((trx) =>
        recordInvolvements(trx, [
          { childId, agencyId: 'leicestershire-police', kind: 'meeting', reason: 'invited to meeting' },
        ]),
      )
    await record({})
    await record({ type: 'cp-plan.started', summary: 'Plan started under neglect' })
    await record({ type: 'sharing.event-acknowledged', summary: 'Acknowledged' })
    await record({ type: 'cp-plan.reviewed', summary: 'Plan reviewed' })
    await record({ type: 'section47.started', sensitivity: 'health-restricted', summary: 'Health only' })
    await record({ actorId: officer.id, summary: 'The officer’s own entry' })
    await record({ childId: otherChildId, summary: 'A child the officer does not work with' })
  })
  after(() => database.dispose())

  it('shows what others recorded about the children I work with that I may read, newest first', async () => {
    const page = await alerts()
    assert.deepEqual(
      page.alerts.map((alert) => [alert.kind, alert.summary, alert.childName]),
      [
        ['Child protection plan started', 'Plan started under neglect', 'Ava Test'],
        ['Strategy discussion booked', 'Strategy discussion booked for 11 June 2026', 'Ava Test'],
      ],
    )
    assert.equal(page.newCount, 2)
  })

  it('audits the read of each child shown', async () => {
    const audited = await database.db
      .selectFrom('audit_event')
      .select(['action', 'resource_id'])
      .where('actor_id', '=', officer.id)
      .execute()
    assert.ok(audited.some((row) => row.action === 'chronology.view' && row.resource_id === childId))
    assert.ok(!audited.some((row) => row.resource_id === otherChildId))
  })

  it('marks alerts seen, so only later ones are new', async () => {
    await markSeen(database.db, officer, (await alerts()).upTo)
    await record({ type: 'conference.booked', summary: 'Conference booked' })
    const page = await alerts()
    assert.deepEqual(
      page.alerts.map((alert) => alert.isNew),
      [true, false, false],
    )
  })

  it('asks the policy when the alerts are read: a sealed record’s alerts are gone', async () => {
    await database.db.updateTable('child').set({ sensitivity: 'sealed' }).where('id', '=', childId).execute()
    assert.deepEqual((await alerts()).alerts, [])
    await database.db
      .updateTable('child')
      .set({ sensitivity: 'standard' })
      .where('id', '=', childId)
      .execute()
  })

  it('emails those who chose it once per new batch, with a count and a link but no child', async () => {
    const actorOf = async () => officer
    await chooseEmail(database.db, officer, true)
    assert.equal(await emailNewAlerts(database.db, actorOf, NOW), 0, 'nothing new since choosing')
    await record({ type: 'cp-plan.ended', summary: 'Plan ended' })
    assert.equal(await emailNewAlerts(database.db, actorOf, NOW), 1)
    assert.equal(await emailNewAlerts(database.db, actorOf, NOW), 0, 'not twice')
    const emails = await database.db
      .selectFrom('notification_outbox')
      .select(['recipient', 'template_id', 'personalisation'])
      .execute()
    assert.equal(emails.length, 1)
    assert.equal(emails[0]?.recipient, 'officer@police.example')
    const content = JSON.stringify(emails[0]?.personalisation)
    assert.match(content, /"count":"1"/)
    assert.doesNotMatch(content, /Ava|Test|Plan ended/)
  })
})
