import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { loadDemoData } from '../../src/demo/load-demo.ts'
import { sendDemoReferrals } from '../../src/demo/referrals.ts'
import { loadPartnershipConfig } from '../../src/partnership/config.ts'
import { DEMO_PARTNERSHIPS, startTestApp, type TestApp } from '../support/app.ts'

describe('the demo front door on first start', () => {
  let t: TestApp
  before(async () => {
    t = await startTestApp()
  })
  after(() => t.close())

  it('has open referrals about demo children, sent through the API by a school system', async () => {
    const partnership = await loadPartnershipConfig(DEMO_PARTNERSHIPS.llr)
    await loadDemoData(t.database, partnership, { children: 200, seed: 1 })
    assert.equal(await sendDemoReferrals(t.app, t.database, partnership, 6), 6)
    const referrals = await t.database.db.selectFrom('referral').select(['urgency', 'la_id']).execute()
    assert.equal(referrals.length, 6)
    assert.ok(referrals.some((r) => r.urgency === 'urgent'))
  })
})
