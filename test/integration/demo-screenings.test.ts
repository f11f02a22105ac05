import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
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

  it('has exploitation screenings of teenagers, sent through the API by their schools’ systems', async () => {
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
  })
})
