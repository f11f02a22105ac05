import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { DEMO_PARTNERSHIPS } from '../../test/support/app.ts'
import { loadPartnershipConfig } from '../partnership/config.ts'
import { demoUserPlan } from './demo-users.ts'

describe('demo users', () => {
  for (const [name, file] of Object.entries(DEMO_PARTNERSHIPS)) {
    it(`in the ${name} demo, no two people share a name or an email, in any agency`, async () => {
      const users = demoUserPlan(await loadPartnershipConfig(file))
      assert.ok(users.length > 20)
      assert.equal(new Set(users.map((user) => user.displayName)).size, users.length)
      assert.equal(new Set(users.map((user) => user.email)).size, users.length)
    })
  }
})
