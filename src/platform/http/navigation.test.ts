import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import fc from 'fast-check'
import { type Actor, type AgencyKind, ROLES, type Role } from '../access/actor.ts'
import { type Action, decide, type Resource } from '../access/policy.ts'
import { DESTINATIONS, navigationFor } from './navigation.ts'

const user = (...roles: Role[]): Actor => ({
  kind: 'user',
  id: 'u1',
  displayName: 'Test User',
  agencyId: 'agency',
  agencyKind: 'local-authority',
  grants: roles.map((role) => ({ role, laId: null })),
})
const texts = (actor: Actor | null, path = '/') => navigationFor(actor, path).map((item) => item.text)

describe('service navigation', () => {
  it('offers the public pages and sign-in to someone not signed in', () => {
    assert.deepEqual(texts(null), ['Worried about a child?', 'Sign in'])
  })

  it('shows a screener the front door and not the administration pages', () => {
    const links = texts(user('front-door-screener'))
    assert.ok(links.includes('Front door'))
    assert.ok(!links.includes('Administration'))
    assert.ok(!links.includes('Sign out'), 'beside the name, not in the navigation')
  })

  it('shows an independent scrutineer the audit but no case pages', () => {
    const links = texts(user('independent-scrutineer'))
    assert.ok(links.includes('Audit'))
    for (const casework of ['Front door', 'Find a child', 'Shared events', 'Diary'])
      assert.ok(!links.includes(casework))
  })

  it('shows a safeguarding manager their agency’s shared events, and no administration or front door', () => {
    const links = texts(user('safeguarding-manager'))
    assert.ok(links.includes('Shared events'))
    for (const other of ['Administration', 'Audit', 'Front door', 'Diary']) assert.ok(!links.includes(other))
  })

  it('offers the roll and caseload page to the safeguarding managers of schools and health, not of other agencies', () => {
    const manager = (agencyKind: Actor['agencyKind']) =>
      texts({ ...user('safeguarding-manager'), agencyKind })
    assert.ok(manager('education').includes('Roll and caseload'))
    assert.ok(manager('health').includes('Roll and caseload'))
    for (const kind of ['local-authority', 'police', 'other'] as const)
      assert.ok(!manager(kind).includes('Roll and caseload'), kind)
    assert.ok(!texts({ ...user('mat-practitioner'), agencyKind: 'education' }).includes('Roll and caseload'))
  })

  it('marks Home on the home page only', () => {
    const activeOn = (path: string) =>
      navigationFor(user('front-door-screener'), path)
        .filter((item) => item.active)
        .map((item) => item.text)
    assert.deepEqual(activeOn('/'), ['Home'])
    assert.deepEqual(activeOn('/front-door'), ['Front door'])
  })

  it('marks the section of the current page', () => {
    const active = navigationFor(user('front-door-screener'), '/front-door?la=leicester').filter(
      (item) => item.active,
    )
    assert.deepEqual(
      active.map((item) => item.text),
      ['Front door'],
    )
  })

  it('marks a referral as front-door work for the front door, and as the referrer’s own for a referrer', () => {
    const activeFor = (role: Role, path: string) =>
      navigationFor(user(role), path)
        .filter((item) => item.active)
        .map((item) => item.text)
    assert.deepEqual(activeFor('front-door-screener', '/referrals/0b7c/decision'), ['Front door'])
    assert.deepEqual(activeFor('front-door-screener', '/referrals/new'), ['Refer a child'])
    assert.deepEqual(activeFor('referrer', '/referrals/0b7c'), ['Refer a child'])
    assert.deepEqual(activeFor('referrer', '/children-of-nobody'), [])
  })

  it('leads business support from the navigation to the meetings waiting to be booked, marked there', () => {
    const links = texts(user('business-support'))
    assert.ok(links.includes('To book'))
    assert.ok(links.indexOf('To book') < links.indexOf('Diary'))
    const active = navigationFor(user('business-support'), '/diary/to-book').filter((item) => item.active)
    assert.deepEqual(
      active.map((item) => item.text),
      ['To book'],
    )
    assert.ok(!texts(user('referrer')).includes('To book'))
  })

  it('shows a referrer where to refer a child, and no “Find a child”, which the policy refuses them', () => {
    const links = texts(user('referrer'))
    assert.ok(links.includes('Refer a child'))
    assert.ok(!links.includes('Find a child'))
  })

  it('shows the database upkeep page to a partnership administrator only', () => {
    assert.ok(texts(user('partnership-admin')).includes('Database upkeep'))
    for (const role of ROLES.filter((each) => each !== 'partnership-admin'))
      assert.ok(!texts(user(role)).includes('Database upkeep'), role)
  })

  it('marks the administration page a link leads to, not the first under /admin', () => {
    const active = (path: string) =>
      navigationFor(user('partnership-admin'), path)
        .filter((item) => item.active)
        .map((item) => item.text)
    assert.deepEqual(active('/admin/audit'), ['Audit'])
    assert.deepEqual(active('/admin/database'), ['Database upkeep'])
    assert.deepEqual(active('/admin/api-clients'), ['Administration'])
    assert.deepEqual(active('/admin/users/u2/roles'), ['Administration'])
  })
})

// What each page asks the policy before it shows anything, written out here rather than read from
// navigation.ts: a link is shown exactly when one of its page's questions is allowed.
const LAS = ['north', 'south']
const PAGE_QUESTIONS: Record<string, (actor: Actor) => [Action, Resource][]> = {
  '/front-door': () =>
    LAS.flatMap((laId) => [
      ['referral.screen', { kind: 'la', laId }],
      ['mat.contribute', { kind: 'la', laId }],
    ]),
  '/referrals/new': () => LAS.map((laId) => ['referral.create', { kind: 'la', laId }]),
  '/': () => [],
  '/children/search': () => [['child.search', { kind: 'partnership' }]],
  // The inbox lists the events of the actor's own agency: a child that agency is involved with.
  '/sharing/inbox': (actor) => [
    [
      'event.view',
      {
        kind: 'child',
        childId: 'c1',
        laId: 'north',
        sensitivity: 'standard',
        involvement: { agencyIds: [actor.agencyId], userIds: [actor.id] },
      },
    ],
  ],
  // The agency's own actions: each about a child the agency is involved with (through the action).
  '/actions': (actor) => [
    [
      'action.view',
      {
        kind: 'child',
        childId: 'c1',
        laId: 'north',
        sensitivity: 'standard',
        involvement: { agencyIds: [actor.agencyId], userIds: [] },
      },
    ],
  ],
  '/lado/refer': () => LAS.map((laId) => ['allegation.refer', { kind: 'la', laId }]),
  '/lado/report': () => LAS.map((laId) => ['allegation.report', { kind: 'la', laId }]),
  '/lado': () => LAS.map((laId) => ['allegation.manage', { kind: 'la', laId }]),
  // A disagreement the actor's agency is party to, or a child they may raise one about.
  '/disagreements': (actor) => {
    const child = {
      kind: 'child',
      childId: 'c1',
      laId: 'north',
      sensitivity: 'standard',
      involvement: { agencyIds: [actor.agencyId], userIds: [actor.id] },
    } as const
    return [
      ['escalation.raise', child],
      [
        'escalation.view',
        {
          kind: 'disagreement',
          disagreementId: 'd1',
          child,
          laId: 'north',
          partyAgencyIds: [actor.agencyId],
          userIds: [actor.id],
        },
      ],
    ]
  },
  '/intelligence': () => LAS.map((laId) => ['statistics.view', { kind: 'la', laId }]),
  // The comparison of operating models: the partnership's figures beside other partnerships' files.
  '/model-comparison': () => [['statistics.compare', { kind: 'partnership' }]],
  '/disagreements/report': () => LAS.map((laId) => ['escalation.report', { kind: 'la', laId }]),
  // The statutory returns of an LA (its census checks, its Annex A lists).
  '/returns': () => LAS.map((laId) => ['returns.prepare', { kind: 'la', laId }]),
  // The exploitation dataset: an LA's counts, built by its analysts; the regional view's files.
  '/exploitation-dataset': () => [
    ...LAS.map((laId): [Action, Resource] => ['dataset.build', { kind: 'la', laId }]),
    ['dataset.compare', { kind: 'partnership' }],
  ],
  // The MACE list: the children referred in an LA.
  '/mace': () => LAS.map((laId) => ['mace.view', { kind: 'la', laId }]),
  // Moves across borders: those into and out of an LA.
  '/moves': () => LAS.map((laId) => ['move.view', { kind: 'la', laId }]),
  // VOLT's places, themes, persons and hotspots: an LA's, for whoever reads, records or holds persons of concern.
  '/volt': () =>
    LAS.flatMap((laId) => [
      ['volt.view', { kind: 'la', laId }],
      ['volt.record', { kind: 'la', laId }],
      ['volt.person', { kind: 'la', laId }],
    ]),
  // Form 87a requests awaiting the police's answer in an LA.
  '/police-requests': () => LAS.map((laId) => ['police-request.answer', { kind: 'la', laId }]),
  // Serious incidents: those of an LA's children, or one the actor's agency is invited to review.
  '/reviews': (actor) => [
    ...LAS.map((laId): [Action, Resource] => ['review.view', { kind: 'la', laId }]),
    [
      'review.view',
      {
        kind: 'review',
        reviewId: 'r1',
        child: {
          kind: 'child',
          childId: 'c1',
          laId: 'north',
          sensitivity: 'standard',
          involvement: { agencyIds: [], userIds: [] },
        },
        laId: 'north',
        invitedAgencyIds: [actor.agencyId],
      },
    ],
  ],
  // Case audits: the partnership's programmes, or a case the actor's agency is asked to audit.
  '/case-audits': (actor) => [
    ['case-audit.view', { kind: 'partnership' }],
    [
      'case-audit.view',
      {
        kind: 'case-audit',
        caseId: 'a1',
        child: {
          kind: 'child',
          childId: 'c1',
          laId: 'north',
          sensitivity: 'standard',
          involvement: { agencyIds: [], userIds: [] },
        },
        laId: 'north',
        auditingAgencyIds: [actor.agencyId],
        grantedAgencyIds: [],
      },
    ],
  ],
  // The return home interviews due for the children of an LA.
  '/missing/return-interviews': () => LAS.map((laId) => ['missing.interview', { kind: 'la', laId }]),
  '/diary/to-book': () =>
    LAS.flatMap((laId) => [
      ['strategy.schedule', { kind: 'la', laId }],
      ['conference.schedule', { kind: 'la', laId }],
    ]),
  '/diary': () =>
    LAS.flatMap((laId) => [
      ['strategy.schedule', { kind: 'la', laId }],
      ['conference.schedule', { kind: 'la', laId }],
    ]),
  '/learning': () => [['learning.read', { kind: 'partnership' }]],
  '/training': () => [
    ['training.book', { kind: 'partnership' }],
    ['training.manage', { kind: 'partnership' }],
  ],
  // The caller's own agency's return, or every agency's.
  '/self-assessment': (actor) =>
    (['self-assessment.view', 'self-assessment.complete', 'self-assessment.manage'] as const).flatMap(
      (action): [Action, Resource][] => [
        [action, { kind: 'agency', agencyId: actor.agencyId }],
        [action, { kind: 'partnership' }],
      ],
    ),
  // The partnership's yearly report: every signed-in person reads it once published.
  '/yearly-report': () => [['yearly-report.read', { kind: 'partnership' }]],
  // What children, families and practitioners told the partnership (counts, no names).
  '/voice': () => [['voice.results', { kind: 'partnership' }]],
  // The partnership's MASA plan: every signed-in person reads it.
  '/masa-plan': () => [['masa-plan.read', { kind: 'partnership' }]],
  '/alerts': () => [],
  '/threshold-tool': () => [],
  '/admin/users': (actor) => [['user.administer', { kind: 'agency', agencyId: actor.agencyId }]],
  '/admin/audit': (actor) => [['audit.search', { kind: 'agency', agencyId: actor.agencyId }]],
  '/admin/break-glass': (actor) => [['break-glass.report', { kind: 'agency', agencyId: actor.agencyId }]],
  '/admin/database': () => [['maintenance.view', { kind: 'partnership' }]],
  '/admin/retention': () => [['retention.view', { kind: 'partnership' }]],
  '/declarations': (actor) => [['roll.declare', { kind: 'agency', agencyId: actor.agencyId }]],
  // The scrutineer's workspace (aggregates); the leads' list of grants to the scrutineer.
  '/scrutiny': () => [['scrutiny.view', { kind: 'partnership' }]],
  '/scrutiny/grants': () => [['scrutiny.grant', { kind: 'partnership' }]],
}
const OPEN_TO_EVERYONE = new Set(['/', '/alerts', '/threshold-tool'])

const actorArb = fc
  .record({
    agency: fc.constantFrom<[string, AgencyKind, string | undefined]>(
      ['north-council', 'local-authority', 'north'],
      ['police', 'police', undefined],
      ['health-trust', 'health', undefined],
      ['north-schools', 'education', undefined],
      ['probation', 'other', undefined],
    ),
    grants: fc.array(
      fc.record({ role: fc.constantFrom(...ROLES), laId: fc.constantFrom('north', 'south', null) }),
      {
        maxLength: 3,
      },
    ),
  })
  .map(
    ({ agency: [agencyId, agencyKind, agencyLaId], grants }): Actor => ({
      kind: 'user',
      id: 'u1',
      displayName: 'Test User',
      agencyId,
      agencyKind,
      ...(agencyLaId ? { agencyLaId } : {}),
      grants,
    }),
  )

describe('service navigation follows the access policy', () => {
  it('knows what every destination’s page asks', () => {
    assert.deepEqual(DESTINATIONS.map((d) => d.href).sort(), Object.keys(PAGE_QUESTIONS).sort())
  })

  it('shows a link exactly when the policy allows what its page asks, whatever the roles', () => {
    fc.assert(
      fc.property(actorArb, (actor) => {
        const shown = new Set(navigationFor(actor, '/').map((item) => item.href))
        for (const [href, questions] of Object.entries(PAGE_QUESTIONS)) {
          const allowed =
            OPEN_TO_EVERYONE.has(href) ||
            questions(actor).some(([action, resource]) => decide(actor, action, resource as never).allowed)
          assert.equal(shown.has(href), allowed, `${href} for ${JSON.stringify(actor.grants)}`)
        }
      }),
      { numRuns: 1000 },
    )
  })
})
