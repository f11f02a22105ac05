// What a partner agency shares: one TypeBox schema gives the type, the per-item validation and the
// OpenAPI document for the batch API and the practitioner form.
import { type Static, type TSchema, Type } from '@sinclair/typebox'
import {
  CalendarDate,
  type FieldMessages,
  fieldMessages,
  literals,
  Text as TextField,
  Uuid,
} from '../platform/http/schemas.ts'

/** Non-blank text; `messages` are what the practitioner form shows. */
const Text = (description: string, maxLength = 500, messages: FieldMessages = {}) =>
  TextField({ description, minLength: 1, maxLength, pattern: '\\S', ...messages })

const optional = <T extends TSchema>(schema: T) => Type.Optional(schema)

export const POLICE_EVENT_TYPES = [
  'arrest',
  'voluntary-interview',
  'charge',
  'bail',
  'released-under-investigation',
  'no-further-action',
  'court-date',
  'court-order',
  'conviction',
  'not-guilty',
  'cawn-served',
] as const

export const PARTNER_EVENT_TYPES = [
  'new-child-identified',
  'new-association',
  'change-in-support-needs',
  'new-concern',
  'escalation',
] as const

export const SHARED_EVENT_TYPES = [...POLICE_EVENT_TYPES, ...PARTNER_EVENT_TYPES] as const
export type SharedEventType = (typeof SHARED_EVENT_TYPES)[number]

export const EVENT_TYPE_LABELS: Record<SharedEventType, string> = {
  arrest: 'Arrest',
  'voluntary-interview': 'Voluntary interview',
  charge: 'Charge',
  bail: 'Bail with conditions',
  'released-under-investigation': 'Released under investigation',
  'no-further-action': 'No further action (police)',
  'court-date': 'Court date',
  'court-order': 'Court order',
  conviction: 'Conviction',
  'not-guilty': 'Found not guilty',
  'cawn-served': 'Child abduction warning notice served',
  'new-child-identified': 'New child identified',
  'new-association': 'New association',
  'change-in-support-needs': 'Change in support needs',
  'new-concern': 'New concern',
  escalation: 'Escalation',
}

export const LAWFUL_BASES = [
  'dpa2018-sch8-para4',
  'ukgdpr-6-1-e-art9-dpa2018-sch1-para18',
  'ukgdpr-6-1-c-art9-dpa2018-sch1-para18',
  'ukgdpr-6-1-ea-safeguarding-art9-dpa2018-sch1-para18',
  'ukgdpr-6-1-d-art9-2-c-vital-interests',
] as const
export type LawfulBasis = (typeof LAWFUL_BASES)[number]

export const LAWFUL_BASIS_LABELS: Record<LawfulBasis, string> = {
  'dpa2018-sch8-para4':
    'DPA 2018 Part 3, Schedule 8 paragraph 4: safeguarding of children (law enforcement processing)',
  'ukgdpr-6-1-e-art9-dpa2018-sch1-para18':
    'UK GDPR Article 6(1)(e) public task and Article 9(2)(g), DPA 2018 Schedule 1 paragraph 18',
  'ukgdpr-6-1-c-art9-dpa2018-sch1-para18':
    'UK GDPR Article 6(1)(c) legal obligation and Article 9(2)(g), DPA 2018 Schedule 1 paragraph 18',
  'ukgdpr-6-1-ea-safeguarding-art9-dpa2018-sch1-para18':
    'UK GDPR Article 6(1)(ea) recognised legitimate interest: safeguarding (Data (Use and Access) Act 2025), with DPA 2018 Schedule 1 paragraph 18',
  'ukgdpr-6-1-d-art9-2-c-vital-interests': 'UK GDPR Article 6(1)(d) and Article 9(2)(c): vital interests',
}

/** Markings a sender may put on the restricted part of an event; 'sealed' is never shared. */
export const SHARED_SENSITIVITIES = ['standard', 'police-restricted', 'health-restricted'] as const
export type SharedSensitivity = (typeof SHARED_SENSITIVITIES)[number]

export const RISKS = ['high', 'medium', 'low'] as const
export type Risk = (typeof RISKS)[number]

export const ADULT_ROLES = ['suspect', 'offender', 'victim', 'parent', 'carer', 'associate', 'other'] as const
export const ORDER_KINDS = ['non-molestation', 'shpo', 'sro', 'restraining', 'dvpo', 'other'] as const
export const BAIL_CONDITION_KINDS = [
  'no-contact-with-child',
  'no-contact-with-person',
  'exclusion-zone',
  'residence',
  'curfew',
  'reporting',
  'other',
] as const
export const PLACE_KINDS = ['address', 'school', 'park', 'shop', 'hotel', 'online', 'other'] as const

/** A child by masa id, or by what the sender knows: a national identifier or name and date of birth. */
export const ChildRef = Type.Object(
  {
    childId: optional(
      Uuid('the masa child id, when known', { invalid: 'Choose the child from your search results' }),
    ),
    nhsNumber: optional(
      fieldMessages(Type.String({ pattern: '^\\d{3} ?\\d{3} ?\\d{4}$', description: 'NHS number' }), {
        invalid: 'Enter an NHS number with 10 digits, like 485 777 3456',
      }),
    ),
    upn: optional(Type.String({ pattern: '^[A-Za-z]\\d{12}$', description: 'unique pupil number' })),
    givenName: optional(
      Text('given name', 100, { tooLong: 'The child’s given name must be 100 characters or fewer' }),
    ),
    familyName: optional(
      Text('family name', 100, { tooLong: 'The child’s family name must be 100 characters or fewer' }),
    ),
    dateOfBirth: optional(CalendarDate('date of birth', { invalid: 'Date of birth must be a real date' })),
    postcode: optional(
      Text('home postcode, so an unknown child reaches the right LA', 10, {
        invalid: 'Enter a real postcode, like LE1 6ZG',
      }),
    ),
  },
  {
    additionalProperties: false,
    description:
      'a child: childId, or nhsNumber/upn, or names and dateOfBirth. An NHS number or UPN names a known child only ' +
      'with the date of birth, or the family and given name, agreeing; otherwise the event is held for the LA to match',
  },
)
export type ChildRef = Static<typeof ChildRef>

export const AdultRef = Type.Object(
  {
    personId: optional(Uuid('the masa person id, when known')),
    givenName: optional(
      Text('given name', 100, { tooLong: 'The adult’s given name must be 100 characters or fewer' }),
    ),
    familyName: optional(
      Text('family name', 100, { tooLong: 'The adult’s family name must be 100 characters or fewer' }),
    ),
    dateOfBirth: optional(CalendarDate('date of birth')),
    role: literals(ADULT_ROLES, 'how the adult is concerned', {
      invalid: 'Select how the adult is concerned',
    }),
  },
  { additionalProperties: false, description: 'an adult: personId or names, and a role' },
)
export type AdultRef = Static<typeof AdultRef>

export const PlaceRef = Type.Object(
  {
    kind: literals(PLACE_KINDS, 'what kind of place'),
    description: Text('the place as the sender describes it', 200),
    postcode: optional(Text('postcode', 10)),
  },
  { additionalProperties: false },
)
export type PlaceRef = Static<typeof PlaceRef>

/** An endpoint of a new association: a child or adult of the event (by index), or a place. */
export const AssociationEnd = Type.Object(
  {
    child: optional(Type.Integer({ minimum: 0, description: 'index into children' })),
    adult: optional(Type.Integer({ minimum: 0, description: 'index into adults' })),
    place: optional(PlaceRef),
  },
  { additionalProperties: false, description: 'exactly one of child, adult or place' },
)
export type AssociationEnd = Static<typeof AssociationEnd>

export const Association = Type.Object(
  { from: AssociationEnd, to: AssociationEnd, relationship: Text('how they are linked', 200) },
  { additionalProperties: false },
)
export type Association = Static<typeof Association>

export const BailCondition = Type.Object(
  {
    kind: literals(BAIL_CONDITION_KINDS, 'kind of condition'),
    description: Text('the condition as imposed', 500, {
      tooLong: 'Each bail condition must be 500 characters or fewer',
    }),
    child: optional(
      Type.Integer({ minimum: 0, description: 'for no contact with a child: index into children' }),
    ),
  },
  { additionalProperties: false },
)

export const CourtOrder = Type.Object(
  {
    kind: literals(ORDER_KINDS, 'kind of order'),
    madeOn: CalendarDate('date made'),
    expiresOn: optional(CalendarDate('date it expires')),
    terms: optional(Text('terms of the order', 2000)),
  },
  { additionalProperties: false },
)

export const Hearing = Type.Object(
  { court: Text('court', 200), date: CalendarDate('hearing date'), purpose: optional(Text('purpose', 200)) },
  { additionalProperties: false },
)

export const SharedEventInput = Type.Object(
  {
    senderEventId: Type.String({
      minLength: 1,
      maxLength: 100,
      pattern: '^[\\x21-\\x7E]+$',
      description: "the sender's own id for this event; sending it again changes nothing",
    }),
    type: literals(SHARED_EVENT_TYPES, 'what happened', { missing: 'Select what happened' }),
    occurredAt: fieldMessages(
      Type.String({
        pattern: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?(Z|[+-]\\d{2}:\\d{2})$',
        description: 'when it happened, ISO 8601 with a zone (2026-11-02T14:05:00Z)',
      }),
      { invalid: 'Enter the date it happened, and the time as hours and minutes, like 14:05' },
    ),
    children: Type.Array(ChildRef, { maxItems: 50, description: 'the children it concerns' }),
    adults: optional(Type.Array(AdultRef, { maxItems: 50, description: 'the adults it concerns' })),
    summary: Text('a one-line summary every receiving partner may read', 300, {
      missing: 'Enter a summary',
      tooLong: 'The summary must be 300 characters or fewer',
    }),
    details: optional(
      Text('details every receiving partner may read', 10_000, {
        tooLong: 'Details must be 10,000 characters or fewer',
      }),
    ),
    sensitivity: literals(SHARED_SENSITIVITIES, 'marking of restrictedDetails', {
      missing: 'Select who may read the restricted details',
    }),
    restrictedDetails: optional(
      Text('details only the marking’s agencies may read (police or health)', 10_000, {
        tooLong: 'Restricted details must be 10,000 characters or fewer',
      }),
    ),
    lawfulBasis: literals(LAWFUL_BASES, 'the lawful basis for sharing', {
      missing: 'Select the lawful basis for sharing',
    }),
    risk: literals(RISKS, 'risk: high, medium or low', { missing: 'Select the risk' }),
    offences: optional(
      fieldMessages(
        Type.Array(Text('offence', 200, { tooLong: 'Each offence must be 200 characters or fewer' }), {
          maxItems: 20,
        }),
        { tooLong: 'Enter 20 offences or fewer, one on each line' },
      ),
    ),
    bailConditions: optional(
      fieldMessages(Type.Array(BailCondition, { maxItems: 20 }), {
        tooLong: 'Enter 20 bail conditions or fewer, one on each line',
      }),
    ),
    bailUntil: optional(CalendarDate('date bail ends or the person answers bail')),
    hearing: optional(Hearing),
    order: optional(CourtOrder),
    association: optional(Association),
  },
  { additionalProperties: false, $id: 'SharedEventInput' },
)
export type SharedEventInput = Static<typeof SharedEventInput>

export const MAX_BATCH = 1000

export const ItemResult = Type.Object({
  index: Type.Integer(),
  status: Type.Union([Type.Literal('accepted'), Type.Literal('duplicate'), Type.Literal('rejected')]),
  id: optional(Type.String()),
  errors: optional(Type.Array(Type.Object({ field: Type.String(), message: Type.String() }))),
})
export type ItemResult = Static<typeof ItemResult>

export const BatchResult = Type.Object({
  accepted: Type.Integer(),
  duplicate: Type.Integer(),
  rejected: Type.Integer(),
  results: Type.Array(ItemResult),
})
export type BatchResult = Static<typeof BatchResult>

const AcknowledgementStateOut = Type.Union([
  Type.Literal('acknowledged'),
  Type.Literal('due'),
  Type.Literal('overdue'),
])

export const SentEventsQuery = Type.Object(
  {
    sentSince: Type.Optional(
      Type.String({ format: 'date-time', description: 'only events received at or after this instant' }),
    ),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_BATCH, default: 100 })),
  },
  { additionalProperties: false },
)

export const SentEventsOut = Type.Object({
  events: Type.Array(
    Type.Object({
      id: Type.String(),
      senderEventId: Type.String(),
      sentAt: Type.String({ format: 'date-time' }),
      acknowledgement: Type.Object(
        {
          state: AcknowledgementStateOut,
          dueAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
        },
        { description: 'How the event stands with every agency told, taken together' },
      ),
      recipients: Type.Optional(
        Type.Array(
          Type.Object({
            agencyId: Type.String(),
            state: AcknowledgementStateOut,
            dueAt: Type.String({ format: 'date-time' }),
            acknowledgedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
          }),
          {
            description:
              'Each agency told: present only where the caller may see who works with every child the event concerns',
          },
        ),
      ),
    }),
  ),
})
