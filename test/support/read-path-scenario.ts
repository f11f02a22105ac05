// One partnership's worth of records for the read-path matrix (test/integration/read-path-matrix.test.ts):
// four children of Leicester, each taken through the whole journey by the workflows (a school's
// referral, police and health triage, a threshold decision, a strategy discussion with a police
// contribution marked police-only and an action for the police, the s47, an ICPC with a police report and a plan, a police shared event), then three of
// them marked police-restricted, health-restricted and sealed. And the people and agencies' systems
// who look: one for each relation a viewer can have to those records. Agencies other than the LA read a
// child only through a current involvement: the invited police and health through the meetings they are
// invited to (and the police as the event's sender, health as its receiver); a school and a health
// agency through the roll and caseload they declared; a college whose declaration it ended, no
// longer; the referrer's school is involved with its referral, not the child, and the hospital with
// nothing.

import type { LightMyRequestResponse } from 'fastify'
import { conferenceReference } from '../../src/child-protection/store/conference.ts'
import { discussionReference } from '../../src/child-protection/store/strategy-discussion.ts'
import * as conferences from '../../src/child-protection/workflow/conference.ts'
import * as conferenceRecords from '../../src/child-protection/workflow/conference-record.ts'
import type { ChildProtectionContext } from '../../src/child-protection/workflow/context.ts'
import { recordCoreGroupMeeting } from '../../src/child-protection/workflow/core-group.ts'
import * as strategy from '../../src/child-protection/workflow/strategy-discussion.ts'
import { getChildResources } from '../../src/children/index.ts'
import { formatReferralNumber } from '../../src/front-door/rules.ts'
import { DEMO_PASSWORD } from '../../src/identity/index.ts'
import { hashPassword } from '../../src/identity/secrets.ts'
import { actorForApiKey, actorForColleague } from '../../src/identity/sessions.ts'
import { createUser } from '../../src/identity/store.ts'
import { signIn, type TestBrowser } from '../../src/identity/testing.ts'
import { linkChild } from '../../src/lado/children.ts'
import { bookMeeting, recordMeetingHeld } from '../../src/lado/meeting.ts'
import { allegationResource, recordOutcome, refer } from '../../src/lado/workflow.ts'
import type { PartnershipConfig } from '../../src/partnership/config.ts'
import type { Actor, Role } from '../../src/platform/access/actor.ts'
import type { Caller } from '../../src/platform/access/guard.ts'
import type { AllegationResource, ChildResource, Sensitivity } from '../../src/platform/access/policy.ts'
import { createSubscription } from '../../src/platform/webhooks/store.ts'
import { apiKeyFor, policeEvent, syntheticNhsNumber } from '../../src/sharing/testing.ts'
import type { TestApp } from './app.ts'
import { heldOn, lateReason } from './child-protection.ts'
import { enrolUser } from './people.ts'
import { recordDisruptionAndNrm, type SeededDisruptionNrm } from './read-path-disruption-nrm.ts'
import { discussAtMace, flagPersonsForMace } from './read-path-mace.ts'
import { recordMoves } from './read-path-moves.ts'
import { askThePolice } from './read-path-police-requests.ts'
import { type ScenarioVolt, seedVolt } from './read-path-volt.ts'

export const LA = 'leicester-city-council'
export const OTHER_LA = 'rutland-county-council'
export const POLICE = 'leicestershire-police'
export const INVITED_HEALTH = 'llr-community-health'
export const SCHOOL = 'leicester-schools'
export const HOSPITAL = 'llr-hospitals'
/** Has the children on its roll: declared by its system, with the lawful basis. */
export const ROLL_SCHOOL = 'leicestershire-schools'
/** Has the children on its caseload (the health agency that also triages): declared by its system. */
export const CASELOAD_HEALTH = 'llr-icb'
/** Declared the children on its roll, then ended the declarations: its involvement ended. */
export const LEFT_COLLEGE = 'llr-colleges'
const TRIAGE_HEALTH = CASELOAD_HEALTH

/** The events an agency's system is sent: the circulated strategy record, re-check requests, shared events. */
const WEBHOOK_TYPES = ['strategy.record-circulated', 'threshold.recheck-requested', 'sharing.arrest']

// A meeting well ahead, so the bookings are in the future whenever the test runs (bank holidays to 2028).
const STRATEGY_MEETING = '2027-12-16'
const ICPC = '2028-01-05'

/** Someone who looks, and how they relate to the records. */
export interface Viewer {
  name: string
  kind: 'user' | 'system'
  actor: Actor
  /** Users: where their emails go. */
  email?: string
  get(url: string): Promise<LightMyRequestResponse>
}

export interface ScenarioChild {
  tag: string
  sensitivity: Sensitivity
  childId: string
  familyName: string
  nhsNumber: string
  referralId: string
  referralNumber: string
  discussionId: string
  discussionReference: string
  conferenceReference: string
  section47Id: string
  conferenceId: string
  planId: string
  sharedEventId: string
  /** An exploitation screening of the child by the school that has the child on its roll. */
  screeningId: string
  /** A professional disagreement the roll's school raised with the child's LA. */
  disagreementId: string
  /** The action the strategy discussion gave the police. */
  actionId: string
  /** The LA's records of the child's missing episodes: one with its return interview, one with it due. */
  missing: { interviewed: string; interviewDue: string }
  /** The child's discussion at a MACE meeting, recorded by MACE's coordinator. */
  maceDiscussionId: string
  maceMeetingId: string
  /** The review of the child's MACE discussion, and a meeting to come whose agenda has the police-only person flagged. */
  maceReviewId: string
  maceFlagMeetingId: string
  /** A meeting of the whole partnership to come, whose agenda gathers the flags too. */
  maceFlagPartnershipMeetingId: string
  /** The flag of the child's police-only person for the LA's MACE. */
  maceFlagId: string
  /** The LA's requests to the police (form 87a): one answered, one awaiting the answer. */
  policeRequests: { answered: string; awaiting: string }
  /** The child's move to Leicestershire, recorded by the child's LA (src/moves). */
  moveId: string
  /** VOLT: a shared and a police-only person linked to the child, and a C-coded link's conditions. */
  volt: ScenarioVolt
  /** A disruption tactic used, and two NRM referrals (one concluded, one awaiting its first decision), recorded by MACE. */
  disruptionNrm: SeededDisruptionNrm
  /** The shared event's notification to each agency it was sent to, by agency id. */
  notifications: Map<string, string>
  /** Request ids the seeding steps were audited under, by step. */
  auditRequests: { policeContribution: string; chairSignOff: string }
  /** A distinct text written into each record, by what it is. */
  text: {
    referral: string
    policeTriage: string
    healthTriage: string
    feedback: string
    policeContribution: string
    strategyRecord: string
    /** The child's own words on the strategy discussion's record (migration 0061). */
    strategyChildWords: string
    policeReport: string
    conferenceReasons: string
    plan: string
    sharedEvent: string
    policeIntelligence: string
    screening: string
    disagreement: string
    policeAction: string
    childViews: string
    conferenceMinutes: string
    planProgress: string
    /** The child's own words at a core group meeting of their plan (migration 0042). */
    planChildWords: string
    missingChildSaid: string
    maceReason: string
    maceDiscussion: string
    policeRequest: string
    policeAnswer: string
    moveRisk: string
    disruptionUsedBy: string
    nrmOutcome: string
  }
}

/** An allegation against a teaching assistant, referred to the LADO by the referrer; the police invited to its meeting. */
export interface ScenarioAllegation {
  id: string
  reference: string
  /** As the guard builds it (lado/workflow.ts allegationResource). */
  resource: AllegationResource
  /** The referrer's user id: their own referrals' list shows it. */
  referrerId: string
  text: { account: string; children: string; minutes: string; outcome: string }
  /** The meeting the LADO booked with the police, and the child's record linked to the allegation. */
  meetingId: string
  childId: string
}

export interface Scenario {
  children: ScenarioChild[]
  allegation: ScenarioAllegation
  viewers: Viewer[]
  /** Each child as the policy saw it when the emails and webhooks about it were queued (before marking). */
  whenSent: Map<string, ChildResource>
  /** The people who did the work, who are not viewers: their ids, by step. */
  workers: Record<'police' | 'chair', Actor>
}

interface Person {
  email: string
  actor: Actor
  /** Signed in through the pages on first use. */
  browser(): Promise<TestBrowser>
}

const TOTP = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP'

export async function seedReadPathScenario(t: TestApp, partnership: PartnershipConfig): Promise<Scenario> {
  const db = t.database.db
  const identity = { db, partnership, now: () => new Date() }
  const passwordHash = await hashPassword(DEMO_PASSWORD)
  let people = 0
  const person = async (name: string, agencyId: string, role: Role, laId: string | null): Promise<Person> => {
    people += 1
    const email = `${name}.${people}@${agencyId}.example`
    await createUser(db, {
      agencyId,
      email,
      displayName: `${name} (${agencyId})`,
      passwordHash,
      totpSecret: TOTP,
      totpEnrolledAt: new Date(),
      grants: [{ role, laId }],
    })
    const actor = (await actorForColleague(identity, agencyId, email)) as Actor
    return {
      email,
      actor,
      browser: once(() => signIn(t.app, { email, password: DEMO_PASSWORD, totpSecret: TOTP })),
    }
  }
  const system = async (name: string, agencyId: string, scopes: string[]): Promise<Viewer> => {
    const key = await apiKeyFor(db, agencyId, scopes)
    const actor = (await actorForApiKey(identity, `Bearer ${key}`)) as Actor
    return {
      name,
      kind: 'system',
      actor,
      get: (url) => t.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${key}` } }),
    }
  }
  const asViewer = (name: string, p: Person): Viewer => ({
    name,
    kind: 'user',
    actor: p.actor,
    email: p.email,
    get: async (url) => (await p.browser()).get(url),
  })

  for (const agencyId of [LA, OTHER_LA, POLICE, INVITED_HEALTH, SCHOOL, HOSPITAL, ROLL_SCHOOL, LEFT_COLLEGE])
    await createSubscription(db, {
      agencyId,
      url: 'http://127.0.0.1:9/never-sent',
      secretRef: 'env:READ_PATH_HOOK_SECRET',
      eventTypes: WEBHOOK_TYPES,
    })

  // Those who look.
  const laScreener = await person('la-screener', LA, 'front-door-screener', 'leicester')
  const otherLaScreener = await person('other-la-screener', OTHER_LA, 'front-door-screener', 'rutland')
  const police = await person('police-officer', POLICE, 'police-public-protection', 'leicestershire')
  const health = await person('invited-health', INVITED_HEALTH, 'mat-practitioner', 'leicester')
  const school = await person('school-mat', SCHOOL, 'mat-practitioner', 'leicester')
  const referrer = await person('referrer', SCHOOL, 'referrer', 'leicester')
  const hospital = await person('hospital-mat', HOSPITAL, 'mat-practitioner', 'leicester')
  const organiser = await person('organiser', LA, 'business-support', 'leicester')
  const rollMat = await person('roll-school-mat', ROLL_SCHOOL, 'mat-practitioner', 'leicester')
  const caseloadManager = await person('caseload-health-sg', CASELOAD_HEALTH, 'safeguarding-manager', null)
  const leftMat = await person('left-college-mat', LEFT_COLLEGE, 'mat-practitioner', 'leicester')
  const policeAdmin = await person('police-admin', POLICE, 'agency-admin', null)
  const laAdmin = await person('la-admin', LA, 'agency-admin', null)
  // volt:read opens VOLT's API to a police force's system only (the others show it opens nothing).
  const cases = ['cases:read', 'events:read', 'volt:read']
  const viewers: Viewer[] = [
    asViewer('own LA screener', laScreener),
    asViewer('own LA business support', organiser),
    asViewer('other LA screener', otherLaScreener),
    asViewer('invited police officer', police),
    asViewer('invited health MAT', health),
    asViewer("referrer's school MAT (not involved, not invited)", school),
    asViewer('referrer', referrer),
    asViewer('not-involved hospital MAT', hospital),
    asViewer('roll-declared school MAT', rollMat),
    asViewer('caseload-declared health safeguarding manager', caseloadManager),
    asViewer('college MAT, roll declaration ended', leftMat),
    asViewer('police agency admin', policeAdmin),
    asViewer('own LA agency admin', laAdmin),
    await system('own LA system', LA, [...cases, 'triage:write']),
    await system('other LA system', OTHER_LA, [...cases, 'triage:write']),
    await system('invited police system', POLICE, cases),
    await system('invited health system', INVITED_HEALTH, cases),
    await system("referrer's school system (not involved, not invited)", SCHOOL, cases),
    await system('not-involved hospital system', HOSPITAL, cases),
    await system('roll-declared school system', ROLL_SCHOOL, cases),
    await system('college system, roll declaration ended', LEFT_COLLEGE, cases),
  ]

  // Those who do the work (not viewers, so what they touch does not change the viewers' relations).
  const screener = await person('seed-screener', LA, 'front-door-screener', 'leicester')
  const policeTriage = await person('seed-police-mat', POLICE, 'mat-practitioner', 'leicester')
  const healthTriage = await person('seed-health-mat', TRIAGE_HEALTH, 'mat-practitioner', 'leicester')
  const support = await person('seed-support', LA, 'business-support', 'leicester')
  const chair = await person('seed-chair', LA, 'strategy-discussion-chair', 'leicester')
  const confChair = await person('seed-conference-chair', LA, 'conference-chair', 'leicester')
  const policeWorker = await person('seed-police', POLICE, 'police-public-protection', null)
  const policeSystemKey = await apiKeyFor(db, POLICE, ['events:write', 'events:read'])

  const ctx = { db, partnership, now: () => new Date() }
  const caller = (p: Person, requestId: string): Caller => ({
    actor: p.actor,
    origin: { ip: '127.0.0.1', requestId },
  })
  const invitees = [
    { agencyId: LA, name: 'Own LA screener', email: laScreener.email },
    { agencyId: POLICE, name: 'Police officer', email: police.email },
    { agencyId: INVITED_HEALTH, name: 'Health MAT', email: health.email },
  ]

  const MARKINGS: [string, Sensitivity][] = [
    ['std', 'standard'],
    ['pol', 'police-restricted'],
    ['hlt', 'health-restricted'],
    ['sld', 'sealed'],
  ]
  const children: ScenarioChild[] = []
  for (const [index, [tag, sensitivity]] of MARKINGS.entries()) {
    const marker = (what: string) => `RPM-${tag.toUpperCase()}-${what}`
    const text = {
      referral: marker('REFERRAL'),
      policeTriage: marker('POLICE-TRIAGE'),
      healthTriage: marker('HEALTH-TRIAGE'),
      feedback: marker('FEEDBACK'),
      policeContribution: marker('POLICE-CONTRIBUTION'),
      strategyRecord: marker('STRATEGY-RECORD'),
      strategyChildWords: marker('STRATEGY-CHILD-WORDS'),
      policeReport: marker('POLICE-REPORT'),
      conferenceReasons: marker('CONFERENCE-DECISION'),
      plan: marker('PLAN'),
      sharedEvent: marker('SHARED-EVENT'),
      policeIntelligence: marker('POLICE-INTELLIGENCE'),
      screening: marker('SCREENING'),
      disagreement: marker('DISAGREEMENT'),
      policeAction: marker('POLICE-ACTION'),
      childViews: marker('CHILD-VIEWS'),
      conferenceMinutes: marker('CONFERENCE-MINUTES'),
      planProgress: marker('PLAN-PROGRESS'),
      planChildWords: marker('PLAN-CHILD-WORDS'),
      missingChildSaid: marker('MISSING-CHILD-SAID'),
      maceReason: marker('MACE-REASON'),
      maceDiscussion: marker('MACE-DISCUSSION'),
      policeRequest: marker('POLICE-87A-REQUEST'),
      policeAnswer: marker('POLICE-87A-ANSWER'),
      moveRisk: marker('MOVE-RISK'),
      disruptionUsedBy: marker('DISRUPTION-USED-BY'),
      nrmOutcome: marker('NRM-OUTCOME'),
    }
    const familyName = `Matrix${tag[0]?.toUpperCase()}${tag.slice(1)}field`
    const nhsNumber = syntheticNhsNumber(7000 + index)
    const child = await db
      .insertInto('child')
      .values({
        la_id: 'leicester',
        la_child_id: `RPM-${tag}`,
        given_name: 'Rowan',
        family_name: familyName,
        sex: 'F',
        date_of_birth: '2016-04-12',
        nhs_number: nhsNumber,
      })
      .returning('id')
      .executeTakeFirstOrThrow()

    const sent = await expectRedirect(
      (await referrer.browser()).post('/referrals/new', {
        childFirstName: 'Rowan',
        childLastName: familyName,
        'childDateOfBirth-day': '12',
        'childDateOfBirth-month': '4',
        'childDateOfBirth-year': '2016',
        childNhsNumber: nhsNumber,
        localAuthority: 'leicester',
        whatHappened: `${text.referral}: a bruise on her arm she would not explain`,
        worries: 'She is frightened to go home',
        familyKnows: 'Not told, to keep her safe',
        consent: 'not-sought',
        lawfulBasisWithoutConsent: 'UK GDPR 6(1)(e); DPA 2018 Sch 1 para 18: asking could put her at risk',
        urgency: 'standard',
        referralSource: '2A',
        referrerName: 'Tess Teacher',
        referrerRole: 'Designated safeguarding lead',
        referrerEmail: referrer.email,
        idempotencyKey: `rpm-${tag}`,
      }),
      'referral',
    )
    const referralId = /\/referrals\/([0-9a-f-]{36})/.exec(sent)?.[1] as string
    for (const [who, what] of [
      [policeTriage, text.policeTriage],
      [healthTriage, text.healthTriage],
    ] as const)
      await expectRedirect(
        (await who.browser()).post(`/referrals/${referralId}/mat`, {
          recordsHold: `${what}: known to us`,
          household: 'Adults known',
          lawfulBasis: 'UK GDPR 6(1)(e)',
        }),
        'MAT contribution',
      )
    await expectRedirect(
      (await screener.browser()).post(`/referrals/${referralId}/decision`, {
        outcome: 'strategy-discussion-s47',
        levelOfNeed: '4',
        reasons: 'Unexplained injury; reasonable cause to suspect significant harm',
        feedbackToReferrer: `${text.feedback}: a strategy discussion will be held`,
        withoutContributionsReason: 'urgent',
      }),
      'threshold decision',
    )

    const discussionId = await strategy.requestFromReferral(ctx, caller(support, `rpm-${tag}-1`), referralId)
    await strategy.schedule(ctx, caller(support, `rpm-${tag}-2`), discussionId, {
      date: STRATEGY_MEETING,
      time: '10:00',
      format: 'meeting',
      location: 'Teams',
      meetingReasons: [],
      invitees,
      lateReason,
    })
    const policeContribution = `rpm-${tag}-police-contribution`
    await strategy.contribute(ctx, caller(policeWorker, policeContribution), discussionId, {
      recordsHeld: `${text.policeContribution}: two domestic incidents`,
      risks: 'Violence at home',
      strengths: 'Grandmother protective',
      // For the police alone: the part rule decides who reads it, beyond the meeting.
      marking: 'police-only',
    })
    await strategy.saveRecord(heldOn(ctx, STRATEGY_MEETING), caller(chair, `rpm-${tag}-3`), discussionId, {
      attendance: invitees.map((i) => ({ agencyId: i.agencyId, attendee: i.name })),
      informationShared: `${text.strategyRecord}: each agency shared what it holds`,
      childWords: `${text.strategyChildWords}: I want to stay at my nan’s`,
      riskAnalysis: 'Risk of significant harm',
      decision: 's47-joint',
      decisionReasons: 'Reasonable cause to suspect',
      policeDecision: 'criminal-investigation',
      familySharing: 'Mother told',
      familySharingOn: null,
      actions: [
        {
          description: `${text.policeAction}: check the household`,
          ownerAgencyId: POLICE,
          ownerName: 'PC Jones',
          dueBy: '2027-12-23',
        },
      ],
    })
    const chairSignOff = `rpm-${tag}-chair-sign-off`
    await strategy.signOff(heldOn(ctx, STRATEGY_MEETING), caller(chair, chairSignOff), discussionId)
    const s47 = await db
      .selectFrom('section47_enquiry')
      .select('id')
      .where('child_id', '=', child.id)
      .executeTakeFirstOrThrow()
    const conferenceId = await conferences.bookInitial(ctx, caller(support, `rpm-${tag}-4`), s47.id, {
      date: ICPC,
      time: '10:00',
      location: 'Room 1',
      invitees,
    })
    await conferences.submitReport(
      ctx,
      caller(policeWorker, `rpm-${tag}-5`),
      conferenceId,
      `${text.policeReport}: the police report`,
    )
    await conferenceRecords.inviteParticipant(ctx, caller(support, `rpm-${tag}-4a`), conferenceId, {
      role: 'child',
      name: 'Rowan',
      relationship: 'The child',
    })
    await conferenceRecords.reviewReport(ctx, caller(support, `rpm-${tag}-5a`), conferenceId, POLICE, {
      forParents: 'withhold',
      withheldReason: 'Third-party information',
    })
    const decided = await conferences.recordConference(
      heldOn(ctx, ICPC),
      caller(confChair, `rpm-${tag}-6`),
      conferenceId,
      {
        attendingAgencyIds: invitees.map((i) => i.agencyId),
        interimPlan: '',
        newDate: '',
        decision: {
          cpPlan: true,
          category: 'PHY',
          reasons: `${text.conferenceReasons}: continuing risk of significant harm`,
          planSummary: `${text.plan}: safety plan`,
          dissent: [],
          coreGroupAgencyIds: [LA, INVITED_HEALTH],
          coreGroupFirstMeetingOn: '2028-01-19',
        },
        review: { outcome: null, category: null, reasons: '', endReason: null },
      },
    )
    if (decided.kind !== 'decided' || !decided.planId) throw new Error(`no plan for ${tag}`)
    await recordConferenceMinutes(ctx, caller(confChair, `rpm-${tag}-6a`), conferenceId, text)
    await recordCoreGroupMeeting(heldOn(ctx, ICPC), caller(support, `rpm-${tag}-6b`), decided.planId, {
      heldOn: ICPC,
      attendingAgencyIds: [LA],
      progress: [],
      newOutcomes: [`${text.planProgress}: Rowan is safe at home`],
      childWords: `${text.planChildWords}: I feel safe when Mum is here`,
    })

    const shared = await t.app.inject({
      method: 'POST',
      url: '/api/v1/shared-events',
      headers: { authorization: `Bearer ${policeSystemKey}` },
      payload: [
        // Named as the child is, so the identifier is corroborated and the event matched to the child.
        policeEvent(`rpm-${tag}`, nhsNumber, {
          children: [{ nhsNumber, givenName: 'Rowan', familyName, dateOfBirth: '2016-04-12' }],
          summary: `${text.sharedEvent}: adult in the household arrested`,
          sensitivity: 'police-restricted',
          restrictedDetails: `${text.policeIntelligence}: neighbour reports`,
          occurredAt: new Date(Date.now() - 3_600_000).toISOString(),
        }),
      ],
    })
    const sharedEventId = shared.json().results?.[0]?.id as string
    if (shared.statusCode !== 207 || !sharedEventId) throw new Error(`shared event refused: ${shared.body}`)

    const discussion = await db
      .selectFrom('strategy_discussion')
      .select('number')
      .where('id', '=', discussionId)
      .executeTakeFirstOrThrow()
    const action = await db
      .selectFrom('action')
      .select('id')
      .where('source_id', '=', discussionId)
      .executeTakeFirstOrThrow()
    const referral = await db
      .selectFrom('referral')
      .select('number')
      .where('id', '=', referralId)
      .executeTakeFirstOrThrow()
    const conference = await db
      .selectFrom('conference')
      .select('number')
      .where('id', '=', conferenceId)
      .executeTakeFirstOrThrow()
    children.push({
      tag,
      sensitivity,
      childId: child.id,
      familyName,
      nhsNumber,
      referralId,
      referralNumber: formatReferralNumber(referral.number),
      discussionId,
      discussionReference: discussionReference(discussion.number),
      conferenceReference: conferenceReference(conference.number),
      section47Id: s47.id,
      conferenceId,
      planId: decided.planId,
      sharedEventId,
      screeningId: '',
      disagreementId: '',
      actionId: action.id,
      maceDiscussionId: '',
      maceMeetingId: '',
      maceReviewId: '',
      maceFlagMeetingId: '',
      maceFlagPartnershipMeetingId: '',
      maceFlagId: '',
      policeRequests: { answered: '', awaiting: '' },
      moveId: '',
      volt: { sharedName: '', restrictedName: '', restrictedId: '', conditions: '' },
      disruptionNrm: { disruptionId: '', nrm: { concluded: '', awaiting: '' } },
      missing: await recordMissing(t, await screener.browser(), child.id, text.missingChildSaid),
      notifications: new Map(),
      auditRequests: { policeContribution, chairSignOff },
      text,
    })
  }

  // Declared after the events were shared, so the declarations alone relate these agencies to the children.
  await declareRolls(t, children)
  await screenForExploitation(t, children)
  await raiseDisagreements(t, children)
  const mace = await discussAtMace(
    t,
    children.map((c) => ({ childId: c.childId, discussion: c.text.maceDiscussion })),
  )
  for (const c of children) {
    c.maceDiscussionId = mace.discussions.get(c.childId) as string
    c.maceMeetingId = mace.meetingId
    c.maceReviewId = mace.reviews.get(c.childId) as string
  }
  const asked = await askThePolice(
    t,
    children.map((c) => ({ childId: c.childId, request: c.text.policeRequest, answer: c.text.policeAnswer })),
  )
  for (const c of children) c.policeRequests = asked.get(c.childId) as ScenarioChild['policeRequests']
  const moves = await recordMoves(
    t,
    children.map((c) => ({ childId: c.childId, risk: c.text.moveRisk })),
  )
  for (const c of children) c.moveId = moves.get(c.childId) as string
  const volt = await seedVolt(t, children)
  for (const c of children) c.volt = volt.get(c.childId) as ScenarioVolt
  const flagged = await flagPersonsForMace(
    t,
    children.map((c) => c.volt.restrictedId),
  )
  for (const c of children) {
    c.maceFlagMeetingId = flagged.meetingId
    c.maceFlagPartnershipMeetingId = flagged.partnershipMeetingId
    c.maceFlagId = flagged.flagIds.get(c.volt.restrictedId) as string
  }
  const disrupted = await recordDisruptionAndNrm(
    t,
    children.map((c) => ({
      childId: c.childId,
      usedBy: c.text.disruptionUsedBy,
      nrmOutcome: c.text.nrmOutcome,
    })),
  )
  for (const c of children) c.disruptionNrm = disrupted.get(c.childId) as SeededDisruptionNrm

  await t.app.sharing.dispatch()
  const notifications = await db
    .selectFrom('sharing_notification')
    .select(['id', 'event_id', 'agency_id'])
    .execute()
  for (const child of children)
    for (const row of notifications.filter((n) => n.event_id === child.sharedEventId))
      child.notifications.set(row.agency_id, row.id)

  // Emails and webhooks left when the children were unmarked: they are judged against the child as then.
  const whenSent = await getChildResources(
    db,
    children.map((child) => child.childId),
  )
  // Marked after the work was done, as a record is when what it holds comes to light.
  for (const child of children)
    await db
      .updateTable('child')
      .set({ sensitivity: child.sensitivity })
      .where('id', '=', child.childId)
      .execute()

  const standard = children.find((child) => child.sensitivity === 'standard')
  if (!standard) throw new Error('no standard child')
  const allegation = await referAllegation(t, partnership, referrer.actor, standard.childId)
  return {
    children,
    allegation,
    viewers,
    whenSent,
    workers: { police: policeWorker.actor, chair: chair.actor },
  }
}

/**
 * The referrer refers an allegation to Leicester's LADO, who links the standard child's record to it,
 * books a meeting with the police, records it once held, and records the outcome.
 */
async function referAllegation(t: TestApp, partnership: PartnershipConfig, referrer: Actor, childId: string) {
  const ctx = { db: t.database.db, partnership, now: () => new Date() }
  const origin = { ip: '127.0.0.1', requestId: 'read-path-allegation' }
  const text = {
    account: 'LADO-ACCOUNT-7d1: took a pupil home in their own car',
    children: 'LADO-CHILDREN-5c2: one pupil, aged 9',
    minutes: 'LADO-MINUTES-3f9: police to check their records',
    outcome: 'Unfounded',
  }
  const row = await refer(
    ctx,
    { actor: referrer, origin },
    {
      laId: 'leicester',
      referrerName: 'Referrer',
      referrerOrganisation: 'A Leicester school',
      personName: 'Sam Adult',
      personRole: 'Teaching assistant',
      employer: 'A Leicester school',
      employerSector: 'education',
      harmTest: ['risk-of-harm'],
      harmCategory: 'suitability',
      whatHappened: text.account,
      childrenConcerned: text.children,
    },
  )
  const lado: Actor = {
    kind: 'user',
    id: 'seed-lado',
    displayName: 'Seed LADO',
    agencyId: LA,
    agencyKind: 'local-authority',
    agencyLaId: 'leicester',
    grants: [{ role: 'lado', laId: 'leicester' }],
  }
  await linkChild(ctx, { actor: lado, origin }, row.id, { childId })
  const invitees = [{ agencyId: POLICE, name: 'Police sergeant', email: 'lado-meeting@police.example' }]
  const booking = { date: STRATEGY_MEETING, time: '10:00', location: 'Room 4', invitees }
  const meetingId = await bookMeeting(ctx, { actor: lado, origin }, row.id, booking)
  const held = { ...ctx, now: () => new Date(`${STRATEGY_MEETING}T15:00:00Z`) }
  await recordMeetingHeld(held, { actor: lado, origin }, row.id, meetingId, {
    attendedAgencyIds: [POLICE],
    minutes: text.minutes,
  })
  await recordOutcome(ctx, { actor: lado, origin }, row.id, { outcome: 'unfounded', outcomeOn: ICPC })
  return {
    id: row.id,
    reference: row.reference,
    resource: await allegationResource(t.database.db, row),
    referrerId: referrer.id,
    text,
    meetingId,
    childId,
  }
}

/** The roll's school and the caseload's health agency declare the children; the college declares, then ends. */
async function declareRolls(t: TestApp, children: readonly ScenarioChild[]) {
  const entries = children.map((child) => ({
    givenName: 'Rowan',
    familyName: child.familyName,
    dateOfBirth: '2016-04-12',
    nhsNumber: child.nhsNumber,
  }))
  const post = async (agencyId: string, url: string, payload: object) => {
    const key = await apiKeyFor(t.database.db, agencyId, ['roll:write'])
    const answer = await t.app.inject({
      method: 'POST',
      url,
      headers: { authorization: `Bearer ${key}` },
      payload,
    })
    if (answer.statusCode !== 200) throw new Error(`declaration refused: ${answer.body}`)
  }
  const lawfulBasis = 'UK GDPR 6(1)(e); DPA 2018 Sch 1 para 18'
  for (const agencyId of [ROLL_SCHOOL, CASELOAD_HEALTH, LEFT_COLLEGE])
    await post(agencyId, '/api/v1/declarations', { lawfulBasis, children: entries })
  await post(LEFT_COLLEGE, '/api/v1/declarations/ended', {
    reason: 'Left the college',
    children: children.map((child) => ({ nhsNumber: child.nhsNumber })),
  })
}

/**
 * The child's LA records two missing episodes through its pages, each with the child's return: the
 * earlier with its return home interview (what the child said), the later with the interview due.
 */
async function recordMissing(t: TestApp, la: TestBrowser, childId: string, childSaid: string) {
  const on = (name: string, day: string) => ({
    [`${name}-day`]: day,
    [`${name}-month`]: '11',
    [`${name}-year`]: '2026',
  })
  for (const day of ['2', '9']) {
    const went = { ...on('wentMissingOn', day), wentMissingTime: '18:00', ...on('reportedOn', day) }
    const back = { ...on('returnedOn', day), returnedTime: '23:00', whereFound: 'A friend’s flat' }
    const episode = { ...went, reportedTime: '19:00', risk: 'medium', ...back }
    await expectRedirect(la.post(`/children/${childId}/missing`, episode), 'missing episode')
  }
  const [interviewed = '', interviewDue = ''] = (
    await t.database.db
      .selectFrom('missing_episode')
      .select('id')
      .where('child_id', '=', childId)
      .orderBy('went_missing_at')
      .execute()
  ).map((row) => row.id)
  const offer = { ...on('offeredOn', '3'), offeredTime: '10:00', outcome: 'done', childSaid }
  await expectRedirect(la.post(`/missing/${interviewed}/interview`, offer), 'return home interview')
  return { interviewed, interviewDue }
}

/**
 * The school with the children on its roll screens each of them for exploitation (and so becomes
 * involved), and refers each to MACE.
 */
async function screenForExploitation(t: TestApp, children: ScenarioChild[]) {
  const key = await apiKeyFor(t.database.db, ROLL_SCHOOL, ['events:write'])
  for (const child of children) {
    const answer = await t.app.inject({
      method: 'POST',
      url: `/api/v1/children/${child.childId}/exploitation-screenings`,
      headers: { authorization: `Bearer ${key}` },
      payload: { indicators: ['gifts-or-money'], concerns: child.text.screening },
    })
    if (answer.statusCode !== 201) throw new Error(`screening refused: ${answer.body}`)
    child.screeningId = answer.json().id
    const referred = await t.app.inject({
      method: 'POST',
      url: `/api/v1/children/${child.childId}/mace-referrals`,
      headers: { authorization: `Bearer ${key}` },
      payload: { reason: child.text.maceReason },
    })
    if (referred.statusCode !== 201) throw new Error(`MACE referral refused: ${referred.body}`)
  }
}

/** The roll's school disagrees with each child's LA about a threshold decision. */
async function raiseDisagreements(t: TestApp, children: ScenarioChild[]) {
  const key = await apiKeyFor(t.database.db, ROLL_SCHOOL, ['events:write'])
  for (const child of children) {
    const answer = await t.app.inject({
      method: 'POST',
      url: `/api/v1/children/${child.childId}/disagreements`,
      headers: { authorization: `Bearer ${key}` },
      payload: {
        about: 'threshold-decision',
        aboutId: child.referralId,
        otherAgencyId: LA,
        reasonId: 'threshold-not-met',
        detail: child.text.disagreement,
      },
    })
    if (answer.statusCode !== 201) throw new Error(`disagreement refused: ${answer.body}`)
    child.disagreementId = answer.json().id
  }
}

function once<T>(make: () => Promise<T>): () => Promise<T> {
  let made: Promise<T> | undefined
  return () => {
    made ??= make()
    return made
  }
}

async function expectRedirect(response: Promise<LightMyRequestResponse>, step: string): Promise<string> {
  const answer = await response
  if (answer.statusCode !== 303)
    throw new Error(`${step} refused (${answer.statusCode}): ${answer.body.slice(0, 2000)}`)
  return String(answer.headers.location)
}

/** The conference's record with the child's own words, signed off and sent to the invited agencies. */
async function recordConferenceMinutes(
  ctx: ChildProtectionContext,
  chair: Caller,
  conferenceId: string,
  text: ScenarioChild['text'],
) {
  const held = heldOn(ctx, ICPC)
  const { participants } = await conferences.readConference(held, chair, conferenceId)
  await conferenceRecords.saveMinutes(held, chair, conferenceId, {
    discussion: `${text.conferenceMinutes}: each agency shared what it knows`,
    riskAnalysis: 'Risk of significant harm',
    participants: participants.map((p) => ({
      participantId: p.id,
      attended: true,
      views: `${text.childViews}: I feel safe at home`,
    })),
  })
  await conferenceRecords.signOffMinutes(held, chair, conferenceId)
}

/** A person enrolled with one role, as a viewer of the matrix: signed in through the pages on first use. */
export async function enrolledViewer(
  t: TestApp,
  partnership: PartnershipConfig,
  person: { name: string; agencyId: string; role: Role; laId?: string | null },
): Promise<Viewer> {
  const { db } = t.database
  const { name, agencyId, role } = person
  const email = `${name.replace(/\s+/g, '-')}@${agencyId}.example`
  const totpSecret = await enrolUser(db, {
    agencyId,
    email,
    displayName: `${name} (${agencyId})`,
    grants: [{ role, laId: person.laId ?? null }],
  })
  const actor = (await actorForColleague({ db, partnership }, agencyId, email)) as Actor
  const browser = once(() => signIn(t.app, { email, password: DEMO_PASSWORD, totpSecret }))
  return { name, kind: 'user', actor, email, get: async (url) => (await browser()).get(url) }
}

/** A viewer as the Caller a use case is given. */
export const callerOf = (viewer: Viewer): Caller => ({
  actor: viewer.actor,
  origin: { ip: '127.0.0.1', requestId: `read-path-${viewer.name}` },
})
