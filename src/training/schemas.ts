// Training's forms as TypeBox (type and validation in one): a course, a session, a booking, the
// register, an evaluation and its follow-up.

import { type Static, Type } from '@sinclair/typebox'
import {
  CalendarDate,
  compileInput,
  fieldMessages,
  keysOf,
  literals,
  Text,
} from '../platform/http/schemas.ts'
import { ATTENDANCE, CONFIDENCE, LEVELS } from './rules.ts'

const TIME = '^([01]\\d|2[0-3]):[0-5]\\d$'
const confidence = (description: string, missing: string) =>
  literals(keysOf(CONFIDENCE), description, { missing, invalid: missing })

export const CourseInput = Type.Object({
  title: Text({
    description: 'the course title',
    label: 'the title',
    missing: 'Enter the title',
    maxLength: 200,
  }),
  level: literals(keysOf(LEVELS), 'the level of the partnership’s training framework, 1 to 4', {
    missing: 'Select the level',
    invalid: 'Select the level',
  }),
  audience: Text({
    description: 'who the course is for',
    label: 'who it is for',
    missing: 'Enter who the course is for',
    maxLength: 500,
  }),
  description: Text({
    description: 'what the course covers',
    label: 'the description',
    missing: 'Enter what the course covers',
    maxLength: 5_000,
  }),
  priorities: Type.Optional(
    Text({
      description: 'the partnership’s priorities it answers, one a line',
      label: 'the priorities',
      maxLength: 2_000,
    }),
  ),
  askedFor: Type.Optional(
    Text({
      description:
        'the review or case audit that asked for it, as offered to the caller: `review:` or `case-audit:` and its id',
      label: 'the review or audit',
      maxLength: 60,
    }),
  ),
})
export type CourseInput = Static<typeof CourseInput>
export const courseCheck = compileInput(CourseInput)

export const SessionInput = Type.Object({
  heldOn: CalendarDate('the day of the session', {
    missing: 'Enter the date of the session',
    invalid: 'Enter a real date for the session',
  }),
  startsAt: Text({
    description: 'when it starts, 24-hour HH:MM (London)',
    missing: 'Enter the start time',
    invalid: 'Enter the start time as hours and minutes, like 09:30',
    pattern: TIME,
  }),
  endsAt: Text({
    description: 'when it ends, 24-hour HH:MM (London)',
    missing: 'Enter the end time',
    invalid: 'Enter the end time as hours and minutes, like 12:30',
    pattern: TIME,
  }),
  venue: Type.Optional(Text({ description: 'where it is held', label: 'the venue', maxLength: 300 })),
  onlineLink: Type.Optional(
    Text({ description: 'the link to join online', label: 'the online link', maxLength: 500 }),
  ),
  capacity: fieldMessages(Type.Integer({ minimum: 1, maximum: 500, description: 'how many places' }), {
    missing: 'Enter how many places there are',
    invalid: 'Enter how many places there are, a whole number from 1 to 500',
  }),
})
export type SessionInput = Static<typeof SessionInput>
export const sessionCheck = compileInput(SessionInput)

export const BookingInput = Type.Object({
  confidenceBefore: confidence(
    'how confident the practitioner feels now in what the course covers, 1 to 5',
    'Select how confident you feel now',
  ),
})
export type BookingInput = Static<typeof BookingInput>
export const bookingCheck = compileInput(BookingInput)

export const AttendanceInput = Type.Object({
  attendance: literals(keysOf(ATTENDANCE), 'whether they came', {
    missing: 'Select whether they attended',
    invalid: 'Select whether they attended',
  }),
})
export type AttendanceInput = Static<typeof AttendanceInput>
export const attendanceCheck = compileInput(AttendanceInput)

export const EvaluationInput = Type.Object({
  confidenceAfter: confidence(
    'how confident the practitioner feels after the course, 1 to 5',
    'Select how confident you feel now',
  ),
  willDoDifferently: Text({
    description: 'what they will do differently',
    label: 'what you will do differently',
    missing: 'Enter what you will do differently',
    maxLength: 5_000,
  }),
})
export type EvaluationInput = Static<typeof EvaluationInput>
export const evaluationCheck = compileInput(EvaluationInput)

export const FollowUpInput = Type.Object({
  followUp: Text({
    description: 'what changed in their practice since',
    label: 'what has changed',
    missing: 'Enter what has changed in your practice',
    maxLength: 5_000,
  }),
})
export type FollowUpInput = Static<typeof FollowUpInput>
export const followUpCheck = compileInput(FollowUpInput)
