// The read-path matrix: every kind of record x every relation a viewer can have to it x every path
// that shows it (page, API, PDF, calendar file, chronology, search result, inbox and work lists, email,
// webhook, audit search, export). Whether the viewer may read the record is asked of the policy itself (decide, with
// the resource as the guard builds it), never written here; each path must agree with it:
//   - a record's page or document: allowed -> 200 with the record's own text; refused -> 403 or 404 without it
//   - a list (search results, inbox, diary): the item is there exactly when the viewer may read it
//   - an email or webhook addressed to the viewer: may carry the record only if the viewer may read it
//     (judged against the child as it was when the message was queued)
// Adding a kind of record (or a new resource in the policy for one) is one row of RECORD_KINDS.

import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { sql } from 'kysely'
import { findConferenceFile } from '../../src/child-protection/store/conference.ts'
import { findDiscussionFile } from '../../src/child-protection/store/strategy-discussion.ts'
import { conferenceMeeting, discussionMeeting } from '../../src/child-protection/workflow/access.ts'
import { getChildResources } from '../../src/children/index.ts'
import { referralResource } from '../../src/front-door/access.ts'
import { AGENCY_KIND_LABELS } from '../../src/front-door/rules.ts'
import { findReferral, type ReferralRow } from '../../src/front-door/store.ts'
import { loadPartnershipConfig } from '../../src/partnership/config.ts'
import type { Actor } from '../../src/platform/access/actor.ts'
import { gateRefusal } from '../../src/platform/access/gates.ts'
import {
  type Action,
  type ChildResource,
  decide,
  type MeetingResource,
  type MoveResource,
  type PartMarking,
  type ReferralResource,
  type ResourceFor,
} from '../../src/platform/access/policy.ts'
import { signerOf } from '../../src/reviews/rules.ts'
import { DEMO_PARTNERSHIPS, startTestApp, type TestApp } from '../support/app.ts'
import { type ScenarioCaseAudit, seedCaseAudits } from '../support/read-path-case-audits.ts'
import { seedDatasetViewers } from '../support/read-path-exploitation-dataset.ts'
import { type ScenarioLearning, seedLearning } from '../support/read-path-learning.ts'
import { reviewText } from '../support/read-path-mace.ts'
import { type ScenarioMasaPlan, seedMasaPlan } from '../support/read-path-masa-plan.ts'
import { type ScenarioIncident, seedReviews } from '../support/read-path-reviews.ts'
import {
  CASELOAD_HEALTH,
  HOSPITAL,
  INVITED_HEALTH,
  LA,
  LEFT_COLLEGE,
  POLICE,
  ROLL_SCHOOL,
  SCHOOL,
  type Scenario,
  type ScenarioChild,
  seedReadPathScenario,
  type Viewer,
} from '../support/read-path-scenario.ts'
import { type ScenarioScrutiny, seedScrutiny } from '../support/read-path-scrutiny.ts'
import { type ScenarioSelfAssessment, seedSelfAssessment } from '../support/read-path-self-assessment.ts'
import { type ScenarioTraining, seedTraining } from '../support/read-path-training.ts'
import { type ScenarioVoice, seedVoice } from '../support/read-path-voice.ts'
import { type ScenarioYearlyReport, seedYearlyReport } from '../support/read-path-yearly-report.ts'

// ---------------------------------------------------------------------------
// Cells that fail on today's main because of a defect another change is fixing. Each names the
// defect; the coordinator empties this list as those changes merge. A listed defect none of whose
// cells fails any more fails the test, so the list cannot go stale. '*' matches anything.

interface KnownDefect {
  kind: string
  path: string
  viewer: string
  record: string
  defect: string
}
const KNOWN_DEFECTS_BEING_FIXED: readonly KnownDefect[] = []

// ---------------------------------------------------------------------------
// The dimensions

const PATHS = [
  'page',
  'API',
  'PDF',
  'calendar file',
  'chronology',
  'search result',
  'inbox list',
  'work list',
  'email',
  'webhook',
  'audit search',
  'export',
] as const
type Path = (typeof PATHS)[number]

/** Whether the policy lets this actor read the record: the only source of the expected outcome. */
type Access = (actor: Actor) => boolean

/** One way a record reaches a viewer. */
interface Showing {
  path: Path
  /** People use pages; agencies' systems use the API and receive webhooks. */
  by: 'user' | 'system'
  shape: 'record' | 'list' | 'payload'
  /** What is fetched (record, list): for some paths, the viewer's own (their agency's inbox item). */
  url?: string | ((viewer: Viewer) => string)
  /** The text that shows this record here, when not the record's own (a PDF's title, an email's link). */
  marker?: string
  /** The policy's question for this path, when it differs from the record's (a list shows existence). */
  access?: Access
  /** Beyond the policy, whether this path carries the record to this viewer at all (an inbox holds what was sent to the agency). */
  reaches?: (viewer: Viewer) => boolean
}

interface RecordInstance {
  /** Which child's: std, pol (police-restricted), hlt (health-restricted), sld (sealed). */
  record: string
  /** Text that shows this record on its paths (and is on no refusal page). */
  marker: string
  access: Access
  showings: Showing[]
}

interface World {
  s: Scenario
  /** A serious incident about the standard child, taken to its rapid review (read-path-reviews.ts). */
  incident: ScenarioIncident
  /** A learning briefing sent to the hospital's practitioners (read-path-learning.ts). */
  learning: ScenarioLearning
  /** A self-assessment round with a school's and a health agency's returns (read-path-self-assessment.ts). */
  selfAssessment: ScenarioSelfAssessment
  /** A case audit of the standard child, its parts written and moderated (read-path-case-audits.ts). */
  audit: ScenarioCaseAudit
  /** A lead's grant of the standard child's record to one independent scrutineer (read-path-scrutiny.ts). */
  scrutiny: ScenarioScrutiny
  /** The regional forum's feedback, received and written, and the plan's sections (read-path-masa-plan.ts). */
  masaPlan: ScenarioMasaPlan
  /** A course, a session to come with its places, and a held one evaluated (read-path-training.ts). */
  training: ScenarioTraining
  /** Families' answers to a conference's survey, and what was changed (read-path-voice.ts). */
  voice: ScenarioVoice
  /** This year's report as a draft, last year's published (read-path-yearly-report.ts). */
  yearlyReport: ScenarioYearlyReport
  /** The child as the guard builds it now (getChildResources). */
  now(child: ScenarioChild): ChildResource
  /** The child as it was when its emails and webhooks were queued. */
  whenSent(child: ScenarioChild): ChildResource
  /** The child's referral as the guard builds it now (front-door/access.ts referralResource). */
  referral(child: ScenarioChild): ReferralResource
  /** The referral as it was when its emails were queued: matched to the child as it was then. */
  referralWhenSent(child: ScenarioChild): ReferralResource
  /**
   * The child's strategy discussion or conference as the guard builds it (discussionMeeting,
   * conferenceMeeting), about the child as now or as when its messages were queued.
   */
  meeting(child: ScenarioChild, which: 'strategy' | 'conference', at?: Moment): MeetingResource
  /**
   * Whether the child's shared event reaches this viewer's alerts: the viewer works with the child
   * (their agency or they are involved now, or they recorded something about the child) and someone
   * else recorded it (src/alerts). Not access: the policy is asked as well.
   */
  alertsReach(child: ScenarioChild, viewer: Viewer): boolean
}

interface RecordKind {
  kind: string
  /** The records of this kind in the scenario: async, so a row can build its resource as the guard does. */
  records(w: World): RecordInstance[] | Promise<RecordInstance[]>
}

const may =
  <A extends Action>(action: A, resource: ResourceFor<A>): Access =>
  (actor) =>
    decide(actor, action, resource).allowed
const all =
  (...accesses: Access[]): Access =>
  (actor) =>
    accesses.every((access) => access(actor))
const any =
  (...accesses: Access[]): Access =>
  (actor) =>
    accesses.some((access) => access(actor))
/** A search shows a child the searcher may not open, unless the policy hides that the child exists. */
const knowsOf =
  (child: ChildResource): Access =>
  (actor) => {
    if (!decide(actor, 'child.search', { kind: 'partnership' }).allowed) return false
    const decision = decide(actor, 'child.view', child)
    return decision.allowed || !decision.hideExistence
  }
/** The front door's own view of a referral: read it, and take part in screening, triage or the decision. */
const frontDoorView = (referral: ReferralResource): Access =>
  all(
    may('referral.view', referral),
    any(may('referral.screen', referral), may('mat.contribute', referral), may('referral.decide', referral)),
  )
/** VOLT's pages open to whoever holds its gate; the police alone see what is theirs (src/volt). */
const voltGate: Access = (actor) => gateRefusal(actor, 'volt') === undefined
const police: Access = (actor) => actor.agencyKind === 'police'
const areaOf = (child: ChildResource) => ({ kind: 'la', laId: child.laId }) as const
const marked = (child: ChildResource, sensitivity: ChildResource['sensitivity']): ChildResource => ({
  ...child,
  sensitivity,
})
/**
 * The sender's own page shows the event as its agency sent it, whatever masa knows of the children
 * (main's sharing rules: no oracle for a sender): its staff who read shared events, under the event's
 * own marking. The policy's question is about a child the sender is involved with, with that marking.
 */
const sentBySender =
  (marking: ChildResource['sensitivity']): Access =>
  (actor) =>
    decide(actor, 'event.view', {
      kind: 'child',
      childId: '00000000-0000-0000-0000-000000000000',
      laId: '',
      sensitivity: marking,
      involvement: { agencyIds: [actor.agencyId], userIds: [actor.id] },
    }).allowed
const senderPage = (c: ScenarioChild, marking: ChildResource['sensitivity']): Showing =>
  page(`/sharing/events/${c.sharedEventId}`, {
    reaches: (viewer) => viewer.actor.agencyId === POLICE,
    access: sentBySender(marking),
  })
/** Being sent a shared event gives the agency a legitimate interest in it: it counts as involved. */
const withAgency = (child: ChildResource, agencyId: string): ChildResource => ({
  ...child,
  involvement: { ...child.involvement, agencyIds: [...child.involvement.agencyIds, agencyId] },
})
const notified = (c: ScenarioChild) => (viewer: Viewer) => c.notifications.has(viewer.actor.agencyId)
/** The inbox item of the viewer's agency, or (to try one's luck) another agency's. */
const inboxItem =
  (c: ScenarioChild) =>
  (viewer: Viewer): string =>
    `/sharing/inbox/${c.notifications.get(viewer.actor.agencyId) ?? [...c.notifications.values()][0]}`

const page = (url: Showing['url'], more: Partial<Showing> = {}): Showing => ({
  path: 'page',
  by: 'user',
  shape: 'record',
  url,
  ...more,
})
const api = (url: string, more: Partial<Showing> = {}): Showing => ({
  path: 'API',
  by: 'system',
  shape: 'record',
  url,
  ...more,
})
const email = (marker: string, access: Access): Showing => ({
  path: 'email',
  by: 'user',
  shape: 'payload',
  marker,
  access,
})
const webhook = (marker: string, access: Access): Showing => ({
  path: 'webhook',
  by: 'system',
  shape: 'payload',
  marker,
  access,
})

// ---------------------------------------------------------------------------
// Who reads a meeting about a child: strategy discussions, s47 enquiries and conferences are read as
// the meeting (MeetingResource, 'meeting.view'), and an agency's part of one within its marking
// ('part.view'). `at` is the child as now or as when a message was queued.

type Moment = 'now' | 'whenSent'
/** One agency's part of a meeting's record, read with the meeting and then only within its marking. */
const partOf = (meeting: MeetingResource, agencyId: string, marking: PartMarking): Access =>
  all(
    may('meeting.view', meeting),
    may('part.view', { kind: 'part', of: { action: 'meeting.view', resource: meeting }, agencyId, marking }),
  )

/** A strategy discussion: its page, forms' context, PDF, calendar file, invitation email. */
const strategyDiscussionAccess = (c: ScenarioChild, w: World, at: Moment = 'now'): Access =>
  may('meeting.view', w.meeting(c, 'strategy', at))
/** The chair's record of a strategy discussion, on its pages and in the circulated webhook. */
const strategyRecordAccess = (c: ScenarioChild, w: World, at: Moment = 'now'): Access =>
  may('meeting.view', w.meeting(c, 'strategy', at))
/** The police's contribution to a strategy discussion: marked police-only in the scenario. */
const strategyPoliceContributionAccess = (c: ScenarioChild, w: World, at: Moment = 'now'): Access =>
  partOf(w.meeting(c, 'strategy', at), POLICE, 'police-only')
/** The s47 enquiry opens to whoever may read the strategy discussion that started it. */
const section47Access = (c: ScenarioChild, w: World): Access => may('meeting.view', w.meeting(c, 'strategy'))
/** A child protection conference. */
const conferenceAccess = (c: ScenarioChild, w: World): Access =>
  may('meeting.view', w.meeting(c, 'conference'))
/** The police's report to a conference: reports carry no marking, so it is read as the conference is. */
const conferencePoliceReportAccess = (c: ScenarioChild, w: World): Access =>
  may('meeting.view', w.meeting(c, 'conference'))

// ---------------------------------------------------------------------------
// The table: each kind of record, how the policy sees it, and the paths that show it.

const perChild =
  (build: (c: ScenarioChild, w: World) => Omit<RecordInstance, 'record'>) =>
  (w: World): RecordInstance[] =>
    w.s.children.map((c) => ({ record: c.tag, ...build(c, w) }))

/** How the policy lets the viewer read the allegation, if at all: its readers see different parts of it. */
const allegationRead =
  (w: World, ...bases: string[]): Access =>
  (actor) => {
    const decision = decide(actor, 'allegation.view', w.s.allegation.resource)
    return decision.allowed && bases.includes(decision.basis)
  }

/** How the policy lets the viewer read the serious incident, if at all: its readers see different parts of it. */
const incidentRead =
  (w: World, ...bases: string[]): Access =>
  (actor) => {
    const decision = decide(actor, 'review.view', w.incident.resource)
    return decision.allowed && bases.includes(decision.basis)
  }

const RECORD_KINDS: readonly RecordKind[] = [
  {
    kind: 'child',
    records: perChild((c, w) => ({
      marker: c.familyName,
      access: may('child.view', w.now(c)),
      showings: [
        page(`/children/${c.childId}`),
        page(`/children/${c.childId}/links`),
        page(`/children/${c.childId}/merge`, { access: may('child.merge', w.now(c)) }),
        api(`/api/v1/children/${c.childId}`),
        page(`/children/search?nhs=${c.nhsNumber}`, {
          path: 'search result',
          shape: 'list',
          access: knowsOf(w.now(c)),
        }),
        api(`/api/v1/children?nhs=${c.nhsNumber}`, {
          path: 'search result',
          shape: 'list',
          access: knowsOf(w.now(c)),
        }),
      ],
    })),
  },
  {
    // Its own resource: its referrer reads it whatever the child's marking (front-door/access.ts referralResource).
    kind: 'referral',
    records: perChild((c, w) => ({
      marker: c.referralNumber,
      access: may('referral.view', w.referral(c)),
      showings: [
        page(`/referrals/${c.referralId}`),
        page(`/referrals/${c.referralId}/decided`),
        page(`/referrals/${c.referralId}/decision`),
        page(`/referrals/${c.referralId}/mat`),
        api(`/api/v1/referrals/${c.referralId}`),
      ],
    })),
  },
  {
    kind: 'referral: outcome fed back to the referrer',
    records: perChild((c, w) => ({
      marker: c.text.feedback,
      access: may('referral.view', w.referral(c)),
      showings: [
        page(`/referrals/${c.referralId}`),
        api(`/api/v1/referrals/${c.referralId}`),
        email(c.text.feedback, may('referral.view', w.referralWhenSent(c))),
      ],
    })),
  },
  {
    // What happened, and the triage, are for the front door, not the referrer (viewReferral's frontDoorView).
    kind: 'referral: what the referrer told the front door',
    records: perChild((c, w) => ({
      marker: c.text.referral,
      access: frontDoorView(w.referral(c)),
      showings: [page(`/referrals/${c.referralId}`)],
    })),
  },
  {
    kind: 'referral: police triage contribution',
    records: perChild((c, w) => ({
      marker: c.text.policeTriage,
      access: frontDoorView(w.referral(c)),
      showings: [page(`/referrals/${c.referralId}/mat`), api(`/api/v1/referrals/${c.referralId}`)],
    })),
  },
  {
    kind: 'strategy discussion',
    records: perChild((c, w) => ({
      marker: c.discussionReference,
      access: strategyDiscussionAccess(c, w),
      showings: [
        page(`/strategy-discussions/${c.discussionId}`),
        page(`/strategy-discussions/${c.discussionId}/record`),
        page(`/strategy-discussions/${c.discussionId}/schedule`, {
          access: may('strategy.schedule', w.now(c)),
        }),
        // The meeting's page as well as the form: a child's involved agency contributes only if invited.
        page(`/strategy-discussions/${c.discussionId}/contribution`, {
          access: all(strategyDiscussionAccess(c, w), may('strategy.contribute', w.now(c))),
        }),
        page(`/strategy-discussions/${c.discussionId}/record/edit`, {
          access: may('strategy.chair', w.now(c)),
        }),
        page(`/strategy-discussions/${c.discussionId}/record.pdf`, {
          path: 'PDF',
          marker: `(Strategy discussion ${c.discussionReference})`,
        }),
        page(`/strategy-discussions/${c.discussionId}/invitation.ics`, { path: 'calendar file' }),
        api(`/api/v1/strategy-discussions/${c.discussionId}`),
        page('/strategy-discussions', {
          path: 'work list',
          shape: 'list',
          access: all(may('strategy.schedule', areaOf(w.now(c))), may('child.view', w.now(c))),
        }),
        email(`/strategy-discussions/${c.discussionId}/`, strategyDiscussionAccess(c, w, 'whenSent')),
      ],
    })),
  },
  {
    kind: 'strategy discussion: the record',
    records: perChild((c, w) => ({
      marker: c.text.strategyRecord,
      access: strategyRecordAccess(c, w),
      showings: [
        page(`/strategy-discussions/${c.discussionId}/record`),
        api(`/api/v1/strategy-discussions/${c.discussionId}`),
        webhook(c.text.strategyRecord, strategyRecordAccess(c, w, 'whenSent')),
      ],
    })),
  },
  {
    // The child's wishes and feelings in their own words: part of the chair's record, read as it is.
    kind: 'strategy discussion: the child’s own words',
    records: perChild((c, w) => ({
      marker: c.text.strategyChildWords,
      access: strategyRecordAccess(c, w),
      showings: [
        page(`/strategy-discussions/${c.discussionId}/record`),
        page(`/strategy-discussions/${c.discussionId}/record/edit`, {
          access: may('strategy.chair', w.now(c)),
        }),
        api(`/api/v1/strategy-discussions/${c.discussionId}`),
        webhook(c.text.strategyChildWords, strategyRecordAccess(c, w, 'whenSent')),
      ],
    })),
  },
  {
    kind: 'strategy discussion: police contribution',
    records: perChild((c, w) => ({
      marker: c.text.policeContribution,
      access: strategyPoliceContributionAccess(c, w),
      showings: [
        page(`/strategy-discussions/${c.discussionId}`),
        api(`/api/v1/strategy-discussions/${c.discussionId}`),
        webhook(c.text.policeContribution, strategyPoliceContributionAccess(c, w, 'whenSent')),
      ],
    })),
  },
  {
    // An action the strategy discussion gave the police: its owner agency's list and page (closing it
    // is the owner's own part), and the meeting's record it was agreed in.
    kind: 'strategy discussion: police action',
    records: perChild((c, w) => {
      const owner = (viewer: Viewer) => viewer.actor.agencyId === POLICE
      const listed = may('action.view', w.now(c))
      return {
        marker: c.text.policeAction,
        access: may('part.write', {
          kind: 'own-part',
          of: { action: 'action.complete', resource: w.now(c) },
          for: 'action',
          askedAgencyIds: [POLICE],
        }),
        showings: [
          page(`/actions/${c.actionId}`),
          page('/actions', { path: 'work list', shape: 'list', access: listed, reaches: owner }),
          api('/api/v1/actions', { path: 'work list', shape: 'list', access: listed, reaches: owner }),
          page(`/strategy-discussions/${c.discussionId}/record`, { access: strategyRecordAccess(c, w) }),
        ],
      }
    }),
  },
  {
    // The page names no reference: what it says of the enquiry stands for it.
    kind: 's47 enquiry',
    records: perChild((c, w) => ({
      marker: 'Initial conference due by',
      access: section47Access(c, w),
      showings: [
        page(`/section-47/${c.section47Id}`),
        page(`/section-47/${c.section47Id}/conference`, { marker: 'Book the initial' }),
      ],
    })),
  },
  {
    // The child a step is about is named on its page, to whoever may read the step.
    kind: 'the child named on the section 47, conference and plan pages',
    records: perChild((c, w) => ({
      marker: c.familyName,
      access: section47Access(c, w),
      showings: [
        page(`/section-47/${c.section47Id}`),
        page(`/conferences/${c.conferenceId}`, { access: conferenceAccess(c, w) }),
        page(`/plans/${c.planId}`, { access: may('child.view', w.now(c)) }),
      ],
    })),
  },
  {
    kind: 'conference',
    records: perChild((c, w) => ({
      marker: c.conferenceReference,
      access: conferenceAccess(c, w),
      showings: [
        page(`/conferences/${c.conferenceId}`),
        page(`/conferences/${c.conferenceId}/record`),
        page(`/conferences/${c.conferenceId}/report`),
      ],
    })),
  },
  {
    // Each agency sees its own report on the report page; the others see only that it was sent.
    kind: 'conference: police report',
    records: perChild((c, w) => ({
      marker: c.text.policeReport,
      access: conferencePoliceReportAccess(c, w),
      showings: [
        page(`/conferences/${c.conferenceId}/report`, {
          reaches: (viewer) => viewer.actor.agencyId === POLICE,
        }),
      ],
    })),
  },
  {
    // Read by business support and the chair before the parents get it (here withheld, with the reason).
    kind: 'conference: police report, read for the parents',
    records: perChild((c, w) => ({
      marker: c.text.policeReport,
      access: may('conference.schedule', w.now(c)),
      showings: [page(`/conferences/${c.conferenceId}/reports/${POLICE}`)],
    })),
  },
  {
    kind: 'conference record (minutes)',
    records: perChild((c, w) => ({
      marker: c.text.conferenceMinutes,
      access: conferenceAccess(c, w),
      showings: [
        page(`/conferences/${c.conferenceId}/minutes`),
        page(`/conferences/${c.conferenceId}/minutes/edit`, {
          access: all(conferenceAccess(c, w), may('conference.chair', w.now(c))),
        }),
      ],
    })),
  },
  {
    // The child's wishes and feelings, in their own words, on the conference's record.
    kind: 'conference: the child’s own words',
    records: perChild((c, w) => ({
      marker: c.text.childViews,
      access: conferenceAccess(c, w),
      showings: [page(`/conferences/${c.conferenceId}/minutes`)],
    })),
  },
  {
    // An outcome the core group agreed, with the progress on it at each meeting.
    kind: 'child protection plan: core group outcomes and progress',
    records: perChild((c, w) => ({
      marker: c.text.planProgress,
      access: may('child.view', w.now(c)),
      showings: [
        page(`/plans/${c.planId}`),
        page(`/plans/${c.planId}/core-group`, { access: may('conference.schedule', w.now(c)) }),
      ],
    })),
  },
  {
    // The child's own words at a core group meeting, shown with the meeting on the plan.
    kind: 'child protection plan: the child’s own words at core group',
    records: perChild((c, w) => ({
      marker: c.text.planChildWords,
      access: may('child.view', w.now(c)),
      showings: [page(`/plans/${c.planId}`)],
    })),
  },
  {
    kind: 'child protection plan',
    records: perChild((c, w) => ({
      marker: c.text.plan,
      access: may('child.view', w.now(c)),
      showings: [
        page(`/plans/${c.planId}`),
        page(`/plans/${c.planId}/review`, { marker: 'Book the review' }),
        // The review still to book, in the organisers' diary.
        page('/diary', {
          path: 'work list',
          shape: 'list',
          marker: `/plans/${c.planId}`,
          access: all(may('conference.schedule', areaOf(w.now(c))), may('child.view', w.now(c))),
        }),
        page('/diary/to-book', {
          path: 'work list',
          shape: 'list',
          marker: `/plans/${c.planId}`,
          access: all(may('conference.schedule', areaOf(w.now(c))), may('child.view', w.now(c))),
        }),
        // The diary's download: the same rows, each with its page's address.
        page('/diary/download?format=csv', {
          path: 'export',
          shape: 'list',
          marker: `/plans/${c.planId}`,
          access: all(may('conference.schedule', areaOf(w.now(c))), may('child.view', w.now(c))),
        }),
      ],
    })),
  },
  {
    // The sender's own page of the event it shared.
    kind: 'shared event',
    records: perChild((c, w) => ({
      marker: c.text.sharedEvent,
      access: may('event.view', w.now(c)),
      showings: [
        // The summary: its sender's, as sent.
        senderPage(c, 'standard'),
        webhook(
          c.text.sharedEvent,
          (actor) => decide(actor, 'event.view', withAgency(w.whenSent(c), actor.agencyId)).allowed,
        ),
      ],
    })),
  },
  {
    kind: 'shared event: police-only details',
    records: perChild((c, w) => {
      const asSent = (actor: Actor) => withAgency(w.whenSent(c), actor.agencyId)
      const inbox = (actor: Actor) => withAgency(w.now(c), actor.agencyId)
      return {
        marker: c.text.policeIntelligence,
        access: all(may('event.view', w.now(c)), may('event.view', marked(w.now(c), 'police-restricted'))),
        showings: [
          // The police-only details: the event is marked police-restricted.
          senderPage(c, 'police-restricted'),
          page(inboxItem(c), {
            reaches: notified(c),
            access: (actor) =>
              decide(actor, 'event.view', inbox(actor)).allowed &&
              decide(actor, 'event.view', marked(inbox(actor), 'police-restricted')).allowed,
          }),
          webhook(
            c.text.policeIntelligence,
            (actor) =>
              decide(actor, 'event.view', asSent(actor)).allowed &&
              decide(actor, 'event.view', marked(asSent(actor), 'police-restricted')).allowed,
          ),
        ],
      }
    }),
  },
  {
    // What an agency is sent about a shared event: the item in its inbox, and the inbox list.
    kind: 'notification',
    records: perChild((c, w) => {
      const access: Access = (actor) =>
        decide(actor, 'event.view', withAgency(w.now(c), actor.agencyId)).allowed
      return {
        marker: c.text.sharedEvent,
        access,
        showings: [
          page(inboxItem(c), { reaches: notified(c) }),
          page('/sharing/inbox?show=all', { path: 'inbox list', shape: 'list', reaches: notified(c) }),
        ],
      }
    }),
  },
  {
    // Read by whom may read every screening of the child, or by the screening's own agency's people
    // who may screen the child (exploitation/workflow.ts).
    kind: 'exploitation screening',
    records: perChild((c, w) => {
      const access = any(
        may('exploitation.view', w.now(c)),
        all(may('exploitation.screen', w.now(c)), (actor) => actor.agencyId === ROLL_SCHOOL),
      )
      return {
        marker: c.text.screening,
        access,
        showings: [
          page(`/children/${c.childId}/exploitation-screenings/${c.screeningId}`),
          page(`/children/${c.childId}/exploitation-screenings`, {
            marker: `/exploitation-screenings/${c.screeningId}`,
          }),
          api(`/api/v1/children/${c.childId}/exploitation-screenings`),
        ],
      }
    }),
  },
  {
    // Read by its parties (the school that raised it, the child's LA it is with) and the
    // partnership's leads, as escalation/workflow.ts builds the disagreement for the policy; its words
    // and who the child is only for whom escalation.identify opens them to (the scrutineer through a
    // lead's grant of the child's record).
    kind: 'professional disagreement',
    records: perChild((c, w) => {
      const resource = {
        kind: 'disagreement',
        disagreementId: c.disagreementId,
        child: w.now(c),
        laId: w.now(c).laId,
        partyAgencyIds: [ROLL_SCHOOL, LA],
        userIds: [],
      } as const
      const access = all(may('escalation.view', resource), may('escalation.identify', resource))
      return {
        marker: c.text.disagreement,
        access,
        showings: [
          page(`/disagreements/${c.disagreementId}`),
          page(`/disagreements/${c.disagreementId}`, { marker: c.familyName }),
          page(`/disagreements/${c.disagreementId}/stage`, {
            marker: `/disagreements/${c.disagreementId}"`,
            access: may('escalation.view', resource),
          }),
          page(`/disagreements/${c.disagreementId}/stage`, { marker: c.familyName }),
          page('/disagreements', {
            path: 'work list',
            shape: 'list',
            marker: `/disagreements/${c.disagreementId}`,
            access: may('escalation.view', resource),
          }),
          page('/disagreements', {
            path: 'work list',
            shape: 'list',
            marker: c.familyName,
          }),
          api(`/api/v1/disagreements/${c.disagreementId}`),
        ],
      }
    }),
  },
  {
    // The child's missing episodes, with what the child said at the return home interview
    // (missing/workflow.ts): read by whom the policy lets read them.
    kind: 'missing episode: what the child said',
    records: perChild((c, w) => ({
      marker: c.text.missingChildSaid,
      access: may('missing.view', w.now(c)),
      showings: [
        page(`/children/${c.childId}/missing`),
        api(`/api/v1/children/${c.childId}/missing-episodes`),
      ],
    })),
  },
  {
    // A referral to MACE: on the MACE list, read by MACE's members only (mace/workflow.ts).
    kind: 'MACE referral',
    records: perChild((c, w) => ({
      marker: c.text.maceReason,
      access: may('mace.view', w.now(c)),
      showings: [
        page('/mace', {
          path: 'work list',
          shape: 'list',
          access: all(may('mace.view', areaOf(w.now(c))), may('mace.view', w.now(c))),
        }),
      ],
    })),
  },
  {
    // A child's discussion at a MACE meeting: its record, read by MACE's members only (mace/discussion.ts).
    kind: 'MACE discussion',
    records: perChild((c, w) => ({
      marker: c.text.maceDiscussion,
      access: may('mace.view', w.now(c)),
      showings: [page(`/mace/discussions/${c.maceDiscussionId}`)],
    })),
  },
  {
    // The MACE meeting a child was discussed at: its page names the child only to a reader the
    // policy lets read the child at MACE (mace/meetings.ts).
    kind: 'MACE meeting: the children discussed',
    records: perChild((c, w) => ({
      marker: c.familyName,
      access: may('mace.view', w.now(c)),
      showings: [
        page(`/mace/meetings/${c.maceMeetingId}`, {
          path: 'work list',
          shape: 'list',
          access: all(may('mace.view', areaOf(w.now(c))), may('mace.view', w.now(c))),
        }),
      ],
    })),
  },
  {
    // The review of a child's MACE discussion at a later meeting (its review date): a discussion's
    // record, read by MACE's members only (mace/discussion.ts recordReview).
    kind: 'MACE review',
    records: perChild((c, w) => ({
      marker: reviewText(c.text.maceDiscussion),
      access: may('mace.view', w.now(c)),
      showings: [page(`/mace/discussions/${c.maceReviewId}`)],
    })),
  },
  {
    // A police-only person flagged for the LA's MACE: on the agenda of its meetings to come for the
    // LA's MACE members who are police only (mace/agenda.ts, volt maceFlagsIn), the LA's own and the
    // whole partnership's (which gathers each LA's items for that LA's members).
    kind: 'MACE agenda: police-only person flagged',
    records: perChild((c, w) => ({
      marker: c.volt.restrictedName,
      access: all(may('mace.view', areaOf(w.now(c))), police),
      showings: [
        page(`/mace/meetings/${c.maceFlagMeetingId}`, { path: 'work list', shape: 'list' }),
        page(`/mace/meetings/${c.maceFlagPartnershipMeetingId}`, { path: 'work list', shape: 'list' }),
      ],
    })),
  },
  {
    // Its flag names the person: its clearing form, for the police who record in VOLT for the flag's
    // LA only (volt/mace-flag.ts flagToClear), anyone else finding no such flag; and through the API,
    // the person's flags and the LA's, for the police's systems (volt/api.ts).
    kind: 'VOLT flag for MACE: police-only person',
    records: perChild((c) => ({
      marker: c.volt.restrictedName,
      access: all(voltGate, police, may('volt.record', { kind: 'la', laId: 'leicester' })),
      showings: [
        page(`/volt/mace-flags/${c.maceFlagId}/clear`),
        api(`/api/v1/volt/persons/${c.volt.restrictedId}/mace-flags`, { access: all(voltGate, police) }),
        api('/api/v1/volt/mace-flags?laId=leicester', {
          shape: 'list',
          access: all(voltGate, police, may('volt.view', { kind: 'la', laId: 'leicester' })),
        }),
      ],
    })),
  },
  {
    // A child's move to another LA with its exploitation risk assessment (src/moves): its page and the
    // list of moves in and out, read by the placing LA's and the host LA's own staff only.
    kind: 'move across a border: the risk assessment',
    records: perChild((c, w) => {
      const move: MoveResource = {
        kind: 'move',
        moveId: c.moveId,
        child: w.now(c),
        laId: w.now(c).laId,
        hostLaId: 'leicestershire',
      }
      return {
        marker: c.text.moveRisk,
        access: may('move.view', move),
        showings: [
          page(`/moves/${c.moveId}`),
          page('/moves', { path: 'work list', shape: 'list', marker: c.familyName }),
        ],
      }
    }),
  },
  {
    // VOLT: a person of concern the police shared, linked to the child: on the child's exploitation
    // profile for whoever may read it (volt/workflow.ts childNetwork).
    kind: 'VOLT network: shared person',
    records: perChild((c, w) => ({
      marker: c.volt.sharedName,
      access: may('volt.view', w.now(c)),
      showings: [
        page(`/children/${c.childId}/exploitation-profile`),
        api(`/api/v1/children/${c.childId}/volt-network`),
      ],
    })),
  },
  {
    // A person the police keep to themselves: never on another agency's page, person page or search.
    kind: 'VOLT police-restricted person',
    records: perChild((c, w) => ({
      marker: c.volt.restrictedName,
      access: all(may('volt.view', w.now(c)), police),
      showings: [
        page(`/children/${c.childId}/exploitation-profile`),
        api(`/api/v1/children/${c.childId}/volt-network`),
        page(`/volt/persons/${c.volt.restrictedId}`, { access: all(voltGate, police) }),
        // Searched by part of the name, so the search box's echo is not the marker.
        page(`/volt/persons?q=RESTRICTED-${c.tag}`, {
          path: 'search result',
          shape: 'list',
          access: all(voltGate, police),
        }),
      ],
    })),
  },
  {
    // A link graded with handling code C (lawful sharing with conditions): the police's alone.
    kind: 'VOLT link with handling code C',
    records: perChild((c, w) => ({
      marker: c.volt.conditions,
      access: all(may('volt.view', w.now(c)), police),
      showings: [
        page(`/children/${c.childId}/exploitation-profile`),
        api(`/api/v1/children/${c.childId}/volt-network`),
        page('/volt/themes/cse', {
          shape: 'list',
          access: all(voltGate, may('volt.view', w.now(c)), police),
        }),
      ],
    })),
  },
  {
    // A disruption tactic used: its record and the child's list, read by whom the policy lets read the
    // child's disruption tactics and NRM referrals (disruption-nrm/workflow.ts).
    kind: 'disruption tactic',
    records: perChild((c, w) => ({
      marker: c.text.disruptionUsedBy,
      access: may('disruption-nrm.view', w.now(c)),
      showings: [
        page(`/disruptions/${c.disruptionNrm.disruptionId}`),
        page(`/children/${c.childId}/disruption-and-nrm`),
      ],
    })),
  },
  {
    // An NRM referral's conclusive grounds outcome: its record, as the policy says.
    kind: 'NRM referral',
    records: perChild((c, w) => ({
      marker: c.text.nrmOutcome,
      access: may('disruption-nrm.view', w.now(c)),
      showings: [page(`/nrm-referrals/${c.disruptionNrm.nrm.concluded}`)],
    })),
  },
  {
    // An NRM referral awaiting a decision: on the MACE coordinator's list, naming the child only to a
    // MACE member the policy lets read the child's NRM referrals.
    kind: 'NRM decisions awaited',
    records: perChild((c, w) => ({
      marker: c.familyName,
      access: may('disruption-nrm.view', w.now(c)),
      showings: [
        page('/nrm-referrals', {
          path: 'work list',
          shape: 'list',
          marker: `/nrm-referrals/${c.disruptionNrm.nrm.awaiting}`,
          access: all(may('mace.view', areaOf(w.now(c))), may('disruption-nrm.view', w.now(c))),
        }),
      ],
    })),
  },
  {
    // A request to the police for information (form 87a), awaiting the answer: its page and the
    // police's queue, for the police force asked, as the policy lets them answer (police-requests/).
    kind: 'form 87a request',
    records: perChild((c, w) => ({
      marker: c.text.policeRequest,
      access: may('police-request.answer', w.now(c)),
      showings: [
        page(`/police-requests/${c.policeRequests.awaiting}`, {
          reaches: (viewer) => viewer.actor.agencyId === POLICE,
        }),
        page('/police-requests', {
          path: 'work list',
          shape: 'list',
          reaches: (viewer) => viewer.actor.agencyId === POLICE,
          access: all(may('police-request.answer', areaOf(w.now(c))), may('police-request.answer', w.now(c))),
        }),
      ],
    })),
  },
  {
    // The police's answer to a form 87a request: for the police force asked (and the asker, a seed).
    kind: 'form 87a answer',
    records: perChild((c, w) => ({
      marker: c.text.policeAnswer,
      access: may('police-request.answer', w.now(c)),
      showings: [
        page(`/police-requests/${c.policeRequests.answered}`, {
          reaches: (viewer) => viewer.actor.agencyId === POLICE,
        }),
      ],
    })),
  },
  {
    // A return home interview still due: its form names the child; the LA's queue lists it.
    kind: 'missing episode: return home interview due',
    records: perChild((c, w) => ({
      marker: c.familyName,
      access: may('missing.interview', w.now(c)),
      showings: [
        page(`/missing/${c.missing.interviewDue}/interview`),
        page('/missing/return-interviews', {
          path: 'work list',
          shape: 'list',
          marker: `/missing/${c.missing.interviewDue}/interview`,
          access: all(may('missing.interview', areaOf(w.now(c))), may('missing.interview', w.now(c))),
        }),
      ],
    })),
  },
  {
    kind: 'chronology entry: shared event (standard)',
    records: perChild((c, w) => chronologyEntry(c, w, c.text.sharedEvent, 'standard', { alerting: true })),
  },
  {
    kind: 'chronology entry: police triage (police-restricted)',
    records: perChild((c, w) =>
      chronologyEntry(
        c,
        w,
        `${AGENCY_KIND_LABELS.police} added what its records hold to ${c.referralNumber}`,
        'police-restricted',
      ),
    ),
  },
  {
    kind: 'chronology entry: health triage (health-restricted)',
    records: perChild((c, w) =>
      chronologyEntry(
        c,
        w,
        `${AGENCY_KIND_LABELS.health} added what its records hold to ${c.referralNumber}`,
        'health-restricted',
      ),
    ),
  },
  {
    // Not a child's record: the LADO's, read whole by the LADO and the scrutineer (the children
    // unnamed, and the words that may name them withheld, unless a lead's grant covers every child
    // linked to it), by the referrer (their referral and its outcome) and by agencies invited to its
    // meetings (their meetings, with the meeting's calendar file).
    kind: 'LADO allegation',
    records: (w) => {
      const a = w.s.allegation
      const page = `/lado/allegations/${a.id}`
      const own = (viewer: Viewer) => viewer.actor.id === a.referrerId
      const identify = may('allegation.identify', a.resource)
      const linked = w.s.children.find((c) => c.childId === a.childId) as ScenarioChild
      return [
        {
          record: 'referred',
          marker: a.reference,
          access: may('allegation.view', a.resource),
          showings: [
            { path: 'page', by: 'user', shape: 'record', url: page },
            { path: 'work list', by: 'user', shape: 'list', url: '/lado/referrals', reaches: own },
          ],
        },
        {
          // What happened may name the children: allegation.identify's, as who they are.
          record: 'what the referrer told the LADO',
          marker: a.text.account,
          access: all(allegationRead(w, 'area', 'role', 'referrer'), identify),
          showings: [{ path: 'page', by: 'user', shape: 'record', url: page }],
        },
        {
          // Not the scrutineer's but through a grant: who the children are is the policy's to say.
          record: 'the children concerned',
          marker: a.text.children,
          access: all(allegationRead(w, 'area', 'role', 'referrer'), identify),
          showings: [{ path: 'page', by: 'user', shape: 'record', url: page }],
        },
        {
          // The child's record linked to it: named to whom may know who the children are and read the child.
          record: 'the child’s record linked',
          marker: linked.familyName,
          access: all(may('allegation.view', a.resource), identify, may('child.view', w.now(linked))),
          showings: [{ path: 'page', by: 'user', shape: 'record', url: page }],
        },
        {
          record: 'the allegation management meeting',
          marker: a.text.minutes,
          access: all(allegationRead(w, 'area', 'role', 'invited'), identify),
          showings: [{ path: 'page', by: 'user', shape: 'record', url: page }],
        },
        {
          record: 'the meeting’s calendar invitation',
          marker: `Allegation management meeting ${a.reference}`,
          access: allegationRead(w, 'area', 'role', 'invited'),
          showings: [
            {
              path: 'calendar file',
              by: 'user',
              shape: 'record',
              url: `${page}/meetings/${a.meetingId}/invitation.ics`,
            },
          ],
        },
        {
          record: 'the outcome',
          marker: a.text.outcome,
          access: allegationRead(w, 'area', 'role', 'referrer'),
          showings: [{ path: 'page', by: 'user', shape: 'record', url: page }],
        },
      ]
    },
  },
  {
    // The allegation listed on the record of the child the LADO linked it to: for whom the policy lets
    // read the child, the allegation and who its children are (a sealed child's record opens to nobody).
    kind: 'LADO allegation on the child’s record',
    records: (w) => {
      const a = w.s.allegation
      const linked = w.s.children.find((c) => c.childId === a.childId) as ScenarioChild
      return [
        {
          record: linked.tag,
          marker: a.reference,
          access: all(
            may('child.view', w.now(linked)),
            may('allegation.view', a.resource),
            may('allegation.identify', a.resource),
          ),
          showings: [page(`/children/${linked.childId}`)],
        },
      ]
    },
  },
  {
    // Not the child's record: the partnership's governance material, read whole by the child's LA's
    // safeguarding managers, the reviews lead and the scrutineer (the child unnamed), and by the
    // agencies invited to its rapid review for their own part (reviews/workflow.ts).
    kind: 'serious incident',
    records: (w) => {
      const i = w.incident
      const page = (url: string): Showing => ({ path: 'page', by: 'user', shape: 'record', url })
      const own = (agencyId: string) => (actor: Actor) =>
        incidentRead(w, 'area', 'role')(actor) ||
        (incidentRead(w, 'invited')(actor) && actor.agencyId === agencyId)
      const familyName = w.s.children.find((c) => c.childId === i.resource.child.childId)?.familyName ?? ''
      // Its managers read the practice review whole; the lead partners' signers (the police's and
      // health's safeguarding managers, the child's LA's) read its drafts to sign them (reviews/rules.ts signerOf).
      const draftReaders: Access = (actor) =>
        incidentRead(w, 'area', 'role')(actor) ||
        (may('review.sign', i.resource)(actor) && signerOf(actor, i.resource.laId) !== null)
      return [
        {
          record: 'notified',
          marker: i.reference,
          access: may('review.view', i.resource),
          showings: [
            page(`/reviews/${i.id}`),
            {
              path: 'work list',
              by: 'user',
              shape: 'list',
              url: '/reviews',
              access: may('review.view', i.resource),
            },
          ],
        },
        {
          record: 'what happened',
          marker: i.text.whatHappened,
          access: incidentRead(w, 'area', 'role'),
          showings: [page(`/reviews/${i.id}`), page(`/reviews/${i.id}/notification`)],
        },
        {
          record: 'who the child is',
          marker: familyName,
          // The scrutineer knows it only through a lead's grant of the child's record.
          access: all(may('review.view', i.resource), may('review.identify', i.resource)),
          showings: [
            page(`/reviews/${i.id}`),
            { path: 'work list', by: 'user', shape: 'list', url: '/reviews' },
          ],
        },
        {
          record: 'the health agency’s part',
          marker: i.text.healthPart,
          access: own(CASELOAD_HEALTH),
          showings: [page(`/reviews/${i.id}`)],
        },
        {
          record: 'the police part',
          marker: i.text.policePart,
          access: own(POLICE),
          showings: [page(`/reviews/${i.id}`)],
        },
        {
          record: 'the rapid review record',
          marker: i.text.facts,
          access: incidentRead(w, 'area', 'role'),
          showings: [page(`/reviews/${i.id}/record`)],
        },
        {
          record: 'the practice review’s draft',
          marker: i.text.draft,
          access: draftReaders,
          showings: [page(`/reviews/${i.id}/practice-review`)],
        },
        {
          // A draft uploaded as a file, downloaded (reviews/practice-review.ts draftFile).
          record: 'the practice review’s draft file',
          marker: i.text.draftFile,
          access: draftReaders,
          showings: [{ ...page(`/reviews/${i.id}/practice-review/drafts/1/file`), path: 'PDF' }],
        },
        {
          // Migration 0063: who is late with their part, to whoever reads the incident whole.
          record: 'who is late with their part',
          marker: i.text.lateOnPage,
          access: incidentRead(w, 'area', 'role'),
          showings: [
            page(`/reviews/${i.id}`),
            { path: 'work list', by: 'user', shape: 'list', url: '/reviews', marker: i.text.lateOnQueue },
          ],
        },
        {
          record: 'the evidence of a recommendation’s impact',
          marker: i.text.impact,
          access: incidentRead(w, 'area', 'role'),
          showings: [
            page(`/reviews/${i.id}`),
            { path: 'work list', by: 'user', shape: 'list', url: '/reviews/recommendations' },
          ],
        },
      ]
    },
  },
  {
    // No child's data: who a learning briefing reached (people's names, whether they have read it),
    // on its page and its download, for whoever oversees the partnership's learning (learning/workflow.ts).
    kind: 'learning briefing reach',
    records: (w) => {
      const { briefingId, readerName } = w.learning
      const oversees = may('learning.oversee', { kind: 'partnership' })
      const url = `/learning/briefings/${briefingId}`
      return [
        {
          record: 'who it reached',
          marker: readerName,
          access: oversees,
          showings: [
            { path: 'page', by: 'user', shape: 'record', url },
            { path: 'export', by: 'user', shape: 'record', url: `${url}/reach.csv` },
          ],
        },
      ]
    },
  },
  {
    // No child's data: an LA's monthly exploitation dataset (suppressed counts), downloaded by its
    // own analysts and the partnership's administrator (exploitation-dataset/workflow.ts).
    kind: 'exploitation dataset',
    records: () =>
      [
        { laId: 'leicester', line: '856,Leicester,' },
        { laId: 'rutland', line: '857,Rutland,' },
      ].map(({ laId, line }) => ({
        record: laId,
        marker: line,
        access: may('dataset.build', { kind: 'la', laId }),
        showings: [
          {
            path: 'export',
            by: 'user',
            shape: 'list',
            url: '/exploitation-dataset/download?format=csv',
            // Refused only when the viewer may build no LA's dataset at all.
            access: may('dataset.build', { kind: 'la', laId }),
          },
        ],
      })),
  },
  {
    // No child's data: an agency's yearly Section 11 or Section 175/157 return, read by its own
    // safeguarding managers, the partnership's administrator and its scrutineer, and no other agency.
    kind: 'self-assessment return',
    records: (w) => {
      const sa = w.selfAssessment
      return [sa.school, sa.health].map((own) => {
        const agency = { kind: 'agency', agencyId: own.agencyId } as const
        const link = `/self-assessment/returns/${own.id}`
        const list = (url: string, access: Access): Showing => ({
          path: 'work list',
          by: 'user',
          shape: 'list',
          url,
          marker: link,
          access,
        })
        return {
          record: own.agencyId,
          marker: own.evidence,
          access: may('self-assessment.view', agency),
          showings: [
            page(link),
            // The agency's own list of its returns, and the partnership's view of the round.
            list('/self-assessment', may('self-assessment.complete', agency)),
            list(
              `/self-assessment/rounds/${sa.roundId}`,
              may('self-assessment.view', { kind: 'partnership' }),
            ),
            // The partnership's download of the round's submitted ratings, with their evidence.
            {
              path: 'export',
              by: 'user',
              shape: 'record',
              url: `/self-assessment/rounds/${sa.roundId}/ratings?format=csv`,
              access: may('self-assessment.view', { kind: 'partnership' }),
              reaches: () => own.submitted,
            },
          ],
        }
      })
    },
  },
  {
    // The partnership's quality assurance: read whole by its leads; each agency asked to audit the
    // case reads its own part, and opens the child's record only while its audit grant lasts (the
    // police's has expired in the scenario) (case-audits/workflow.ts).
    kind: 'case audit',
    records: (w) => {
      const a = w.audit
      const page = (url: string, more: Partial<Showing> = {}): Showing => ({
        path: 'page',
        by: 'user',
        shape: 'record',
        url,
        ...more,
      })
      const read =
        (...bases: string[]): Access =>
        (actor) => {
          const decision = decide(actor, 'case-audit.view', a.resource)
          return decision.allowed && bases.includes(decision.basis)
        }
      const own = (agencyId: string): Access =>
        any(read('role'), (actor) => read('asked')(actor) && actor.agencyId === agencyId)
      const familyName = w.s.children.find((c) => c.childId === a.resource.child.childId)?.familyName ?? ''
      const audited = w.now(w.s.children.find((c) => c.childId === a.resource.child.childId) as ScenarioChild)
      return [
        {
          record: 'the sampled child',
          marker: familyName,
          access: may('case-audit.view', a.resource),
          showings: [
            page(`/case-audits/cases/${a.caseId}`),
            page(`/case-audits/programmes/${a.programmeId}`, {
              access: all(
                may('case-audit.manage', { kind: 'partnership' }),
                may('case-audit.view', a.resource),
              ),
            }),
            {
              path: 'work list',
              by: 'user',
              shape: 'list',
              url: '/case-audits',
              access: read('asked'),
            },
            // Named beside the findings in the scrutineer's workspace only through a current grant.
            page('/scrutiny', {
              path: 'work list',
              shape: 'list',
              access: all(may('scrutiny.view', { kind: 'partnership' }), may('child.view', audited)),
            }),
          ],
        },
        {
          record: 'the health agency’s part',
          marker: a.text.healthPart,
          access: own('llr-icb'),
          showings: [page(`/case-audits/cases/${a.caseId}`)],
        },
        {
          record: 'the police part',
          marker: a.text.policePart,
          access: own('leicestershire-police'),
          showings: [page(`/case-audits/cases/${a.caseId}`)],
        },
        {
          // The findings also reach the scrutineer's workspace, the child's names taken out of them
          // unless a current grant opens the child (scrutiny/findings.ts).
          record: 'the moderation',
          marker: a.text.findings,
          access: read('role'),
          showings: [
            page(`/case-audits/cases/${a.caseId}`),
            page('/scrutiny', {
              path: 'work list',
              shape: 'list',
              access: may('scrutiny.view', { kind: 'partnership' }),
            }),
          ],
        },
        {
          // The round's moderation meeting: on the case's page and its calendar file for whoever reads
          // the case, on the programme's for the leads, and in the invitation to the auditing agencies'
          // safeguarding managers (case-audits/meeting.ts).
          record: 'the moderation meeting',
          marker: a.text.meetingPlace,
          access: may('case-audit.view', a.resource),
          showings: [
            page(`/case-audits/cases/${a.caseId}`),
            page(`/case-audits/cases/${a.caseId}/moderation-meeting.ics`, { path: 'calendar file' }),
            page(`/case-audits/programmes/${a.programmeId}`, {
              access: all(
                may('case-audit.manage', { kind: 'partnership' }),
                may('case-audit.view', a.resource),
              ),
            }),
            page(`/case-audits/programmes/${a.programmeId}/moderation-meeting.ics?round=1`, {
              path: 'calendar file',
              access: may('case-audit.manage', { kind: 'partnership' }),
            }),
            email(a.text.meetingPlace, read('asked')),
          ],
        },
        {
          record: 'the child’s record through an audit grant',
          marker: familyName,
          access: may('case-audit.record', a.resource),
          showings: [page(`/case-audits/cases/${a.caseId}/record`)],
        },
      ]
    },
  },
  {
    // No child's data: the regional forum's feedback on MASA plans (masa-plan/workflow.ts, forum.ts).
    // What a forum elsewhere sent back shows on the plan's page to everyone who reads the plan; what
    // this installation's forum wrote to another partnership, to the forum alone (its page and the
    // feedback file it sends), never on this partnership's plan page.
    kind: 'MASA plan: regional forum feedback',
    records: (w) => {
      const partnership = { kind: 'partnership' } as const
      const forum = may('masa-plan.forum', partnership)
      return [
        {
          record: 'sent back by a forum elsewhere',
          marker: w.masaPlan.received,
          access: may('masa-plan.read', partnership),
          showings: [page('/masa-plan')],
        },
        {
          record: 'written to another partnership',
          marker: w.masaPlan.toOther,
          access: forum,
          showings: [
            page('/masa-plan/forum'),
            page('/masa-plan', { access: () => false }),
            page(`/masa-plan/forum/plans/${w.masaPlan.otherPlanId}/feedback.json`, { path: 'export' }),
          ],
        },
      ]
    },
  },
  {
    // No child's data: the MASA plan's own sections (masa-plan/workflow.ts), read by everyone signed
    // in (the plan's page lists them without their text). What was published stays in its version;
    // a section written since is only in the draft and the export.
    kind: 'MASA plan: a section',
    records: (w) => {
      const read = may('masa-plan.read', { kind: 'partnership' } as const)
      const { version } = w.masaPlan
      const published = `/masa-plan/versions/${version}`
      return [
        {
          record: 'as published',
          marker: w.masaPlan.published,
          access: read,
          showings: [
            page('/masa-plan/sections/vision'),
            page(published),
            page(`${published}/plan.pdf`, { path: 'PDF', marker: `: MASA plan, version ${version})` }),
            page(`${published}/file`, { path: 'export' }),
            page('/masa-plan/draft.pdf', { path: 'PDF', marker: ': MASA plan: working draft' }),
            page('/masa-plan/export', { path: 'export' }),
            // The regional forum compares this partnership's plan as it stands.
            page('/masa-plan/forum', { access: may('masa-plan.forum', { kind: 'partnership' }) }),
          ],
        },
        {
          record: 'written since',
          marker: w.masaPlan.draft,
          access: read,
          showings: [
            page('/masa-plan/sections/leadership'),
            page('/masa-plan/export', { path: 'export' }),
            page(published, { access: () => false }),
            page(`${published}/file`, { path: 'export', access: () => false }),
          ],
        },
      ]
    },
  },
  {
    // No child's data: a practitioner's place on a course's session, seen by them and by the
    // partnership's administrator who keeps the register (training/workflow.ts); what they said
    // after it, by them alone; the take-up, by the report's readers (and in the yearly report's
    // draft, for its readers: the session was held this reporting year).
    kind: 'training',
    records: (w) => {
      const tr = w.training
      const partnership = { kind: 'partnership' } as const
      const own: Access = all(may('training.book', partnership), (actor) => actor.id === tr.trainee.actor.id)
      const session = `/training/sessions/${tr.upcomingId}`
      return [
        {
          record: 'the waiting list',
          marker: tr.waitingName,
          access: may('training.manage', partnership),
          showings: [page(session)],
        },
        {
          record: 'a practitioner’s own place',
          marker: 'You have a place on this session',
          access: own,
          showings: [
            page(session),
            page('/training/mine', { path: 'work list', shape: 'list', marker: session }),
            // Moved from the waiting list into a freed place: the email names the session by its link.
            email(session, own),
          ],
        },
        {
          record: 'their evaluation',
          marker: tr.willDoDifferently,
          access: own,
          showings: [page(`/training/places/${tr.heldPlaceId}/follow-up`)],
        },
        {
          record: 'take-up by course',
          marker: tr.course,
          access: may('training.report', partnership),
          showings: [
            page('/training/report'),
            page(`/yearly-report/${w.yearlyReport.draftYear}`, {
              access: may('yearly-report.view', partnership),
            }),
          ],
        },
      ]
    },
  },
  {
    // The voice of children and families (voice/workflow.ts): the surveys sent after a conference,
    // on its survey page, for whoever may send them about its child; the families' own words, for
    // the business unit alone (five or more answered); what was changed, for the results' readers
    // and in this year's report, for its readers.
    kind: 'voice of children and families',
    records: (w) => {
      const v = w.voice
      const partnership = { kind: 'partnership' } as const
      return [
        {
          record: 'the surveys sent after a conference',
          marker: 'Answered',
          access: may('voice.issue', v.child),
          showings: [page(`/voice/conferences/${v.conferenceId}/survey`)],
        },
        {
          record: 'the families’ own words',
          marker: v.familyWords,
          access: all(may('voice.results', partnership), may('voice.manage', partnership)),
          showings: [page('/voice')],
        },
        {
          record: 'what we changed',
          marker: v.weChanged,
          access: may('voice.results', partnership),
          showings: [
            page('/voice'),
            page(`/yearly-report/${w.yearlyReport.draftYear}`, {
              access: may('yearly-report.view', partnership),
            }),
          ],
        },
      ]
    },
  },
  {
    // No child's data: the business unit's narrative of the yearly report (yearly-report/workflow.ts),
    // read in draft by the report's readers of drafts, and once published by everyone signed in.
    kind: 'yearly report',
    records: (w) => {
      const y = w.yearlyReport
      const partnership = { kind: 'partnership' } as const
      const drafts = may('yearly-report.view', partnership)
      return [
        {
          record: 'a draft’s narrative',
          marker: y.draftNarrative,
          access: drafts,
          showings: [
            page(`/yearly-report/${y.draftYear}`),
            page(`/yearly-report/${y.draftYear}/sections/voice`),
            page(`/yearly-report/${y.draftYear}/published`, { access: () => false }),
          ],
        },
        {
          record: 'as published',
          marker: y.publishedNarrative,
          access: may('yearly-report.read', partnership),
          showings: [
            page(`/yearly-report/${y.publishedYear}/published`),
            page(`/yearly-report/${y.publishedYear}/published.pdf`, {
              path: 'PDF',
              marker: `: yearly report, April ${y.publishedYear} to March ${y.publishedYear + 1})`,
            }),
            page(`/yearly-report/${y.publishedYear}`, { access: drafts }),
            page(`/yearly-report/${y.publishedYear}/sections/training`, { access: drafts }),
          ],
        },
      ]
    },
  },
  {
    // Independent scrutiny: the child's record opens to the scrutineer the leads granted it to, while
    // the grant lasts, and to no one else through it; the leads' and the scrutineer's list of grants
    // names the child only to whoever may open it; the workspace names no child but through a grant
    // (scrutiny/workflow.ts, findings.ts).
    kind: 'scrutiny grant',
    records: (w) => {
      const g = w.scrutiny
      const granted = w.now(w.s.children.find((c) => c.childId === g.childId) as ScenarioChild)
      return [
        {
          record: 'the granted child',
          marker: g.familyName,
          access: may('scrutiny.record', g.resource),
          showings: [
            page(`/scrutiny/grants/${g.grantId}`),
            // The grant form started from the child's record names the child to a lead who may grant it.
            page(`/scrutiny/grants/new?child=${g.childId}`, { access: may('scrutiny.grant', g.resource) }),
            page('/scrutiny/grants', {
              path: 'work list',
              shape: 'list',
              access: any(may('scrutiny.record', g.resource), may('scrutiny.grant', g.resource)),
            }),
            // The workspace names a child only beside a case audit's findings, and only through a
            // current grant (the scenario's audit is of the granted child).
            page('/scrutiny', {
              path: 'work list',
              shape: 'list',
              access: all(may('scrutiny.view', { kind: 'partnership' }), may('child.view', granted)),
            }),
          ],
        },
        {
          // The grant opens the child's own page and chronology, read-only, while it lasts.
          record: 'the granted child’s record and chronology',
          marker: g.familyName,
          access: may('child.view', granted),
          showings: [
            page(`/children/${g.childId}`),
            page(`/children/${g.childId}/chronology`, {
              path: 'chronology',
              access: may('chronology.view', granted),
            }),
          ],
        },
      ]
    },
  },
  {
    kind: 'audit entry: police contribution',
    records: perChild((c, w) => auditEntry(c, w.s.workers.police, c.auditRequests.policeContribution)),
  },
  {
    kind: 'audit entry: chair signing off',
    records: perChild((c, w) => auditEntry(c, w.s.workers.chair, c.auditRequests.chairSignOff)),
  },
]

/** An entry on the child's chronology is read under its own marking as well as the child's. */
function chronologyEntry(
  c: ScenarioChild,
  w: World,
  marker: string,
  marking: ChildResource['sensitivity'],
  { alerting = false } = {},
): Omit<RecordInstance, 'record'> {
  const child = w.now(c)
  const entry = marked(child, marking)
  return {
    marker,
    access: all(may('chronology.view', child), may('chronology.view', entry)),
    showings: [
      page(`/children/${c.childId}/chronology`, { path: 'chronology' }),
      page(`/children/${c.childId}/chronology/download?format=csv`, { path: 'export' }),
      page(`/children/${c.childId}`, {
        path: 'chronology',
        access: all(may('child.view', child), may('chronology.view', child), may('event.view', entry)),
      }),
      // Triage entries raise no alert: they must never be on anyone's alerts page.
      page('/alerts', {
        path: 'work list',
        shape: 'list',
        reaches: (viewer) => alerting && w.alertsReach(c, viewer),
        access: all(may('child.view', child), may('chronology.view', child), may('chronology.view', entry)),
      }),
    ],
  }
}

/** An audit entry is read through the audit search of the agency whose person made it. */
function auditEntry(c: ScenarioChild, worker: Actor, requestId: string): Omit<RecordInstance, 'record'> {
  return {
    marker: `request ${requestId}`,
    access: may('audit.search', { kind: 'agency', agencyId: worker.agencyId }),
    showings: [
      page(`/admin/audit?childId=${c.childId}&userId=${worker.id}`, { path: 'audit search', shape: 'list' }),
      // The search's download (itself audited), filtered the same way.
      page(`/admin/audit/download?childId=${c.childId}&userId=${worker.id}&format=csv`, {
        path: 'export',
        shape: 'list',
      }),
    ],
  }
}

// ---------------------------------------------------------------------------
// Running the cells

interface Cell {
  kind: string
  record: string
  viewer: Viewer
  showing: Showing
  url: string
  marker: string
  expected: boolean
}

interface Observed {
  shown: boolean
  /** Why the answer is wrong whatever the expectation (e.g. a 500). */
  problem?: string
  status?: number
}

const cellName = (cell: Cell): string =>
  `${cell.kind} [${cell.record}] x ${cell.viewer.name} x ${cell.showing.path} ${cell.url}`.trim()

function matchesDefect(cell: Cell, defect: KnownDefect): boolean {
  const is = (pattern: string, value: string) => pattern === '*' || pattern === value
  return (
    is(defect.kind, cell.kind) &&
    is(defect.path, cell.showing.path) &&
    is(defect.viewer, cell.viewer.name) &&
    is(defect.record, cell.record)
  )
}

describe('the read-path matrix: every record x viewer x path agrees with the policy', () => {
  let t: TestApp
  let s: Scenario
  let w: World
  const pages = new Map<string, Promise<{ status: number; body: string }>>()
  const fetch = (viewer: Viewer, url: string) => {
    const key = `${viewer.name} ${url}`
    let answer = pages.get(key)
    if (!answer) {
      answer = viewer.get(url).then((response) => ({
        status: response.statusCode,
        body: response.rawPayload.toString('latin1'),
      }))
      pages.set(key, answer)
    }
    return answer
  }
  let payloads: Map<string, string[]>

  before(async () => {
    t = await startTestApp()
    const partnership = await loadPartnershipConfig(DEMO_PARTNERSHIPS.llr)
    s = await seedReadPathScenario(t, partnership)
    const reviews = await seedReviews(t, partnership, s)
    s.viewers.push(...reviews.viewers)
    const selfAssessment = await seedSelfAssessment(t, partnership)
    s.viewers.push(...selfAssessment.viewers)
    const audits = await seedCaseAudits(t, partnership, s)
    s.viewers.push(...audits.viewers)
    s.viewers.push(...(await seedDatasetViewers(t, partnership)))
    const scrutiny = await seedScrutiny(t, partnership, s)
    s.viewers.push(...scrutiny.viewers)
    const masaPlan = await seedMasaPlan(t, partnership)
    const training = await seedTraining(t, partnership, s)
    s.viewers.push(...training.viewers)
    const [admin] = training.viewers as [Viewer]
    const voice = await seedVoice(t, partnership, admin)
    const yearlyReport = await seedYearlyReport(t, partnership, admin)
    const learning = await seedLearning(t, partnership)
    const now = await getChildResources(
      t.database.db,
      s.children.map((c) => c.childId),
    )
    const resource = (map: Map<string, ChildResource>, c: ScenarioChild) => {
      const found = map.get(c.childId)
      if (!found) throw new Error(`no child ${c.tag}`)
      return found
    }
    const referrals = new Map<string, ReferralResource>()
    for (const c of s.children)
      referrals.set(
        c.childId,
        await t.database.db
          .transaction()
          .execute(async (trx) =>
            referralResource(trx, (await findReferral(trx, c.referralId)) as ReferralRow),
          ),
      )
    const referral = (c: ScenarioChild) => referrals.get(c.childId) as ReferralResource
    const files = new Map<string, Awaited<ReturnType<typeof meetingFiles>>>()
    const meetingFiles = async (c: ScenarioChild) => {
      const [discussion, conference] = await Promise.all([
        findDiscussionFile(t.database.db, c.discussionId),
        findConferenceFile(t.database.db, c.conferenceId),
      ])
      if (!discussion || !conference) throw new Error(`no meetings for ${c.tag}`)
      return { discussion, conference }
    }
    for (const c of s.children) files.set(c.childId, await meetingFiles(c))
    const recorded = await t.database.db
      .selectFrom('domain_event')
      .select(['child_id', 'actor_id', sql<boolean>`type = 'sharing.event-shared'`.as('shared')])
      .where(
        'child_id',
        'in',
        s.children.map((c) => c.childId),
      )
      .execute()
    const recordedBy = (c: ScenarioChild, actorId: string, shared?: boolean) =>
      recorded.some((e) => e.child_id === c.childId && e.actor_id === actorId && (!shared || e.shared))
    const worksWith = (c: ScenarioChild, actor: Actor) => {
      const { involvement } = resource(now, c)
      return (
        involvement.agencyIds.includes(actor.agencyId) ||
        involvement.userIds.includes(actor.id) ||
        recordedBy(c, actor.id)
      )
    }
    w = {
      s,
      incident: reviews.incident,
      learning,
      selfAssessment: selfAssessment.selfAssessment,
      audit: audits.audit,
      scrutiny: scrutiny.scrutiny,
      masaPlan,
      training: training.training,
      voice,
      yearlyReport,
      now: (c) => resource(now, c),
      whenSent: (c) => resource(s.whenSent, c),
      referral,
      referralWhenSent: (c) => ({ ...referral(c), child: resource(s.whenSent, c) }),
      meeting: (c, which, at = 'now') => {
        const child = resource(at === 'now' ? now : s.whenSent, c)
        const file = files.get(c.childId) as Awaited<ReturnType<typeof meetingFiles>>
        return which === 'strategy'
          ? discussionMeeting(child, file.discussion)
          : conferenceMeeting(child, file.conference)
      },
      alertsReach: (c, viewer) => worksWith(c, viewer.actor) && !recordedBy(c, viewer.actor.id, true),
    }
    payloads = await readPayloads(t, s.viewers)
  })
  after(() => t.close())

  const observe = async (cell: Cell): Promise<Observed> => {
    const { showing, viewer, marker } = cell
    if (showing.shape === 'payload') {
      const sent = payloads.get(viewer.name) ?? []
      return { shown: sent.some((body) => body.includes(marker)) }
    }
    const { status, body } = await fetch(viewer, cell.url)
    const shown = body.includes(marker)
    if (showing.shape === 'list') {
      if (status === 200 || status === 403) return { shown: status === 200 && shown, status }
      return { shown, status, problem: `answered ${status}` }
    }
    if (status === 200) return { shown, status }
    if (status === 403 || status === 404)
      return { shown, status, ...(shown ? { problem: 'refused, yet shows it' } : {}) }
    return { shown, status, problem: `answered ${status}` }
  }

  /** Whether the outcome agrees with the policy. Emails and webhooks are checked one way: never sent where refused. */
  const agrees = (cell: Cell, seen: Observed) => {
    if (seen.problem) return false
    if (cell.showing.shape === 'payload') return !seen.shown || cell.expected
    return seen.shown === cell.expected
  }

  it('relates the viewers to the children as they are named', async () => {
    const involvements = await t.database.db
      .selectFrom('child_involvement')
      .select(['child_id', 'agency_id', 'kind'])
      .where('ended_at', 'is', null)
      .where('user_id', 'is', null)
      .execute()
    for (const c of s.children) {
      const kinds = (agencyId: string) =>
        [
          ...new Set(
            involvements
              .filter((i) => i.child_id === c.childId && i.agency_id === agencyId)
              .map((i) => i.kind),
          ),
        ].sort()
      assert.deepEqual(kinds(POLICE), ['action', 'meeting', 'shared-event'], `police and ${c.tag}`)
      assert.deepEqual(kinds(INVITED_HEALTH), ['meeting', 'shared-event'], `invited health and ${c.tag}`)
      assert.deepEqual(
        kinds(ROLL_SCHOOL),
        ['exploitation-screening', 'roll'],
        `the school with ${c.tag} on its roll, which screened them`,
      )
      assert.deepEqual(
        kinds(CASELOAD_HEALTH),
        ['caseload'],
        `the health agency with ${c.tag} on its caseload`,
      )
      assert.deepEqual(kinds(LEFT_COLLEGE), [], `the college ${c.tag} left`)
      const left = await t.database.db
        .selectFrom('child_involvement')
        .select('kind')
        .where('child_id', '=', c.childId)
        .where('agency_id', '=', LEFT_COLLEGE)
        .where('ended_at', 'is not', null)
        .execute()
      assert.deepEqual(
        left.map((i) => i.kind),
        ['roll'],
        `the college's ended involvement with ${c.tag} is history`,
      )
      assert.deepEqual(kinds(SCHOOL), [], `the referrer's school and ${c.tag}`)
      assert.deepEqual(kinds(HOSPITAL), [], `the hospital and ${c.tag}`)
    }
  })

  it('agrees with the policy in every cell', async () => {
    const cells: Cell[] = []
    for (const recordKind of RECORD_KINDS)
      for (const instance of await recordKind.records(w))
        for (const showing of instance.showings)
          for (const viewer of s.viewers.filter((v) => v.kind === showing.by)) {
            const access = showing.access ?? instance.access
            const reaches = showing.reaches?.(viewer) ?? true
            const url = typeof showing.url === 'function' ? showing.url(viewer) : (showing.url ?? '')
            cells.push({
              kind: recordKind.kind,
              record: instance.record,
              viewer,
              showing,
              url,
              marker: showing.marker ?? instance.marker,
              expected: reaches && access(viewer.actor),
            })
          }

    const failures: string[] = []
    const stillFailing = new Set<KnownDefect>()
    const tally = new Map<string, { allowed: number; refused: number; shown: number }>()
    // Several requests at once: on PostgreSQL they overlap.
    const observed = await mapInPool(cells, 4, observe)
    for (const [index, cell] of cells.entries()) {
      const seen = observed[index] as Observed
      const ok = agrees(cell, seen)
      const count = tally.get(cell.showing.path) ?? { allowed: 0, refused: 0, shown: 0 }
      count[cell.expected ? 'allowed' : 'refused'] += 1
      if (seen.shown) count.shown += 1
      tally.set(cell.showing.path, count)
      if (ok) continue
      const defect = KNOWN_DEFECTS_BEING_FIXED.find((candidate) => matchesDefect(cell, candidate))
      if (defect) stillFailing.add(defect)
      else
        failures.push(
          `${cellName(cell)}: policy ${cell.expected ? 'allows' : 'refuses'}, ${seen.shown ? 'shown' : 'not shown'}${
            seen.status ? ` (${seen.status})` : ''
          }${seen.problem ? `, ${seen.problem}` : ''}`,
        )
    }
    console.log(
      `read-path matrix: ${cells.length} cases run (${RECORD_KINDS.length} kinds of record x ${s.viewers.length} viewers x ${tally.size} paths)`,
    )
    for (const [path, n] of tally)
      console.log(`  ${path}: ${n.allowed} allowed, ${n.refused} refused by the policy; shown in ${n.shown}`)
    assert.ok(
      failures.length === 0,
      `${failures.length} cells disagree with the policy:\n${failures.join('\n')}`,
    )
    const fixed = KNOWN_DEFECTS_BEING_FIXED.filter((defect) => !stillFailing.has(defect))
    assert.deepEqual(
      fixed,
      [],
      'no cell fails for these any more: remove them from KNOWN_DEFECTS_BEING_FIXED',
    )
  })
})

/** work(item) for every item, `size` at a time; the results in the items' order. */
async function mapInPool<T, R>(
  items: readonly T[],
  size: number,
  work: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = []
  let next = 0
  const worker = async () => {
    while (next < items.length) {
      const index = next
      next += 1
      results[index] = await work(items[index] as T)
    }
  }
  await Promise.all(Array.from({ length: size }, worker))
  return results
}

/** Every email to each user viewer and every webhook to each system viewer's agency, as sent. */
async function readPayloads(t: TestApp, viewers: readonly Viewer[]): Promise<Map<string, string[]>> {
  const db = t.database.db
  const emails = await db
    .selectFrom('notification_outbox')
    .select(['recipient', 'personalisation', 'reference'])
    .execute()
  const hooks = await db
    .selectFrom('webhook_delivery')
    .innerJoin('webhook_subscription', 'webhook_subscription.id', 'webhook_delivery.subscription_id')
    .select(['webhook_subscription.agency_id', 'webhook_delivery.body'])
    .execute()
  const byViewer = new Map<string, string[]>()
  for (const viewer of viewers)
    byViewer.set(
      viewer.name,
      viewer.kind === 'user'
        ? emails
            .filter((e) => e.recipient === viewer.email)
            .map((e) => `${e.reference ?? ''} ${JSON.stringify(e.personalisation)}`)
        : hooks.filter((h) => h.agency_id === viewer.actor.agencyId).map((h) => h.body),
    )
  return byViewer
}
