// The MASA plan's one file format and its forms, as TypeBox (type and validation in one).
// `PlanFile` is the format of every export and import (a partnership's plan, a published version,
// the regional forum's wider-footprint draft); plan-file-schema.json is the same schema written
// out as JSON Schema for other installations (a test keeps the two equal).

import { type Static, Type } from '@sinclair/typebox'
import {
  CalendarDate,
  compileInput,
  fieldMessages,
  keysOf,
  literals,
  Text,
  Uuid,
} from '../platform/http/schemas.ts'
import { PARTNER_KINDS, SECTION_KEYS } from './sections.ts'

export const FILE_FORMAT = 'masa-plan/1'
export const GUIDANCE = 'north-and-south-of-tyne-masa-plan-guidance'

const strict = { additionalProperties: false } as const
const text = (description: string, maxLength: number, minLength = 0) =>
  Type.String({ description, maxLength, ...(minLength ? { minLength } : {}) })
const options = <T extends string>(values: readonly T[], description: string) =>
  Type.Union(
    values.map((value) => Type.Literal(value)),
    { description },
  )

const FileSection = Type.Object(
  {
    key: options(SECTION_KEYS, `the key of one of the 17 sections (${SECTION_KEYS.join(', ')})`),
    text: text('the section’s text as the partnership wrote it (20,000 characters at most)', 20_000),
    answers: Type.Array(
      Type.String({ pattern: '^q[0-9]{1,2}$', description: 'a guiding question’s id, like q1' }),
      {
        maxItems: 20,
        description: 'the ids of the section’s guiding questions the text answers (q1, q2, …)',
      },
    ),
  },
  { ...strict, description: 'a section of the plan (key, text, answers)' },
)

const FilePartner = Type.Object(
  {
    name: text('the partner’s or agency’s name (1 to 200 characters)', 200, 1),
    kind: options(keysOf(PARTNER_KINDS), `what kind of partner it is (${keysOf(PARTNER_KINDS).join(', ')})`),
    role: Type.Optional(text('its part in the arrangements (2,000 characters at most)', 2_000)),
  },
  { ...strict, description: 'a partner or relevant agency (name, kind, role)' },
)

const FileContribution = Type.Object(
  {
    partner: text('who contributes (1 to 200 characters)', 200, 1),
    year: Type.Integer({
      minimum: 2000,
      maximum: 2100,
      description: 'the financial year it is for, by the year it starts (1 April), like 2026',
    }),
    amountPence: Type.Optional(
      Type.Integer({
        minimum: 0,
        maximum: 100_000_000_000,
        description: 'the money contributed, in pence (a whole number)',
      }),
    ),
    inKind: Type.Optional(text('what is contributed in kind (2,000 characters at most)', 2_000)),
  },
  { ...strict, description: 'a funding or in-kind contribution (partner, year, amountPence and/or inKind)' },
)

const FileReviewPoint = Type.Object(
  {
    due: Type.String({
      pattern: '^\\d{4}-\\d{2}-\\d{2}$',
      description: 'the date of the review point, YYYY-MM-DD',
    }),
    what: text('what is to be reviewed (1 to 500 characters)', 500, 1),
  },
  { ...strict, description: 'a review point of the plan (due, what)' },
)

const PartnershipRef = (description: string) =>
  Type.Object(
    {
      id: Type.String({
        pattern: '^[a-z0-9][a-z0-9-]{0,63}$',
        description: 'the partnership’s id (lower-case letters, digits, hyphens)',
      }),
      name: text('the partnership’s name (1 to 200 characters)', 200, 1),
    },
    { ...strict, description },
  )

export const PlanFile = Type.Object(
  {
    format: Type.Literal(FILE_FORMAT, { description: `the format’s name and version: "${FILE_FORMAT}"` }),
    guidance: Type.Literal(GUIDANCE, {
      description: `the guidance whose sections and guiding questions the plan follows: "${GUIDANCE}"`,
    }),
    partnership: PartnershipRef('whose plan it is (id, name)'),
    exportedAt: Type.String({
      pattern: '^\\d{4}-\\d{2}-\\d{2}T',
      description: 'when the file was made (ISO 8601)',
    }),
    publishedVersion: Type.Optional(
      Type.Integer({
        minimum: 1,
        description: 'the published version of the plan the file holds; absent for the working plan',
      }),
    ),
    sections: Type.Array(FileSection, {
      maxItems: 17,
      description: 'the sections written, each at most once',
    }),
    partners: Type.Array(FilePartner, {
      maxItems: 1_000,
      description: 'the register of partners and relevant agencies',
    }),
    contributions: Type.Array(FileContribution, {
      maxItems: 1_000,
      description: 'the register of funding and in-kind contributions',
    }),
    reviewPoints: Type.Array(FileReviewPoint, { maxItems: 200, description: 'the plan’s review points' }),
  },
  {
    ...strict,
    $id: 'https://masa.example/schemas/masa-plan-1.json',
    title: 'A MASA plan (North and South of Tyne format)',
    description:
      'A multi-agency safeguarding arrangements plan in the 17 sections of the North and South of Tyne guidance, with its registers of partners and contributions and its review points. No child’s data.',
  },
)
export type PlanFile = Static<typeof PlanFile>

export const FEEDBACK_FORMAT = 'masa-plan-feedback/1'

/** An instant as JSON writes it: 2026-12-24T10:00:00.000Z. */
const Instant = (description: string) =>
  Type.String({
    pattern: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,3})?Z$',
    description: `${description} (ISO 8601 in UTC, like 2026-12-24T10:00:00.000Z)`,
  })

const FileFeedback = Type.Object(
  {
    id: Type.String({
      pattern: '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$',
      description:
        'the feedback’s id in the forum’s installation, a UUID in lower case: importing it again adds nothing',
    }),
    writtenAt: Instant('when the forum recorded it'),
    writtenBy: text('who recorded it for the forum (1 to 200 characters)', 200, 1),
    text: text('the forum’s feedback (1 to 10,000 characters)', 10_000, 1),
    plan: Type.Optional(
      Type.Object(
        {
          exportedAt: Type.String({
            pattern: '^\\d{4}-\\d{2}-\\d{2}T',
            description: 'the exportedAt of the plan file the feedback is about',
          }),
          publishedVersion: Type.Optional(
            Type.Integer({
              minimum: 1,
              description: 'the publishedVersion of that plan file, if it had one',
            }),
          ),
        },
        { ...strict, description: 'the plan file the feedback is about (exportedAt, publishedVersion)' },
      ),
    ),
  },
  { ...strict, description: 'a piece of the forum’s feedback (id, writtenAt, writtenBy, text, plan)' },
)

/**
 * The regional forum's feedback to one partnership on its plan, as a file the forum downloads and
 * the partnership imports into its own installation (feedback-file-schema.json).
 */
export const FeedbackFile = Type.Object(
  {
    format: Type.Literal(FEEDBACK_FORMAT, {
      description: `the format’s name and version: "${FEEDBACK_FORMAT}"`,
    }),
    guidance: Type.Literal(GUIDANCE, {
      description: `the guidance the plans follow: "${GUIDANCE}"`,
    }),
    forum: PartnershipRef(
      'where the regional forum met: the partnership whose installation holds it (id, name)',
    ),
    partnership: PartnershipRef(
      'whom the feedback is for: the partnership as its plan file named it (id, name)',
    ),
    exportedAt: Instant('when the file was made'),
    feedback: Type.Array(FileFeedback, {
      maxItems: 1_000,
      description: 'every piece of feedback the forum recorded to the partnership, oldest first',
    }),
  },
  {
    ...strict,
    $id: 'https://masa.example/schemas/masa-plan-feedback-1.json',
    title: 'A regional forum’s feedback on a partnership’s MASA plan',
    description:
      'What a regional forum comparing MASA plans recorded to one partnership about its plan, to be imported into that partnership’s own installation. No child’s data.',
  },
)
export type FeedbackFile = Static<typeof FeedbackFile>

const jsonSchema = (schema: object): unknown =>
  JSON.parse(JSON.stringify({ $schema: 'https://json-schema.org/draft/2020-12/schema', ...schema }))

/** The JSON Schema of the plan file's format, as other installations read it (plan-file-schema.json). */
export const planFileJsonSchema = () => jsonSchema(PlanFile)

/** The JSON Schema of the feedback file's format (feedback-file-schema.json). */
export const feedbackFileJsonSchema = () => jsonSchema(FeedbackFile)

// ---------------------------------------------------------------------------
// Forms

export const SectionInput = Type.Object({
  text: Text({
    description: 'the section’s text',
    label: 'the section’s text',
    missing: 'Enter the section’s text',
    maxLength: 20_000,
  }),
  answers: Type.Optional(
    Type.Array(Type.String({ pattern: '^q[0-9]{1,2}$' }), {
      maxItems: 20,
      description: 'the guiding questions the text answers',
    }),
  ),
})
export type SectionInput = Static<typeof SectionInput>
export const sectionCheck = compileInput(SectionInput)

export const PartnerInput = Type.Object({
  name: Text({
    description: 'the partner’s name',
    label: 'the name',
    missing: 'Enter the partner’s or agency’s name',
    maxLength: 200,
  }),
  kind: literals(keysOf(PARTNER_KINDS), 'the kind of partner', {
    missing: 'Select what kind of partner it is',
  }),
  role: Type.Optional(
    Text({ description: 'its part in the arrangements', label: 'its part', maxLength: 2_000 }),
  ),
})
export type PartnerInput = Static<typeof PartnerInput>
export const partnerCheck = compileInput(PartnerInput)

export const ContributionInput = Type.Object({
  partner: Text({
    description: 'who contributes',
    label: 'who contributes',
    missing: 'Enter who contributes',
    maxLength: 200,
  }),
  year: Text({
    description: 'the financial year, by the year it starts',
    missing: 'Enter the year the financial year starts in',
    invalid: 'Enter the year as four digits, like 2026',
    pattern: '^20\\d\\d$',
  }),
  amount: Type.Optional(
    Text({
      description: 'the amount in pounds',
      invalid: 'Enter the amount in pounds, like 12500 or 12,500.50',
      pattern: '^£?\\s*[0-9][0-9,]{0,14}(\\.[0-9]{2})?$',
    }),
  ),
  inKind: Type.Optional(
    Text({ description: 'what is given in kind', label: 'what is given in kind', maxLength: 2_000 }),
  ),
})
export type ContributionInput = Static<typeof ContributionInput>
export const contributionCheck = compileInput(ContributionInput)

export const ReviewPointInput = Type.Object({
  due: CalendarDate('the date of the review point', {
    missing: 'Enter the date of the review point',
    invalid: 'The date of the review point must be a real date',
  }),
  what: Text({
    description: 'what is to be reviewed',
    label: 'what is to be reviewed',
    missing: 'Enter what is to be reviewed',
    maxLength: 500,
  }),
})
export type ReviewPointInput = Static<typeof ReviewPointInput>
export const reviewPointCheck = compileInput(ReviewPointInput)

const PlanChoice = fieldMessages(Type.Union([Type.Literal('own'), Uuid()]), {
  missing: 'Select a plan',
  invalid: 'Select a plan',
})

export const FeedbackInput = Type.Object({
  plan: PlanChoice,
  body: Text({
    description: 'the forum’s feedback',
    label: 'the feedback',
    missing: 'Enter the feedback',
    maxLength: 10_000,
  }),
})
export type FeedbackInput = Static<typeof FeedbackInput>
export const feedbackCheck = compileInput(FeedbackInput)

export const ChoiceInput = Type.Object({
  section: options(SECTION_KEYS, 'the section'),
  plan: PlanChoice,
})
export type ChoiceInput = Static<typeof ChoiceInput>
export const choiceCheck = compileInput(ChoiceInput)
