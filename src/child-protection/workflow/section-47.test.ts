// The section 47 enquiry's use cases on a real database (PGlite): a strategy discussion's sign-off
// opens it, and concluding it without a conference asks every other involved partner to re-check,
// once, in the same transaction as the conclusion.

import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { DEMO_PARTNERSHIPS } from '../../../test/support/app.ts'
import { openTestDatabase, type TestDatabase } from '../../../test/support/database.ts'
import { loadPartnershipConfig } from '../../partnership/config.ts'
import type { Actor, Role } from '../../platform/access/actor.ts'
import type { Caller } from './access.ts'
import type { ChildProtectionContext } from './context.ts'
import { concludeSection47 } from './section-47.ts'
import * as strategy from './strategy-discussion.ts'

// Monday 1 June 2026; the discussion is on Tuesday 2 June.
const NOW = new Date('2026-06-01T09:00:00Z')

const caller = (id: string, agencyId: string, agencyKind: Actor['agencyKind'], role: Role): Caller => ({
  actor: {
    kind: 'user',
    id,
    displayName: id,
    agencyId,
    agencyKind,
    ...(agencyId === 'leicester-city-council' ? { agencyLaId: 'leicester' } : {}),
    grants: [{ role, laId: 'leicester' }],
  },
  origin: { ip: '127.0.0.1', requestId: 'test' },
})
const support = caller('bs-1', 'leicester-city-council', 'local-authority', 'business-support')
const chair = caller('sc-1', 'leicester-city-council', 'local-authority', 'strategy-discussion-chair')
const invitees = [
  { agencyId: 'leicester-city-council', name: 'Sam Social', email: 'sam@leicester.example' },
  { agencyId: 'leicestershire-police', name: 'PC Jones', email: 'jones@police.example' },
  { agencyId: 'llr-community-health', name: 'Hana Visitor', email: 'hana@health.example' },
]

describe('section 47 workflow', () => {
  let database: TestDatabase
  let ctx: ChildProtectionContext
  before(async () => {
    database = await openTestDatabase()
    ctx = { db: database.db, partnership: await loadPartnershipConfig(DEMO_PARTNERSHIPS.llr), now: () => NOW }
  })
  after(() => database.dispose())

  async function signedOffSingleAgency() {
    const child = await database.db
      .insertInto('child')
      .values({ la_id: 'leicester', la_child_id: 'S47-1', given_name: 'Ava', family_name: 'Test', sex: 'F' })
      .returning('id')
      .executeTakeFirstOrThrow()
    const id = await strategy.requestDirect(ctx, support, {
      childId: child.id,
      origin: 'urgent',
      concerns: 'Bruising',
      meetingReasons: [],
    })
    const meeting = { date: '2026-06-02', time: '10:00', location: 'Teams', meetingReasons: [], invitees }
    await strategy.schedule(ctx, support, id, { ...meeting, format: 'meeting' })
    await strategy.saveRecord(ctx, chair, id, {
      attendance: invitees.map((i) => ({ agencyId: i.agencyId, attendee: i.name })),
      informationShared: 'i',
      riskAnalysis: 'r',
      decision: 's47-single-agency',
      decisionReasons: 'd',
      policeDecision: 'no-criminal-investigation',
      familySharing: 'f',
      familySharingOn: null,
      actions: [],
    })
    await strategy.signOff(ctx, chair, id)
    return database.db
      .selectFrom('section47_enquiry')
      .selectAll()
      .where('child_id', '=', child.id)
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
