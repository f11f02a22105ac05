import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { referDemoAllegations } from '../../src/demo/allegations.ts'
import { seedDemoUsers } from '../../src/identity/index.ts'
import { loadPartnershipConfig } from '../../src/partnership/config.ts'
import { DEMO_PARTNERSHIPS, startTestApp, type TestApp } from '../support/app.ts'

describe('the demo partnership’s allegations to the LADO', () => {
  let t: TestApp
  before(async () => {
    t = await startTestApp()
  })
  after(() => t.close())

  it('are referred by the demo referrer and taken by the demo LADO to different points, audited', async () => {
    const partnership = await loadPartnershipConfig(DEMO_PARTNERSHIPS.llr)
    await seedDemoUsers(t.database, partnership)
    assert.equal(await referDemoAllegations(t.database, partnership), 4)
    const rows = await t.database.db
      .selectFrom('lado_allegation')
      .select(['employer_sector', 'consideration', 'outcome', 'dbs_referred_on'])
      .orderBy('referred_at')
      .execute()
    assert.deepEqual(
      rows.map((row) => [row.employer_sector, row.consideration, row.outcome, row.dbs_referred_on !== null]),
      [
        ['education', 'threshold-met', 'substantiated', true],
        ['early-years', 'threshold-met', 'unsubstantiated', false],
        ['sport-leisure', 'threshold-met', null, false],
        ['transport', null, null, false],
      ],
    )
    // Each meeting booked with the police and the LA's social care, then held with both.
    const meetings = await t.database.db
      .selectFrom('lado_meeting')
      .select(['invited_agency_ids', 'recorded_at'])
      .execute()
    assert.deepEqual(
      meetings.map((m) => [[...m.invited_agency_ids].sort(), m.recorded_at !== null]),
      [
        [['leicester-city-council', 'leicestershire-police'], true],
        [['leicester-city-council', 'leicestershire-police'], true],
      ],
    )
    const attended = await t.database.db.selectFrom('lado_meeting_invitation').select('attended').execute()
    assert.deepEqual(
      attended.map((i) => i.attended),
      [true, true, true, true],
    )
    const audited = await t.database.db
      .selectFrom('audit_event')
      .select('action')
      .where('action', 'in', ['allegation.refer', 'allegation.manage'])
      .execute()
    // Referred, considered, each meeting booked and recorded, a DBS referral, two outcomes.
    assert.equal(audited.length, 4 + 3 + 2 * 2 + 1 + 2)
  })
})
