import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { sendDemoDisagreements } from '../../src/demo/disagreements.ts'
import { loadDemoData } from '../../src/demo/load-demo.ts'
import { sendDemoScreenings } from '../../src/demo/screenings.ts'
import { loadPartnershipConfig } from '../../src/partnership/config.ts'
import { DEMO_PARTNERSHIPS, startTestApp, type TestApp } from '../support/app.ts'

describe('the demo partnership on first start', () => {
  let t: TestApp
  before(async () => {
    t = await startTestApp()
  })
  after(() => t.close())

  it('has exploitation screenings of teenagers and professional disagreements, sent through the API by their schools’ systems', async () => {
    const partnership = await loadPartnershipConfig(DEMO_PARTNERSHIPS.llr)
    await loadDemoData(t.database, partnership, { children: 200, seed: 1 })
    assert.equal(await sendDemoScreenings(t.app, t.database), 3)
    const screenings = await t.database.db
      .selectFrom('exploitation_screening')
      .select(['level_label'])
      .orderBy('score', 'desc')
      .execute()
    assert.deepEqual(
      screenings.map((s) => s.level_label),
      ['High risk', 'Medium risk', 'Low risk'],
    )
    assert.equal(await sendDemoDisagreements(t.app, t.database, partnership), 2)
    const disagreements = await t.database.db.selectFrom('disagreement').select('stage').execute()
    assert.deepEqual(
      disagreements.map((d) => d.stage),
      [1, 1],
    )
  })
})
