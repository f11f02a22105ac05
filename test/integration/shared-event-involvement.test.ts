// Issue 19: a shared event involves the agencies it reaches with the child it is about, the sender
// and the receivers, but only where the child was matched on more than an identifier.

import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { apiKeyFor, syntheticNhsNumber } from '../../src/sharing/testing.ts'
import { DEMO_PARTNERSHIPS, startTestApp, type TestApp } from '../support/app.ts'

const POLICE = 'leicestershire-police'
const SCHOOL = 'leicester-schools'
const HEALTH = 'llr-community-health'

describe('shared events involve their receivers with a child matched on more than an identifier', () => {
  let t: TestApp
  let key: string
  let serial = 0

  before(async () => {
    t = await startTestApp(DEMO_PARTNERSHIPS.llr)
    key = await apiKeyFor(t.database.db, POLICE, ['events:write'])
  })
  after(() => t.close())

  async function child(givenName: string, involved: string[]) {
    serial += 1
    const nhsNumber = syntheticNhsNumber(9100 + serial)
    const row = await t.database.db
      .insertInto('child')
      .values({
        la_id: 'leicester',
        la_child_id: `SEI-${serial}`,
        given_name: givenName,
        family_name: 'Sharedevent',
        date_of_birth: '2014-05-06',
        sex: 'F',
        nhs_number: nhsNumber,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    for (const agency_id of involved)
      await t.database.db
        .insertInto('child_involvement')
        .values({ child_id: row.id, agency_id, user_id: null, kind: 'added-by-la', reason: 'known' })
        .execute()
    return { id: row.id, nhsNumber, givenName }
  }
  const share = async (children: Record<string, string>[]) => {
    serial += 1
    const answer = await t.app.inject({
      method: 'POST',
      url: '/api/v1/shared-events',
      headers: { authorization: `Bearer ${key}` },
      payload: [
        {
          senderEventId: `SEI-${serial}`,
          type: 'arrest',
          occurredAt: '2026-11-02T09:30:00Z',
          children: children.map((c) => ({ postcode: 'LE2 1AA', ...c })),
          summary: 'Adult in the household arrested on suspicion of assault',
          sensitivity: 'standard',
          lawfulBasis: 'dpa2018-sch8-para4',
          risk: 'medium',
        },
      ],
    })
    assert.equal(answer.json().accepted, 1, answer.body)
  }
  const sharedEventInvolvements = async (childId: string) =>
    (
      await t.database.db
        .selectFrom('child_involvement')
        .select(['agency_id', 'reason'])
        .where('child_id', '=', childId)
        .where('kind', '=', 'shared-event')
        .where('ended_at', 'is', null)
        .execute()
    )
      .map((row) => `${row.agency_id}: ${row.reason}`)
      .sort()
  const described = (c: { nhsNumber: string; givenName: string }) => ({
    nhsNumber: c.nhsNumber,
    givenName: c.givenName,
    familyName: 'Sharedevent',
    dateOfBirth: '2014-05-06',
  })

  it('involves the sender and every agency told because of the child, not the child’s own LA', async () => {
    const ava = await child('Ava', [SCHOOL, HEALTH])
    await share([described(ava)])
    assert.deepEqual(
      await sharedEventInvolvements(ava.id),
      [
        `${POLICE}: shared an event about the child`,
        `${SCHOOL}: was sent a shared event about the child`,
        `${HEALTH}: was sent a shared event about the child`,
      ].sort(),
    )
  })

  it('involves nobody with a child matched on an identifier and the date of birth alone', async () => {
    const bea = await child('Bea', [SCHOOL])
    await share([{ nhsNumber: bea.nhsNumber, dateOfBirth: '2014-05-06' }])
    const told = await t.database.db
      .selectFrom('sharing_notification')
      .select('agency_id')
      .where('agency_id', '=', SCHOOL)
      .execute()
    assert.ok(told.length > 0, 'the school was still told')
    assert.deepEqual(await sharedEventInvolvements(bea.id), [])
  })

  it('involves an agency told because of one child with that child, not with the others of the event', async () => {
    const cat = await child('Cat', [SCHOOL])
    const dot = await child('Dot', [HEALTH])
    await share([described(cat), described(dot)])
    assert.deepEqual(
      await sharedEventInvolvements(cat.id),
      [
        `${POLICE}: shared an event about the child`,
        `${SCHOOL}: was sent a shared event about the child`,
      ].sort(),
    )
    assert.deepEqual(
      await sharedEventInvolvements(dot.id),
      [
        `${POLICE}: shared an event about the child`,
        `${HEALTH}: was sent a shared event about the child`,
      ].sort(),
    )
  })
})
