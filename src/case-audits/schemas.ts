// Case audits' forms as TypeBox (type and validation in one): a programme, its sample's rule, an
// agency's part (a grade and free text per question of the tool), the moderation of a case and an
// action from its findings.

import { type Static, Type } from '@sinclair/typebox'
import {
  CalendarDate,
  compileInput,
  fieldMessages,
  keysOf,
  literals,
  Text,
} from '../platform/http/schemas.ts'
import { CATEGORIES, GRADES } from './rules.ts'

const long = (description: string, label: string, missing: string) =>
  Text({ description, label, missing, maxLength: 20_000 })
const date = (description: string, missing: string) =>
  CalendarDate(description, { missing, invalid: 'Enter a real date' })
const grade = (description: string, missing: string) =>
  literals(keysOf(GRADES), description, { missing, invalid: missing })
const lines = (description: string, missing: string, max: number) =>
  fieldMessages(
    Type.Array(
      Text({ description, maxLength: 1_000, tooLong: 'Keep each line to 1,000 characters or fewer' }),
      {
        minItems: 1,
        maxItems: max,
      },
    ),
    { missing, invalid: missing },
  )

export const ProgrammeInput = Type.Object({
  title: Text({
    description: 'the programme’s name',
    label: 'the title',
    missing: 'Enter a title',
    maxLength: 200,
  }),
  themes: lines('a theme of the programme, one a line', 'Enter at least one theme, one a line', 20),
  startsOn: date('the first day of the audit', 'Enter the date the audit starts'),
  endsOn: date('the last day of the audit', 'Enter the date the audit ends'),
  questions: lines('a question of the audit tool, one a line', 'Enter at least one question, one a line', 30),
  agencyIds: fieldMessages(
    Type.Array(Type.String({ maxLength: 100 }), {
      minItems: 1,
      description: 'the agencies asked to audit each case (ids in the partnership configuration)',
    }),
    { missing: 'Select the agencies that will audit', invalid: 'Select the agencies that will audit' },
  ),
})
export type ProgrammeInput = Static<typeof ProgrammeInput>
export const programmeCheck = compileInput(ProgrammeInput)

export const SampleInput = Type.Object({
  category: literals(keysOf(CATEGORIES), 'the category of the child protection plan', {
    missing: 'Select the category of plan',
    invalid: 'Select the category of plan',
  }),
  months: fieldMessages(
    Type.Integer({ minimum: 1, maximum: 36, description: 'plans started within this many months' }),
    {
      missing: 'Enter how many months back the plans started',
      invalid: 'Enter a number of months from 1 to 36',
    },
  ),
  size: fieldMessages(
    Type.Integer({ minimum: 1, maximum: 100, description: 'how many children to sample' }),
    {
      missing: 'Enter how many children to sample',
      invalid: 'Enter a number of children from 1 to 100',
    },
  ),
  seed: Text({
    description: 'the seed: the same seed draws the same sample from the same data',
    label: 'the seed',
    missing: 'Enter a seed (any word or number)',
    maxLength: 100,
  }),
})
export type SampleInput = Static<typeof SampleInput>
export const sampleCheck = compileInput(SampleInput)

const Answer = Type.Object({
  grade: grade('the grade for the question', 'Select a grade'),
  comment: Type.String({ maxLength: 20_000, description: 'what the auditor found' }),
})

export const PartInput = Type.Object({
  answers: Type.Record(Type.String({ pattern: '^q\\d+$' }), Answer, {
    description: 'each question of the tool by its id (q1, q2 …): a grade and free text',
  }),
  overallGrade: grade('the agency’s overall grade for the case', 'Select an overall grade'),
  summary: long('what the agency found, in a few lines', 'your summary', 'Enter a summary of what you found'),
})
export type PartInput = Static<typeof PartInput>
export const partCheck = compileInput(PartInput)

export const ModerationInput = Type.Object({
  metOn: date('the day of the moderation meeting', 'Enter the date of the meeting'),
  attendees: long('who attended, and for which agency', 'who attended', 'Enter who attended'),
  agreedGrade: grade('the grade agreed for the case', 'Select the grade agreed'),
  findings: long('the findings agreed', 'the findings', 'Enter the findings'),
  learning: long('the learning for the partnership', 'the learning', 'Enter the learning'),
})
export type ModerationInput = Static<typeof ModerationInput>
export const moderationCheck = compileInput(ModerationInput)

export const AuditActionInput = Type.Object({
  description: long('what is to be done', 'the action', 'Enter the action'),
  ownerAgencyId: Text({
    description: 'the agency that owns it',
    missing: 'Select the agency that owns it',
    invalid: 'Select the agency that owns it',
    maxLength: 100,
  }),
  dueBy: date('when it is due', 'Enter the due date'),
})
export type AuditActionInput = Static<typeof AuditActionInput>
export const auditActionCheck = compileInput(AuditActionInput)

/** A lead ends an agency's audit grant before it expires, saying why. */
export const RevokeGrantInput = Type.Object({
  agencyId: Text({
    description: 'the agency whose grant ends',
    missing: 'Select the agency whose grant ends',
    maxLength: 100,
  }),
  reason: long('why the grant ends early', 'the reason', 'Enter why the grant ends early'),
})
export type RevokeGrantInput = Static<typeof RevokeGrantInput>
export const revokeGrantCheck = compileInput(RevokeGrantInput)

/** The moderation meeting of a programme's round: when and where (London time), on the meetings block. */
export const MeetingInput = Type.Object({
  round: literals(['1', '2'], 'the round it moderates: 1 the audit, 2 the re-audit', {
    missing: 'Select the round the meeting moderates',
    invalid: 'Select the round the meeting moderates',
  }),
  meetsOn: date('the day of the meeting', 'Enter the date of the meeting'),
  startsAt: Text({
    description: 'when it starts, 24-hour HH:MM (London)',
    missing: 'Enter the start time',
    invalid: 'Enter the start time as hours and minutes, like 09:30',
    pattern: '^([01]\\d|2[0-3]):[0-5]\\d$',
  }),
  place: Text({
    description: 'where it meets: a room, or the link to join online',
    label: 'where it meets',
    missing: 'Enter where it meets, or the link to join online',
    maxLength: 500,
  }),
})
export type MeetingInput = Static<typeof MeetingInput>
export const meetingCheck = compileInput(MeetingInput)

/** Which of the auditing agencies attended the moderation meeting. */
export const MeetingAttendanceInput = Type.Object({
  round: literals(['1', '2'], 'the round the meeting moderates', {
    missing: 'Select the round',
    invalid: 'Select the round',
  }),
  agencyIds: fieldMessages(
    Type.Array(Text({ description: 'an auditing agency that attended', maxLength: 100 }), {
      minItems: 1,
      maxItems: 50,
    }),
    { missing: 'Select the agencies that attended', invalid: 'Select the agencies that attended' },
  ),
})
export type MeetingAttendanceInput = Static<typeof MeetingAttendanceInput>
export const meetingAttendanceCheck = compileInput(MeetingAttendanceInput)
