// The LADO's forms as TypeBox (type and validation in one): a referral of an allegation, the request
// for a verified email link, and each step the LADO records.

import { type Static, Type } from '@sinclair/typebox'
import { InviteeSchema as Invitee } from '../meetings/index.ts'
import {
  CalendarDate,
  compileInput,
  fieldMessages,
  keysOf,
  literals,
  Text,
  Uuid,
} from '../platform/http/schemas.ts'
import {
  CONSIDERATIONS,
  EMPLOYER_ACTIONS,
  EMPLOYER_SECTORS,
  HARM_CATEGORIES,
  HARM_TEST,
  OUTCOMES,
} from './rules.ts'

const short = (description: string, label: string, missing: string) =>
  Text({ description, label, missing, maxLength: 200 })
const long = (description: string, label: string, missing: string) =>
  Text({ description, label, missing, maxLength: 20_000 })

/** An allegation as its referrer tells it. */
export const ReferralInput = Type.Object({
  laId: Text({
    description: 'the id of the local authority whose LADO it goes to',
    missing: 'Select the local authority where the adult works or volunteers',
    invalid: 'Select the local authority where the adult works or volunteers',
    maxLength: 100,
  }),
  referrerName: short('who is referring', 'your name', 'Enter your name'),
  referrerOrganisation: short(
    'the organisation referring',
    'your organisation',
    'Enter the name of your organisation',
  ),
  personName: short('the adult the allegation is about', 'their name', 'Enter the name of the adult'),
  personRole: short('their job or voluntary role', 'their role', 'Enter their job or voluntary role'),
  employer: short(
    'who employs them, or the organisation they volunteer for',
    'their employer',
    'Enter who employs them or the organisation they volunteer for',
  ),
  employerSector: literals(keysOf(EMPLOYER_SECTORS), 'the sector of their employer', {
    missing: 'Select the sector their employer works in',
    invalid: 'Select the sector their employer works in',
  }),
  harmTest: fieldMessages(
    Type.Array(
      literals(keysOf(HARM_TEST), 'a limb of the harm test', {
        invalid: 'Select what the adult is alleged to have done',
      }),
      {
        minItems: 1,
        description: 'what the adult is alleged to have done (the harm test)',
      },
    ),
    {
      missing: 'Select what the adult is alleged to have done',
      invalid: 'Select what the adult is alleged to have done',
    },
  ),
  harmCategory: literals(keysOf(HARM_CATEGORIES), 'the category of harm', {
    missing: 'Select the category of harm',
    invalid: 'Select the category of harm',
  }),
  whatHappened: long('what happened', 'what happened', 'Enter what happened'),
  childrenConcerned: long(
    'the children concerned: names, ages, schools or settings',
    'the children concerned',
    'Enter the children concerned',
  ),
})
export type ReferralInput = Static<typeof ReferralInput>
export const referralCheck = compileInput(ReferralInput)

/** An organisation without an account asks for a link to the public referral form. */
export const LinkRequest = Type.Object({
  email: Text({
    description: 'the email address the link is sent to',
    label: 'your email address',
    missing: 'Enter your email address',
    invalid: 'Enter an email address in the correct format, like name@example.com',
    maxLength: 254,
    pattern: '^[^\\s@]+@[^\\s@]+\\.[^\\s@]+$',
  }),
})
export type LinkRequest = Static<typeof LinkRequest>
export const linkRequestCheck = compileInput(LinkRequest)

export const ConsiderationInput = Type.Object({
  consideration: literals(keysOf(CONSIDERATIONS), 'the decision of the initial consideration', {
    missing: 'Select the decision',
    invalid: 'Select the decision',
  }),
  reasons: long('why', 'the reasons', 'Enter the reasons for the decision'),
  personMarking: literals<'lado-restricted' | 'standard'>(
    ['lado-restricted', 'standard'],
    'who beyond the LADO may know who the person is',
    {
      missing: 'Select who may know who the adult is',
      invalid: 'Select who may know who the adult is',
    },
  ),
})
export type ConsiderationInput = Static<typeof ConsiderationInput>
export const considerationCheck = compileInput(ConsiderationInput)

/** The LADO books an allegation management meeting: when, where, and whom each agency sends. */
export const MeetingBooking = Type.Object({
  date: CalendarDate('the day of the allegation management meeting', {
    missing: 'Enter the date of the meeting',
    invalid: 'Enter a real date for the meeting',
  }),
  time: Text({
    description: 'its start time, London time, as hh:mm (24-hour clock)',
    missing: 'Enter the time the meeting starts',
    invalid: 'Enter the time the meeting starts on the 24-hour clock, like 14:30',
    pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$',
    maxLength: 5,
  }),
  location: Text({
    description: 'where it is held, or the link to join it',
    label: 'the place',
    missing: 'Enter where the meeting is held, or the link to join it',
    maxLength: 500,
  }),
  invitees: fieldMessages(
    Type.Array(Invitee, {
      minItems: 1,
      description:
        'who is invited: police and children’s social care where relevant, and the employer’s agency',
    }),
    { missing: 'Select who to invite', invalid: 'Select who to invite' },
  ),
  othersInvited: Type.Optional(
    Text({ description: 'anyone else invited', label: 'who else is invited', maxLength: 2_000 }),
  ),
})
export type MeetingBooking = Static<typeof MeetingBooking>
export const meetingBookingCheck = compileInput(MeetingBooking)

/** What the LADO records of a meeting once it has started: who attended, and what was agreed. */
export const MeetingRecord = Type.Object({
  attendedAgencyIds: Type.Optional(
    Type.Array(Type.String({ description: 'an agency invited to the meeting' }), {
      description: 'the invited agencies that attended',
    }),
  ),
  minutes: long(
    'what was agreed at the meeting, and the actions',
    'the outcome',
    'Enter what was agreed at the meeting',
  ),
})
export type MeetingRecord = Static<typeof MeetingRecord>
export const meetingRecordCheck = compileInput(MeetingRecord)

/** The child's record the LADO links an allegation to, chosen from the search's results. */
export const ChildLink = Type.Object({
  childId: Uuid('the id of the child’s record', {
    missing: 'Select the child from the search results',
    invalid: 'Select the child from the search results',
  }),
})
export type ChildLink = Static<typeof ChildLink>
export const childLinkCheck = compileInput(ChildLink)

export const EmployerActionInput = Type.Object({
  kind: literals(keysOf(EMPLOYER_ACTIONS), 'what the employer did', {
    missing: 'Select what the employer did',
    invalid: 'Select what the employer did',
  }),
  takenOn: CalendarDate('when', { missing: 'Enter the date', invalid: 'Enter a real date' }),
  actionNotes: Type.Optional(Text({ description: 'anything more', label: 'the notes', maxLength: 20_000 })),
})
export type EmployerActionInput = Static<typeof EmployerActionInput>
export const employerActionCheck = compileInput(EmployerActionInput)

export const RegulatorsInput = Type.Object({
  dbsReferredOn: Type.Optional(
    CalendarDate('when the person was referred to the Disclosure and Barring Service', {
      invalid: 'Enter a real date for the referral to the Disclosure and Barring Service',
    }),
  ),
  traReferredOn: Type.Optional(
    CalendarDate('when the person was referred to the Teaching Regulation Agency', {
      invalid: 'Enter a real date for the referral to the Teaching Regulation Agency',
    }),
  ),
})
export type RegulatorsInput = Static<typeof RegulatorsInput>
export const regulatorsCheck = compileInput(RegulatorsInput)

export const OutcomeInput = Type.Object({
  outcome: literals(keysOf(OUTCOMES), 'the outcome', {
    missing: 'Select the outcome',
    invalid: 'Select the outcome',
  }),
  outcomeOn: CalendarDate('when the outcome was reached', {
    missing: 'Enter the date of the outcome',
    invalid: 'Enter a real date for the outcome',
  }),
  outcomeNotes: Type.Optional(Text({ description: 'anything more', label: 'the notes', maxLength: 20_000 })),
})
export type OutcomeInput = Static<typeof OutcomeInput>
export const outcomeCheck = compileInput(OutcomeInput)
