// The front door's API inputs and outputs: one TypeBox schema gives the TypeScript type, the runtime
// validation and the OpenAPI document, and the words a person is shown when a field is missing, too
// long or not valid. Shape only; what a value means is checked in rules.ts.

import { type Static, type TSchema, Type } from '@sinclair/typebox'
import { MAT_AGENCY_KINDS, PART_MARKINGS } from '../platform/access/policy.ts'
import {
  CalendarDate,
  compileInput,
  fieldMessages,
  keysOf,
  literals,
  Text,
} from '../platform/http/schemas.ts'

// ---------------------------------------------------------------------------
// The front door's vocabulary: the values its inputs and outputs take

export const URGENCIES = ['urgent', 'standard'] as const
export type Urgency = (typeof URGENCIES)[number]

export const CONSENTS = {
  given: 'Yes, the family agreed to this referral',
  'not-sought': 'No, I have not asked the family',
  refused: 'No, the family refused',
} as const
export type Consent = keyof typeof CONSENTS

/** The DfE Children in Need census ReferralSource codes. */
export const REFERRAL_SOURCES = {
  '1A': 'Individual: family member, relative or carer',
  '1B': 'Individual: acquaintance (including neighbours and childminders)',
  '1C': 'Individual: self',
  '1D': 'Individual: other',
  '2A': 'Schools',
  '2B': 'Education services',
  '3A': 'Health services: GP',
  '3B': 'Health services: health visitor',
  '3C': 'Health services: school nurse',
  '3D': 'Health services: other primary health services',
  '3E': 'Health services: A&E',
  '3F': 'Health services: other',
  '4': 'Housing',
  '5A': 'LA services: social care',
  '5B': 'LA services: other internal',
  '5C': 'LA services: external (for example another LA)',
  '5D': 'LA services: early help',
  '6': 'Police',
  '7': 'Other legal agency',
  '8': 'Other',
  '9': 'Anonymous',
  '10': 'Unknown',
} as const
export type ReferralSource = keyof typeof REFERRAL_SOURCES

export const ROUTES = ['la-screening', 'mat', 'strategy-discussion', 'out-of-hours'] as const
export type Route = (typeof ROUTES)[number]
export type Queue = Exclude<Route, 'out-of-hours'>
export const QUEUES: readonly Queue[] = ['la-screening', 'mat', 'strategy-discussion']

export type MatAgencyKind = (typeof MAT_AGENCY_KINDS)[number]

export const OUTCOMES = {
  'nfa-advice': 'No further action, with advice or signposting',
  'early-help': 'Early help',
  'cin-assessment-s17': 'Child in need assessment (section 17)',
  'strategy-discussion-s47': 'Strategy discussion (section 47)',
  'immediate-protection': 'Immediate protection',
} as const
export type Outcome = keyof typeof OUTCOMES

/** Why a model 2 decision is taken before every agency has added its information. */
export const WITHOUT_CONTRIBUTIONS_REASONS = {
  urgent: 'The child is at urgent risk: the decision cannot wait',
  'agency-unavailable': 'An agency could not be reached in time',
  other: 'Another reason',
} as const
export type WithoutContributionsReason = keyof typeof WITHOUT_CONTRIBUTIONS_REASONS

const SHORT = 200
const LONG = 10_000

export const ChildDetails = Type.Object(
  {
    firstName: Text({
      description: 'first name',
      label: 'first name',
      maxLength: SHORT,
      missing: 'Enter the child’s first name',
    }),
    lastName: Text({
      description: 'last name',
      label: 'last name',
      maxLength: SHORT,
      missing: 'Enter the child’s last name',
    }),
    otherNames: Type.Optional(
      Text({ description: 'other names the child is known by', label: 'other names', maxLength: SHORT }),
    ),
    dateOfBirth: Type.Optional(
      CalendarDate('date of birth, if known', { invalid: 'Date of birth must be a real date' }),
    ),
    address: Type.Optional(Text({ description: 'home address', label: 'home address', maxLength: 500 })),
    postcode: Type.Optional(
      Text({
        description: 'home postcode: routes the referral to the child’s LA',
        maxLength: 10,
        invalid: 'Enter a real postcode, like LE1 6ZG',
      }),
    ),
    school: Type.Optional(
      Text({ description: 'school or nursery', label: 'school or nursery', maxLength: SHORT }),
    ),
    nhsNumber: Type.Optional(
      Text({
        description: 'NHS number (10 digits, check digit validated)',
        maxLength: 20,
        invalid: 'Enter an NHS number with 10 digits, like 485 777 3456',
      }),
    ),
    upn: Type.Optional(
      Text({
        description: 'unique pupil number (13 characters, check letter validated)',
        maxLength: 20,
        invalid: 'Enter a UPN of 13 characters, like A123456789012',
      }),
    ),
  },
  { additionalProperties: false, description: 'the child as the referrer knows them' },
)
export type ChildDetails = Static<typeof ChildDetails>

export const ReferrerDetails = Type.Object(
  {
    name: Text({
      description: 'full name',
      label: 'full name',
      maxLength: SHORT,
      missing: 'Enter your full name',
    }),
    role: Text({
      description: 'job title or role',
      label: 'job title or role',
      maxLength: SHORT,
      missing: 'Enter your job title or role',
    }),
    email: Text({
      description: 'email address for feedback',
      label: 'email address',
      maxLength: SHORT,
      missing: 'Enter your email address',
    }),
    phone: Type.Optional(
      Text({
        description: 'phone number',
        maxLength: 30,
        invalid: 'Enter a phone number, like 01632 960 001',
      }),
    ),
  },
  { additionalProperties: false, description: 'who is referring; the agency is the caller’s own' },
)
export type ReferrerDetails = Static<typeof ReferrerDetails>

export const ReferralInput = Type.Object(
  {
    child: ChildDetails,
    localAuthority: Type.Optional(
      Text({
        description:
          'the id of the child’s LA in the partnership configuration, when the postcode does not settle it',
        invalid: 'Select the area the child lives in',
      }),
    ),
    whatHappened: Text({
      description: 'what happened: what was seen, heard or said, and when',
      label: 'what happened',
      maxLength: LONG,
      missing: 'Enter what happened',
    }),
    worries: Text({
      description: 'what worries the referrer about the child',
      label: 'what worries you about the child',
      maxLength: LONG,
      missing: 'Enter what worries you about the child',
    }),
    familyKnows: Text({
      description: 'what the family knows about this referral',
      label: 'what the family knows',
      maxLength: LONG,
      missing: 'Enter what the family knows about this referral',
    }),
    consent: literals(keysOf(CONSENTS), 'whether the family consented to the referral', {
      missing: 'Select whether the family has agreed to this referral',
    }),
    lawfulBasisWithoutConsent: Type.Optional(
      Text({
        description: 'the lawful basis for sharing without consent (required unless consent is given)',
        label: 'the lawful basis',
        maxLength: 1000,
      }),
    ),
    urgency: literals(URGENCIES, 'urgent referrals go to the top of the queue', {
      missing: 'Select how urgent it is',
    }),
    referralSource: literals(keysOf(REFERRAL_SOURCES), 'CIN census ReferralSource code', {
      missing: 'Select where you work',
    }),
    referrer: ReferrerDetails,
    thresholdResult: Type.Optional(
      Type.Record(Type.String(), Type.Unknown(), { description: 'a result from the threshold tool' }),
    ),
  },
  { additionalProperties: false },
)
export type ReferralInput = Static<typeof ReferralInput>
export const referralCheck = compileInput(ReferralInput)
/** The referral's fields in the order the form asks them, so problems are listed in that order. */
export const REFERRAL_FIELDS = [
  'child.firstName',
  'child.lastName',
  'child.otherNames',
  'child.dateOfBirth',
  'child.address',
  'child.postcode',
  'localAuthority',
  'child.school',
  'child.nhsNumber',
  'child.upn',
  'whatHappened',
  'worries',
  'familyKnows',
  'consent',
  'lawfulBasisWithoutConsent',
  'urgency',
  'referrer.name',
  'referrer.role',
  'referrer.email',
  'referrer.phone',
  'referralSource',
]

export const MatContributionInput = Type.Object(
  {
    recordsHold: Text({
      description: 'what this agency’s own records hold about the child',
      label: 'what your records hold about the child',
      maxLength: LONG,
      missing: 'Enter what your agency’s records hold about the child',
    }),
    household: Text({
      description: 'what this agency’s records hold about the household and adults around the child',
      label: 'what your records hold about the household',
      maxLength: LONG,
      missing: 'Enter what your agency’s records hold about the household',
    }),
    lawfulBasis: Text({
      description: 'the lawful basis for sharing it',
      label: 'the lawful basis',
      maxLength: 1000,
      missing: 'Select the lawful basis for sharing',
    }),
    marking: Type.Optional(
      literals(
        PART_MARKINGS,
        'who beyond the front door may read it: police may mark theirs police-only, health health-only; standard by default',
        { invalid: 'Choose who may read it from the choices your agency has' },
      ),
    ),
  },
  { additionalProperties: false },
)
export type MatContributionInput = Static<typeof MatContributionInput>
export const matContributionCheck = compileInput(MatContributionInput)

export const DecisionInput = Type.Object(
  {
    outcome: literals(keysOf(OUTCOMES), 'the threshold decision', { missing: 'Select the decision' }),
    levelOfNeed: fieldMessages(
      Type.Integer({ minimum: 1, maximum: 4, description: 'level of need, 1 to 4' }),
      { missing: 'Select the level of need' },
    ),
    reasons: Text({
      description: 'the reasons for the decision',
      label: 'the reasons',
      maxLength: LONG,
      missing: 'Enter the reasons for the decision',
    }),
    feedbackToReferrer: Text({
      description: 'what the referrer is told: only what may be shared with them',
      label: 'what the referrer will be told',
      maxLength: LONG,
      missing: 'Enter what the referrer will be told',
    }),
    withoutContributionsReason: Type.Optional(
      literals(
        keysOf(WITHOUT_CONTRIBUTIONS_REASONS),
        'why the decision is taken before every agency has added its information: required in multi-agency triage (model 2) while any agency has not',
        { invalid: 'Select why you are deciding without the other agencies’ information' },
      ),
    ),
    withoutContributionsDetail: Type.Optional(
      Text({
        description: 'the reason in words: required when the reason is other',
        label: 'the reason for deciding without the other agencies’ information',
        maxLength: 1000,
      }),
    ),
  },
  { additionalProperties: false },
)
export type DecisionInput = Static<typeof DecisionInput>
export const decisionCheck = compileInput(DecisionInput)

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
  withoutContributions: Type.Optional(
    Type.Object(
      {
        reason: Type.String({ description: keysOf(WITHOUT_CONTRIBUTIONS_REASONS).join(', ') }),
        reasonLabel: Type.String(),
        detail: Nullable(Type.String()),
        missingAgencyKinds: Type.Array(Type.String()),
      },
      {
        description:
          'for the front door only: why it was decided before every agency had added its information, and which had not',
      },
    ),
  ),
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
  possibleDuplicateOf: Type.Optional(
    Type.String({
      format: 'uuid',
      description:
        'on sending only: the id of a referral about the same child (same names and date of birth, or NHS number) ' +
        'that this caller sent in the last 10 minutes; this one is stored too',
    }),
  ),
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
