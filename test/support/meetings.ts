// Meetings about a child, made through child protection's own steps, for tests of who may open them.

import type { Kysely } from 'kysely'
import * as conferences from '../../src/child-protection/workflow/conference.ts'
import * as strategy from '../../src/child-protection/workflow/strategy-discussion.ts'
import type { DB } from '../../src/database.ts'
import { loadPartnershipConfig } from '../../src/partnership/config.ts'
import type { Caller } from '../../src/platform/access/guard.ts'
import { DEMO_PARTNERSHIPS } from './app.ts'
import { heldOn, lateReason } from './child-protection.ts'

const organiser: Caller = {
  actor: {
    kind: 'user',
    id: 'bs-organiser',
    displayName: 'Business support',
    agencyId: 'leicester-city-council',
    agencyKind: 'local-authority',
    agencyLaId: 'leicester',
    grants: [
      { role: 'business-support', laId: 'leicester' },
      { role: 'strategy-discussion-chair', laId: 'leicester' },
    ],
  },
  origin: { ip: '127.0.0.1', requestId: 'test' },
}
const invitees = [
  { agencyId: 'leicester-city-council', name: 'Sam Social', email: 'sam@leicester.example' },
  { agencyId: 'leicestershire-police', name: 'PC Jones', email: 'jones@police.example' },
  { agencyId: 'llr-icb', name: 'Hana Health', email: 'hana@health.example' },
]

/** A Leicester child's strategy discussion (booked by Leicester's business support) that started a section 47 enquiry, and the initial conference it booked. */
export async function meetingsFor(db: Kysely<DB>, childId: string) {
  const ctx = {
    db,
    partnership: await loadPartnershipConfig(DEMO_PARTNERSHIPS.llr),
    now: () => new Date(),
  }
  const id = await strategy.requestDirect(ctx, organiser, {
    childId,
    origin: 'urgent',
    concerns: 'Bruising',
    meetingReasons: [],
  })
  const meeting = { date: '2027-12-16', time: '10:00', location: 'Teams', lateReason }
  await strategy.schedule(ctx, organiser, id, { ...meeting, format: 'meeting', meetingReasons: [], invitees })
  const held = heldOn(ctx, meeting.date)
  await strategy.saveRecord(held, organiser, id, {
    attendance: invitees.map((i) => ({ agencyId: i.agencyId, attendee: i.name })),
    informationShared: 'Shared',
    riskAnalysis: 'Risk',
    decision: 's47-joint',
    decisionReasons: 'Reasonable cause',
    policeDecision: 'criminal-investigation',
    familySharing: 'Mother told',
    familySharingOn: null,
    actions: [],
  })
  await strategy.signOff(held, organiser, id)
  const s47 = await db
    .selectFrom('section47_enquiry')
    .select('id')
    .where('strategy_discussion_id', '=', id)
    .executeTakeFirstOrThrow()
  const conferenceId = await conferences.bookInitial(ctx, organiser, s47.id, {
    date: '2028-01-10',
    time: '10:00',
    location: 'Room 1',
    invitees,
  })
  return {
    strategyDiscussion: `/strategy-discussions/${id}`,
    section47: `/section-47/${s47.id}`,
    conference: `/conferences/${conferenceId}`,
  }
}

/** The id of the demo user with this email: the chair a booking form names. */
export async function userIdOf(db: Kysely<DB>, email: string): Promise<string> {
  const user = await db
    .selectFrom('app_user')
    .select('id')
    .where('email', '=', email)
    .executeTakeFirstOrThrow()
  return user.id
}
