import { after, before, describe, it } from 'node:test'
import { loadPartnershipConfig } from '../../src/partnership/config.ts'
import { DEMO_PARTNERSHIPS, startTestApp, type TestApp } from '../support/app.ts'
import { type Scenario, seedReadPathScenario } from '../support/read-path-scenario.ts'

describe('read-path matrix', () => {
  let t: TestApp
  let s: Scenario
  before(async () => {
    t = await startTestApp()
    const started = Date.now()
    s = await seedReadPathScenario(t, await loadPartnershipConfig(DEMO_PARTNERSHIPS.llr))
    console.log('seeded in', Date.now() - started, 'ms')
  })
  after(() => t.close())
  it('seeds', () => {
    console.log(JSON.stringify(s.children[0], (_k, v) => (v instanceof Map ? Object.fromEntries(v) : v), 2))
  })
})
