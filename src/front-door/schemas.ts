// The front door's API inputs and outputs: one TypeBox schema gives the TypeScript type, the runtime
// validation and the OpenAPI document. Shape only; what a value means is checked in validation.ts.

import { type Static, type TLiteral, type TSchema, type TUnion, Type } from '@sinclair/typebox'
import { PART_MARKINGS } from '../platform/access/policy.ts'
import { CalendarDate } from '../platform/http/schemas.ts'
import { CONSENTS, MAT_AGENCY_KINDS, OUTCOMES, QUEUES, REFERRAL_SOURCES, ROUTES, URGENCIES } from './rules.ts'

const SHORT = 200
const LONG = 10_000

/** One of a fixed set of strings, typed as their union. */
const literals = <T extends string>(values: readonly T[], description: string) =>
  Type.Union(
    values.map((value) => Type.Literal(value)),
    { description },
  ) as unknown as TUnion<TLiteral<T>[]>

const keysOf = <T extends object>(record: T) => Object.keys(record) as (keyof T & string)[]

const Text = (description: string, maxLength = SHORT) => Type.String({ maxLength, description })

export const ChildDetails = Type.Object(
  {
    firstName: Text('first name'),
    lastName: Text('last name'),
    otherNames: Type.Optional(Text('other names the child is known by')),
    dateOfBirth: Type.Optional(CalendarDate('date of birth, if known')),
    address: Type.Optional(Text('home address', 500)),
    postcode: Type.Optional(Text('home postcode: routes the referral to the child’s LA', 10)),
    school: Type.Optional(Text('school or nursery')),
    nhsNumber: Type.Optional(Text('NHS number (10 digits, check digit validated)', 20)),
    upn: Type.Optional(Text('unique pupil number (13 characters, check letter validated)', 20)),
  },
  { additionalProperties: false, description: 'the child as the referrer knows them' },
)
export type ChildDetails = Static<typeof ChildDetails>

export const ReferrerDetails = Type.Object(
  {
    name: Text('full name'),
    role: Text('job title or role'),
    email: Text('email address for feedback'),
    phone: Type.Optional(Text('phone number', 30)),
  },
  { additionalProperties: false, description: 'who is referring; the agency is the caller’s own' },
)
export type ReferrerDetails = Static<typeof ReferrerDetails>

export const ReferralInput = Type.Object(
  {
    child: ChildDetails,
    localAuthority: Type.Optional(
      Text('the id of the child’s LA in the partnership configuration, when the postcode does not settle it'),
    ),
    whatHappened: Text('what happened: what was seen, heard or said, and when', LONG),
    worries: Text('what worries the referrer about the child', LONG),
    familyKnows: Text('what the family knows about this referral', LONG),
    consent: literals(keysOf(CONSENTS), 'whether the family consented to the referral'),
    lawfulBasisWithoutConsent: Type.Optional(
      Text('the lawful basis for sharing without consent (required unless consent is given)', 1000),
    ),
    urgency: literals(URGENCIES, 'urgent referrals go to the top of the queue'),
    referralSource: literals(keysOf(REFERRAL_SOURCES), 'CIN census ReferralSource code'),
    referrer: ReferrerDetails,
    thresholdResult: Type.Optional(
      Type.Record(Type.String(), Type.Unknown(), { description: 'a result from the threshold tool' }),
    ),
  },
  { additionalProperties: false },
)
export type ReferralInput = Static<typeof ReferralInput>

export const MatContributionInput = Type.Object(
  {
    recordsHold: Text('what this agency’s own records hold about the child', LONG),
    household: Text('what this agency’s records hold about the household and adults around the child', LONG),
    lawfulBasis: Text('the lawful basis for sharing it', 1000),
    marking: Type.Optional(
      literals(
        PART_MARKINGS,
        'who beyond the front door may read it: police may mark theirs police-only, health health-only; standard by default',
      ),
    ),
  },
  { additionalProperties: false },
)
export type MatContributionInput = Static<typeof MatContributionInput>

export const DecisionInput = Type.Object(
  {
    outcome: literals(keysOf(OUTCOMES), 'the threshold decision'),
    levelOfNeed: Type.Integer({ minimum: 1, maximum: 4, description: 'level of need, 1 to 4' }),
    reasons: Text('the reasons for the decision', LONG),
    feedbackToReferrer: Text('what the referrer is told: only what may be shared with them', LONG),
  },
  { additionalProperties: false },
)
export type DecisionInput = Static<typeof DecisionInput>

export const ApiDecisionInput = Type.Composite(
  [
    DecisionInput,
    Type.Object({
      decidedBy: Type.Optional(
        Type.String({
          format: 'email',
          maxLength: 320,
          description:
            'required from an agency system: the email of the person in your agency who made the decision; they must be entitled to decide it',
        }),
      ),
    }),
  ],
  { additionalProperties: false },
)
export type ApiDecisionInput = Static<typeof ApiDecisionInput>

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()])

export const DecisionView = Type.Object({
  outcome: Type.String(),
  outcomeLabel: Type.String(),
  levelOfNeed: Type.Integer(),
  decidedAt: Type.String({ format: 'date-time' }),
  workingDaysTaken: Type.Integer(),
  withinTimescale: Type.Boolean(),
  feedbackToReferrer: Type.String(),
  reasons: Type.Optional(Type.String({ description: 'for the front door only' })),
})

export const MatContributionView = Type.Object({
  agencyId: Type.String(),
  agencyKind: Type.String({ description: `kind of agency: ${MAT_AGENCY_KINDS.join(', ')}` }),
  recordsHold: Type.String(),
  household: Type.String(),
  lawfulBasis: Type.String(),
  contributedBy: Type.String(),
  contributedAt: Type.String({ format: 'date-time' }),
})

export const ReferralView = Type.Object({
  id: Type.String({ format: 'uuid' }),
  number: Type.String({ description: 'the reference people quote, e.g. FD-000042' }),
  laId: Type.String(),
  childId: Nullable(Type.String()),
  route: Type.Optional(Type.String({ description: `front door only: how it arrived: ${ROUTES.join(', ')}` })),
  queue: Type.Optional(
    Type.String({ description: `front door only: the queue that decides it: ${QUEUES.join(', ')}` }),
  ),
  urgency: Type.String({ description: URGENCIES.join(' or ') }),
  status: Type.String({
    description:
      'the front door sees where the referral is (awaiting-screening, in-triage, awaiting-strategy-discussion, decided); ' +
      'its sender sees sent or decided only, the same whatever masa knows about the child',
  }),
  receivedAt: Type.String({ format: 'date-time' }),
  decisionDueBy: Type.String({ format: 'date' }),
  outOfHours: Nullable(Type.Object({ teamName: Type.String(), phone: Type.String() })),
  decision: Nullable(DecisionView),
  matContributions: Type.Optional(Type.Array(MatContributionView)),
})
export type ReferralView = Static<typeof ReferralView>

export const QueueEntry = Type.Object({
  id: Type.String({ format: 'uuid' }),
  number: Type.String(),
  laId: Type.String(),
  childName: Type.String(),
  receivedAt: Type.String({ format: 'date-time' }),
  route: Type.String(),
  queue: Type.String(),
  urgency: Type.String(),
  decisionDueBy: Type.String({ format: 'date' }),
  tags: Type.Array(Type.String()),
  matContributed: Type.Array(Type.String()),
})
export type QueueEntry = Static<typeof QueueEntry>
