// The child protection workflow tests' shared setup: callers of each role in Leicester, a fresh
// database with the LLR partnership, a child, and a strategy discussion taken as far as a scenario needs.
import type { ConferenceRecord, StrategyRecord } from '../../src/child-protection/schemas.ts'
import type { ChildProtectionContext } from '../../src/child-protection/workflow/context.ts'
import * as strategy from '../../src/child-protection/workflow/strategy-discussion.ts'
import { loadPartnershipConfig } from '../../src/partnership/config.ts'
import type { Actor, Role } from '../../src/platform/access/actor.ts'
import type { Caller } from '../../src/platform/access/guard.ts'
import { addWorkingDays, subtractWorkingDays, toIsoDate } from '../../src/platform/calendar/working-days.ts'
import { DEMO_PARTNERSHIPS } from './app.ts'
import { openTestDatabase, type TestDatabase } from './database.ts'

export const caller = (
  id: string,
  agencyId: string,
  agencyKind: Actor['agencyKind'],
  role: Role,
): Caller => ({
  actor: {
    kind: 'user',
    id,
    displayName: id,
    agencyId,
    agencyKind,
    // Leicester City Council is Leicester's own agency (children's social care).
    ...(agencyId === 'leicester-city-council' ? { agencyLaId: 'leicester' } : {}),
    grants: [{ role, laId: 'leicester' }],
  },
  origin: { ip: '127.0.0.1', requestId: 'test' },
})
export const businessSupport = caller('bs-1', 'leicester-city-council', 'local-authority', 'business-support')
export const strategyChair = caller(
  'sc-1',
  'leicester-city-council',
  'local-authority',
  'strategy-discussion-chair',
)

/** Leicester's cast for a case that goes to conference. */
export const leicester = {
  support: businessSupport,
  strategyChair,
  chair: caller('cc-1', 'leicester-city-council', 'local-authority', 'conference-chair'),
  police: caller('pc-1', 'leicestershire-police', 'police', 'police-public-protection'),
  health: caller('hv-1', 'llr-community-health', 'health', 'mat-practitioner'),
}

/** The quorate three: children's social care, police and health. */
export const invitees = [
  { agencyId: 'leicester-city-council', name: 'Sam Social', email: 'sam@leicester.example' },
  { agencyId: 'leicestershire-police', name: 'PC Jones', email: 'jones@police.example' },
  { agencyId: 'llr-community-health', name: 'Hana Visitor', email: 'hana@health.example' },
]

/** A fresh database and a workflow context over it; `now` is asked each time, so a test may move it. */
export async function openChildProtection(now: () => Date) {
  const database: TestDatabase = await openTestDatabase()
  const ctx: ChildProtectionContext = {
    db: database.db,
    partnership: await loadPartnershipConfig(DEMO_PARTNERSHIPS.llr),
    now,
  }
  return { database, ctx }
}

export async function insertChild(database: TestDatabase, laChildId: string): Promise<string> {
  const row = await database.db
    .insertInto('child')
    .values({ la_id: 'leicester', la_child_id: laChildId, given_name: 'Ava', family_name: 'Test', sex: 'F' })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

/** An urgent strategy discussion asked for by business support, without a referral. */
export const requestDiscussion = (ctx: ChildProtectionContext, childId: string) =>
  strategy.requestDirect(ctx, businessSupport, {
    childId,
    origin: 'urgent',
    concerns: 'Bruising',
    meetingReasons: [],
  })

type Decision = NonNullable<StrategyRecord['decision']>

/** Why a test books a meeting after its due date (needed only when it does). */
export const lateReason = 'The police officer is on leave until then'

/** The context once a meeting on `date` at 10:00 or earlier has started: midday that day. */
export const heldOn = (ctx: ChildProtectionContext, date: string): ChildProtectionContext => ({
  ...ctx,
  now: () => new Date(`${date}T12:00:00Z`),
})

/** A discussion requested, held on `date` with the quorate three, recorded with `decision` and signed off. */
export async function decidedDiscussion(
  ctx: ChildProtectionContext,
  childId: string,
  { date, decision, actions = [] }: { date: string; decision: Decision; actions?: StrategyRecord['actions'] },
) {
  const id = await requestDiscussion(ctx, childId)
  const meeting = { date, time: '10:00', location: 'Teams', meetingReasons: [], invitees, lateReason }
  await strategy.schedule(ctx, businessSupport, id, { ...meeting, format: 'meeting' })
  const held = heldOn(ctx, date)
  await strategy.saveRecord(held, strategyChair, id, {
    attendance: invitees.map((i) => ({ agencyId: i.agencyId, attendee: i.name })),
    informationShared: 'i',
    riskAnalysis: 'r',
    decision,
    decisionReasons: 'd',
    policeDecision: decision === 's47-joint' ? 'criminal-investigation' : 'no-criminal-investigation',
    familySharing: 'f',
    familySharingOn: null,
    actions,
  })
  await strategy.signOff(held, strategyChair, id)
  return id
}

/** A conference record with the quorate three present and nothing decided, but for `changes`. */
export const conferenceRecord = (changes: Partial<ConferenceRecord>): ConferenceRecord => ({
  attendingAgencyIds: invitees.map((i) => i.agencyId),
  interimPlan: '',
  newDate: '',
  decision: {
    cpPlan: null,
    category: null,
    reasons: '',
    planSummary: '',
    dissent: [],
    coreGroupAgencyIds: [],
    coreGroupFirstMeetingOn: null,
  },
  review: { outcome: null, category: null, reasons: '', endReason: null },
  ...changes,
})

/**
 * A chair's work in Leicester: Cora Chaired's strategy discussion booked five working days ahead;
 * Hal's and Sid's held three working days ago, Hal's record waiting for sign-off, Sid's signed off.
 */
export async function seedChairWork(ctx: ChildProtectionContext): Promise<void> {
  const discussion = async (givenName: string, date: string) => {
    const child = await ctx.db
      .insertInto('child')
      .values({
        la_id: 'leicester',
        la_child_id: givenName,
        given_name: givenName,
        family_name: 'Chaired',
        sex: 'F',
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    const id = await strategy.requestDirect(ctx, businessSupport, {
      childId: child.id,
      origin: 'urgent',
      concerns: 'Bruising',
      meetingReasons: [],
    })
    const meeting = { date, time: '10:00', location: 'Teams', meetingReasons: [], invitees, lateReason }
    await strategy.schedule(ctx, businessSupport, id, { ...meeting, format: 'meeting' })
    return id
  }
  const today = toIsoDate(new Date())
  await discussion('Cora', addWorkingDays(today, 5))
  const record = {
    attendance: invitees.map((i) => ({ agencyId: i.agencyId, attendee: i.name })),
    informationShared: 'i',
    riskAnalysis: 'r',
    decision: 'nfa' as const,
    decisionReasons: 'd',
    policeDecision: 'no-criminal-investigation' as const,
    familySharing: 'f',
    familySharingOn: null,
    actions: [],
  }
  // Held three working days ago: Hal's record waits for sign-off, Sid's is signed off and sent out.
  const held = async (givenName: string) => {
    const date = addWorkingDays(today, 1)
    const id = await discussion(givenName, date)
    await strategy.saveRecord(heldOn(ctx, date), strategyChair, id, record)
    return id
  }
  const hal = await held('Hal')
  const sid = await held('Sid')
  await strategy.signOff(heldOn(ctx, addWorkingDays(today, 1)), strategyChair, sid)
  await ctx.db
    .updateTable('strategy_discussion')
    .set({ meeting_date: subtractWorkingDays(today, 3) })
    .where('id', 'in', [hal, sid])
    .execute()
}
