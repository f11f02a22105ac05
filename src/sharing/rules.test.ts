import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import fc from 'fast-check'
import type { Agency } from '../partnership/config-schema.ts'
import {
  acknowledgementDueAt,
  acknowledgementOfEvent,
  acknowledgementState,
  agencyMayRead,
  checkItem,
  contentHash,
  corroborated,
  type KnownChild,
  recipientsOf,
  type Sender,
} from './rules.ts'
import type { SharedEventInput } from './schemas.ts'

const police: Sender = { agencyId: 'leicestershire-police', agencyKind: 'police' }
const school: Sender = { agencyId: 'leicester-schools', agencyKind: 'education' }
const now = new Date('2026-11-06T12:00:00Z')

function arrest(overrides: Partial<SharedEventInput> = {}): SharedEventInput {
  return {
    senderEventId: 'LP-2026-0001',
    type: 'arrest',
    occurredAt: '2026-11-06T09:30:00Z',
    children: [{ nhsNumber: '943 476 5919' }],
    adults: [{ givenName: 'Sam', familyName: 'Example', role: 'suspect' }],
    summary: 'Adult in the household arrested on suspicion of assault',
    sensitivity: 'police-restricted',
    restrictedDetails: 'Intelligence source: neighbour report',
    lawfulBasis: 'dpa2018-sch8-para4',
    risk: 'medium',
    ...overrides,
  }
}

const errorsOf = (value: unknown, sender = police) => {
  const check = checkItem(value, sender, now)
  return check.ok ? [] : check.errors
}

describe('checking one shared event', () => {
  it('accepts a police arrest and stores the NHS number in its 10-digit form', () => {
    const check = checkItem(arrest(), police, now)
    assert.ok(check.ok)
    assert.equal(check.item.children[0]?.nhsNumber, '9434765919')
  })

  it('names each field at fault', () => {
    const errors = errorsOf(arrest({ children: [{ nhsNumber: '9434765918' }], risk: 'severe' as 'high' }))
    assert.deepEqual(
      errors.map((e) => e.field),
      ['risk'],
    )
    assert.match(errors[0]?.message ?? '', /high, medium, low/)
    assert.deepEqual(errorsOf(arrest({ children: [{ nhsNumber: '9434765918' }] })), [
      { field: 'children[0].nhsNumber', message: 'This is not a valid NHS number: check the digits' },
    ])
  })

  it('reports a missing field and an unknown one', () => {
    const { summary: _, ...withoutSummary } = arrest()
    assert.deepEqual(errorsOf({ ...withoutSummary, colour: 'red' }), [
      { field: 'summary', message: 'is required' },
      { field: 'colour', message: 'is not a recognised field' },
    ])
  })

  it('keeps police key events and Schedule 8 to police, and markings to their owners', () => {
    const fields = errorsOf(arrest(), school).map((e) => e.field)
    assert.deepEqual(fields, ['type', 'lawfulBasis', 'sensitivity'])
  })

  it('needs restricted details exactly when the event is marked restricted', () => {
    assert.deepEqual(
      errorsOf(arrest({ restrictedDetails: undefined })).map((e) => e.field),
      ['restrictedDetails'],
    )
    assert.deepEqual(
      errorsOf(arrest({ sensitivity: 'standard' })).map((e) => e.field),
      ['restrictedDetails'],
    )
  })

  it('needs a way to find each child', () => {
    assert.deepEqual(
      errorsOf(arrest({ children: [{ givenName: 'Ann' }] })).map((e) => e.field),
      ['children[0]'],
    )
    assert.ok(
      checkItem(
        arrest({ children: [{ givenName: 'Ann', familyName: 'Lee', dateOfBirth: '2015-02-03' }] }),
        police,
        now,
      ).ok,
    )
  })

  it('refuses a future event and a date of birth that is not a date', () => {
    const future = errorsOf(arrest({ occurredAt: '2026-12-01T00:00:00Z' })).map((e) => e.field)
    assert.deepEqual(future, ['occurredAt'])
    const child = { givenName: 'A', familyName: 'B', dateOfBirth: '2015-02-30' }
    const fields = errorsOf(arrest({ children: [child] })).map((e) => e.field)
    assert.deepEqual(fields, ['children[0].dateOfBirth'])
  })

  it('refuses hearing, bail and order dates that are no day of the calendar', () => {
    const court = { court: 'Leicester Magistrates', date: '2026-02-31' }
    assert.deepEqual(
      errorsOf(arrest({ type: 'court-date', hearing: court })).map((e) => e.field),
      ['hearing.date'],
    )
    assert.deepEqual(
      errorsOf(arrest({ order: { kind: 'dvpo', madeOn: '2026-99-99' } })).map((e) => e.field),
      ['order.madeOn'],
    )
    assert.deepEqual(
      errorsOf(arrest({ bailUntil: '2026-04-31' })).map((e) => e.field),
      ['bailUntil'],
    )
  })

  it('needs the facts each event type carries', () => {
    assert.deepEqual(
      errorsOf(arrest({ type: 'bail' })).map((e) => e.field),
      ['bailConditions'],
    )
    assert.deepEqual(
      errorsOf(
        arrest({
          type: 'bail',
          bailConditions: [{ kind: 'no-contact-with-child', description: 'No contact' }],
        }),
      ).map((e) => e.field),
      ['bailConditions[0].child'],
    )
    assert.ok(
      checkItem(
        arrest({
          type: 'bail',
          bailConditions: [{ kind: 'no-contact-with-child', description: 'No contact', child: 0 }],
        }),
        police,
        now,
      ).ok,
    )
    assert.deepEqual(
      errorsOf(arrest({ type: 'court-order' })).map((e) => e.field),
      ['order'],
    )
    assert.deepEqual(
      errorsOf(arrest({ type: 'charge' })).map((e) => e.field),
      ['offences'],
    )
    assert.deepEqual(
      errorsOf(
        arrest({
          type: 'new-association',
          association: { from: { adult: 3 }, to: { child: 0, adult: 0 }, relationship: 'x' },
        }),
      ).map((e) => e.field),
      ['association.from.adult', 'association.to'],
    )
  })

  it('never throws, whatever arrives', () => {
    fc.assert(fc.property(fc.anything(), (value) => Array.isArray(errorsOf(value))))
  })

  it('fingerprints content regardless of key order', () => {
    const a = arrest()
    const reordered = Object.fromEntries(Object.entries(a).reverse()) as SharedEventInput
    assert.equal(contentHash(a), contentHash(reordered))
    assert.notEqual(contentHash(a), contentHash(arrest({ summary: 'Different' })))
  })
})

const agencies: Agency[] = [
  { id: 'leicester-city-council', name: 'Leicester', kind: 'local-authority', la: 'leicester' },
  { id: 'rutland-county-council', name: 'Rutland', kind: 'local-authority', la: 'rutland' },
  { id: 'leicestershire-police', name: 'Police', kind: 'police', serves: 'all' },
  { id: 'other-police', name: 'Other police', kind: 'police', serves: 'all' },
  { id: 'llr-community-health', name: 'Health visiting', kind: 'health', serves: 'all' },
  { id: 'leicester-schools', name: 'Schools', kind: 'education', serves: ['leicester'] },
]

describe('who must know', () => {
  it('tells the LA of the child and every involved agency once, never the sender', () => {
    const recipients = recipientsOf({
      senderAgencyId: 'leicestershire-police',
      sensitivity: 'police-restricted',
      children: [
        {
          laId: 'leicester',
          sensitivity: 'standard',
          involvedAgencyIds: ['leicester-schools', 'llr-community-health', 'leicestershire-police'],
        },
        {
          laId: 'leicester',
          sensitivity: 'standard',
          involvedAgencyIds: ['leicester-schools', 'other-police'],
        },
      ],
      agencies,
    })
    assert.deepEqual(recipients, [
      { agencyId: 'leicester-city-council', seesRestricted: false },
      { agencyId: 'leicester-schools', seesRestricted: false },
      { agencyId: 'llr-community-health', seesRestricted: false },
      { agencyId: 'other-police', seesRestricted: true },
    ])
  })

  it('shows health-restricted details to health only, and leaves out agencies the policy refuses', () => {
    const recipients = recipientsOf({
      senderAgencyId: 'leicester-city-council',
      sensitivity: 'health-restricted',
      children: [
        {
          laId: 'rutland',
          sensitivity: 'standard',
          involvedAgencyIds: ['llr-community-health', 'leicester-schools'],
        },
      ],
      agencies,
      mayReceive: (agency, { sensitivity }) =>
        agency.id !== 'leicester-schools' && (sensitivity === 'standard' || agency.kind === 'health'),
    })
    assert.deepEqual(recipients, [
      { agencyId: 'llr-community-health', seesRestricted: true },
      { agencyId: 'rutland-county-council', seesRestricted: false },
    ])
  })

  it('tells only police about a child whose own record is police-restricted, and nobody about a sealed one', () => {
    const told = (sensitivity: 'police-restricted' | 'sealed') =>
      recipientsOf({
        senderAgencyId: 'leicestershire-police',
        sensitivity: 'standard',
        children: [
          { laId: 'leicester', sensitivity, involvedAgencyIds: ['leicester-schools', 'other-police'] },
        ],
        agencies,
      }).map((r) => r.agencyId)
    assert.deepEqual(told('police-restricted'), ['other-police'])
    assert.deepEqual(told('sealed'), [])
  })

  it('never includes the sender and never repeats an agency', () => {
    const ids = agencies.map((a) => a.id)
    fc.assert(
      fc.property(
        fc.constantFrom(...ids),
        fc.array(
          fc.record({
            laId: fc.constantFrom('leicester', 'rutland'),
            sensitivity: fc.constantFrom('standard', 'police-restricted', 'health-restricted', 'sealed'),
            involvedAgencyIds: fc.subarray(ids),
          }),
        ),
        (sender, children) => {
          const got = recipientsOf({
            senderAgencyId: sender,
            sensitivity: 'standard',
            children,
            agencies,
          }).map((r) => r.agencyId)
          return !got.includes(sender) && new Set(got).size === got.length
        },
      ),
    )
  })
})

describe('sharing makes the sender involved only with a corroborated child', () => {
  const child: KnownChild = {
    id: 'c1',
    foundId: 'c1',
    laId: 'leicester',
    nhsNumber: '9434765919',
    upn: null,
    givenName: 'Ava',
    familyName: 'Testchild',
    dateOfBirth: '2015-03-02',
    sensitivity: 'standard',
  }
  it('takes names and date of birth agreeing with the record, whatever their case', () => {
    assert.equal(
      corroborated(
        { nhsNumber: '9434765919', givenName: 'AVA', familyName: 'testchild', dateOfBirth: '2015-03-02' },
        child,
      ),
      true,
    )
    assert.equal(
      corroborated({ givenName: 'Ava', familyName: 'Testchild', dateOfBirth: '2015-03-02' }, child),
      true,
    )
  })
  it('never takes an identifier alone, or one that the name or date of birth contradicts', () => {
    assert.equal(corroborated({ nhsNumber: '9434765919' }, child), false)
    assert.equal(corroborated({ childId: 'c1' }, child), false)
    assert.equal(
      corroborated(
        { nhsNumber: '9434765919', givenName: 'Ava', familyName: 'Testchild', dateOfBirth: '2015-03-03' },
        child,
      ),
      false,
    )
    assert.equal(
      corroborated(
        { givenName: 'Ava', familyName: 'Testchild', dateOfBirth: '2015-03-02' },
        { ...child, dateOfBirth: null },
      ),
      false,
    )
  })
})

describe('acknowledgement clocks', () => {
  it('is due by the end of the next working day: received Friday, overdue from Tuesday', () => {
    const due = acknowledgementDueAt(new Date('2026-11-06T15:00:00Z'), 'medium')
    assert.equal(due.toISOString(), '2026-11-10T00:00:00.000Z')
    assert.equal(
      acknowledgementState({ dueAt: due, acknowledgedAt: null }, new Date('2026-11-09T23:59:00Z')),
      'due',
    )
    assert.equal(
      acknowledgementState({ dueAt: due, acknowledgedAt: null }, new Date('2026-11-10T00:00:00Z')),
      'overdue',
    )
  })

  it('tells a sender how the event stands with everyone told together: the earliest overdue first', () => {
    const early = new Date('2026-11-09T00:00:00Z')
    const late = new Date('2026-11-10T00:00:00Z')
    const told = [
      { dueAt: early, acknowledgedAt: new Date('2026-11-08T09:00:00Z') },
      { dueAt: late, acknowledgedAt: null },
      { dueAt: early, acknowledgedAt: null },
    ]
    assert.deepEqual(acknowledgementOfEvent(told, new Date('2026-11-08T12:00:00Z')), {
      state: 'due',
      dueAt: early,
    })
    assert.deepEqual(acknowledgementOfEvent(told, early), { state: 'overdue', dueAt: early })
    const done = told.map((notification) => ({ ...notification, acknowledgedAt: late }))
    assert.deepEqual(acknowledgementOfEvent(done, late), { state: 'acknowledged', dueAt: null })
  })

  it('skips bank holidays and follows British Summer Time', () => {
    // Friday 22 May 2026; Monday 25 May is the spring bank holiday; BST is UTC+1.
    const due = acknowledgementDueAt(new Date('2026-05-22T10:00:00Z'), 'low')
    assert.equal(due.toISOString(), '2026-05-26T23:00:00.000Z')
  })

  it('gives high-risk events 24 clock hours, configurable', () => {
    const received = new Date('2026-11-07T10:00:00Z')
    assert.equal(acknowledgementDueAt(received, 'high').toISOString(), '2026-11-08T10:00:00.000Z')
    assert.equal(
      acknowledgementDueAt(received, 'high', { workingDays: 2, highRiskHours: 4 }).toISOString(),
      '2026-11-07T14:00:00.000Z',
    )
    assert.equal(
      acknowledgementDueAt(received, 'low', { workingDays: 2, highRiskHours: 4 }).toISOString(),
      '2026-11-11T00:00:00.000Z',
    )
  })

  it('is acknowledged once acknowledged, however late', () => {
    const state = acknowledgementState({ dueAt: new Date(0), acknowledgedAt: new Date(1) }, now)
    assert.equal(state, 'acknowledged')
  })
})

describe('the access policy asked for each receiving agency', () => {
  it('gives restricted details to the marking’s agencies only, and nothing about a sealed child', () => {
    const byKind = (kind: Agency['kind']) => agencies.find((a) => a.kind === kind) as Agency
    assert.equal(agencyMayRead(byKind('police'), { sensitivity: 'police-restricted' }), true)
    assert.equal(agencyMayRead(byKind('education'), { sensitivity: 'police-restricted' }), false)
    assert.equal(agencyMayRead(byKind('health'), { sensitivity: 'health-restricted' }), true)
    assert.equal(agencyMayRead(byKind('local-authority'), { sensitivity: 'standard' }), true)
    assert.equal(agencyMayRead(byKind('police'), { sensitivity: 'sealed' }), false)
  })
})
