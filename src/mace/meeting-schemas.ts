// A MACE meeting as TypeBox: scheduling it (the LA, the day, the start time, in person or online and
// where) and its record (the agencies that attended, the minutes). One schema for form and OpenAPI.

import { type Static, Type } from '@sinclair/typebox'
import { CalendarDate, compileInput, keysOf, literals, Text } from '../platform/http/schemas.ts'

export const MEETING_FORMATS = { 'in-person': 'In person', online: 'Online' } as const
export type MeetingFormat = keyof typeof MEETING_FORMATS
/** Operational meetings discuss children, persons and places; strategic ones themes and trends. */
export const MEETING_KINDS = {
  operational: 'Operational: children, persons and places',
  strategic: 'Strategic: themes and trends',
} as const
export type MeetingKind = keyof typeof MEETING_KINDS

/** The form's choice of a meeting of the whole partnership (every LA), kept with no LA. */
export const WHOLE_PARTNERSHIP = 'partnership'

export const MaceMeetingInput = Type.Object({
  laId: Text({
    description: `the LA whose MACE meets, or '${WHOLE_PARTNERSHIP}' for the whole partnership's`,
    missing: 'Select the local authority',
  }),
  date: CalendarDate('the date of the meeting', {
    missing: 'Enter the date of the meeting',
    invalid: 'The date of the meeting must be a real date',
  }),
  time: Text({
    description: 'the start time, hh:mm on the 24-hour clock, London time',
    pattern: '^([01]\\d|2[0-3]):[0-5]\\d$',
    missing: 'Enter the start time as hh:mm, like 14:30',
    invalid: 'Enter the start time as hh:mm, like 14:30',
  }),
  format: literals(keysOf(MEETING_FORMATS), 'in person or online', {
    missing: 'Select whether the meeting is in person or online',
  }),
  venue: Text({
    description: 'the venue’s name and address, or how to join online',
    label: 'where',
    maxLength: 500,
    missing: 'Enter the venue, or how to join online',
  }),
  kind: Type.Optional(
    literals(
      keysOf(MEETING_KINDS),
      'operational (children, persons, places) or strategic (themes); operational when not given',
      {
        missing: 'Select the kind of meeting',
      },
    ),
  ),
})
export type MaceMeetingInput = Static<typeof MaceMeetingInput>
export const maceMeetingCheck = compileInput(MaceMeetingInput)

export const MaceMeetingRecordInput = Type.Object({
  attending: Type.Array(
    Type.Object({
      agencyId: Type.String({ description: 'an agency serving the LA' }),
      name: Type.String({ maxLength: 200, description: 'the person it sent, when given' }),
    }),
    { description: 'the agencies that attended' },
  ),
  minutes: Text({
    description: 'the minutes: what the meeting covered and decided, without any one child’s discussion',
    label: 'the minutes',
    maxLength: 40_000,
    missing: 'Enter the minutes of the meeting',
  }),
  actionsAgreed: Type.Optional(
    Text({
      description: 'a strategic meeting’s actions agreed, each with its owner and date, as text',
      label: 'the actions agreed',
      maxLength: 20_000,
    }),
  ),
})
export type MaceMeetingRecordInput = Static<typeof MaceMeetingRecordInput>
export const maceMeetingRecordCheck = compileInput(MaceMeetingRecordInput)
