// The section 47 enquiry's use cases on a real database (PGlite): a strategy discussion's sign-off
// opens it, and concluding it without a conference asks every other involved partner to re-check,
// once, in the same transaction as the conclusion.

import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import {
  strategyChair as chair,
  decidedDiscussion,
  insertChild,
  openChildProtection,
} from '../../../test/support/child-protection.ts'
import type { TestDatabase } from '../../../test/support/database.ts'
import type { ChildProtectionContext } from './context.ts'
import { concludeSection47 } from './section-47.ts'

// Monday 1 June 2026; the discussion is on Tuesday 2 June.
const NOW = new Date('2026-06-01T09:00:00Z')

describe('section 47 workflow', () => {
  let database: TestDatabase
  let ctx: ChildProtectionContext
  before(async () => ({ database, ctx } = await openChildProtection(() => NOW)))
  after(() => database.dispose())

  async function signedOffSingleAgency() {
    const childId = await insertChild(database, 'S47-1')
    await decidedDiscussion(ctx, childId, { date: '2026-06-02', decision: 's47-single-agency' })
    return database.db
      .selectFrom('section47_enquiry')
      .selectAll()
      .where('child_id', '=', childId)
      .executeTakeFirstOrThrow()
  }

  it('opens with the discussion’s sign-off, its ICPC due 15 working days on', async () => {
    const s47 = await signedOffSingleAgency()
    assert.equal(s47.joint_with_police, false)
    assert.equal(s47.icpc_due_by, '2026-06-23')
    assert.equal(s47.outcome, null)
  })

  it('concluded without a conference, asks the other involved partners to re-check once', async () => {
    const s47 = await database.db.selectFrom('section47_enquiry').selectAll().executeTakeFirstOrThrow()
    const conclusion = { outcome: 'icpc-not-required' as const, reasons: 'Injury explained' }
    await concludeSection47(ctx, chair, s47.id, conclusion)
    await assert.rejects(concludeSection47(ctx, chair, s47.id, conclusion), { statusCode: 409 })
    const asked = await database.db
      .selectFrom('threshold_recheck')
      .select('agency_id')
      .where('source_id', '=', s47.id)
      .orderBy('agency_id')
      .execute()
    assert.deepEqual(
      asked.map((r) => r.agency_id),
      ['leicestershire-police', 'llr-community-health'],
    )
  })
})
