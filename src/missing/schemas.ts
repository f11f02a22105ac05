// Missing episodes' inputs as TypeBox (one schema for the form, the API and OpenAPI): an episode as
// the police or the LA record it, the child's return, and the return home interview. A moment is a
// date and a time of day in London, as a form asks for it.

import { type Static, Type } from '@sinclair/typebox'
import { CalendarDate, compileInput, keysOf, literals, Text } from '../platform/http/schemas.ts'

/** The police's grading of the risk to a missing child, in their words. */
export const RISK_GRADINGS = {
  'no-apparent-risk': 'No apparent risk',
  low: 'Low risk',
  medium: 'Medium risk',
  high: 'High risk',
} as const
export type RiskGrading = keyof typeof RISK_GRADINGS

export const INTERVIEW_OUTCOMES = {
  done: 'Done: the child talked to us',
  declined: 'Declined by the child',
} as const
export type InterviewOutcome = keyof typeof INTERVIEW_OUTCOMES

const day = (what: string) =>
  CalendarDate(`the date ${what}`, {
    missing: `Enter the date ${what}`,
    invalid: `The date ${what} must be a real date`,
  })
const time = (what: string) =>
  Text({
    description: `the time ${what}, hh:mm on the 24-hour clock`,
    pattern: '^([01]\\d|2[0-3]):[0-5]\\d$',
    missing: `Enter the time ${what} as hh:mm, like 21:30`,
    invalid: `Enter the time ${what} as hh:mm, like 21:30`,
  })
const whereFound = Text({
  description: 'where the child was found or came back to',
  label: 'where the child was found',
  maxLength: 500,
  missing: 'Enter where the child was found or came back to',
})

/** The child's return: when and where they were found or came back. */
export const ReturnInput = Type.Object({
  returnedOn: day('the child was found or came back'),
  returnedTime: time('the child was found or came back'),
  whereFound,
})
export type ReturnInput = Static<typeof ReturnInput>
export const returnCheck = compileInput(ReturnInput)

/** A missing episode: when the child went missing, when it was reported, the risk; the return if known. */
export const EpisodeInput = Type.Object({
  wentMissingOn: day('the child went missing'),
  wentMissingTime: time('the child went missing'),
  reportedOn: day('it was reported'),
  reportedTime: time('it was reported'),
  risk: literals(keysOf(RISK_GRADINGS), 'the police risk grading', { missing: 'Select the risk grading' }),
  returnedOn: Type.Optional(ReturnInput.properties.returnedOn),
  returnedTime: Type.Optional(ReturnInput.properties.returnedTime),
  whereFound: Type.Optional(whereFound),
})
export type EpisodeInput = Static<typeof EpisodeInput>
export const episodeCheck = compileInput(EpisodeInput)

/** The return home interview: when it was offered, done or declined, and what the child said. */
export const InterviewInput = Type.Object({
  offeredOn: day('the interview was offered'),
  offeredTime: time('the interview was offered'),
  outcome: literals(keysOf(INTERVIEW_OUTCOMES), 'done or declined', {
    missing: 'Select whether the interview was done or declined',
  }),
  childSaid: Type.Optional(
    Text({
      description: 'what the child said: why they went, where, with whom, what would help; needed when done',
      label: 'what the child said',
      maxLength: 20_000,
    }),
  ),
})
export type InterviewInput = Static<typeof InterviewInput>
export const interviewCheck = compileInput(InterviewInput)
