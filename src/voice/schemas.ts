// The voice of children and families' forms as TypeBox (type and validation in one): sending a
// family its survey, the family's answers, and what the partnership changed.

import { type Static, Type } from '@sinclair/typebox'
import { compileInput, literals, Text } from '../platform/http/schemas.ts'
import { SCALE, THEMES } from './rules.ts'

const scale = (description: string, missing: string) =>
  literals(
    SCALE.map((option) => option.value),
    description,
    { missing, invalid: missing },
  )

export const IssueInput = Type.Object({
  email: Text({
    description: 'the parent’s email address the survey link is sent to',
    label: 'the parent’s email address',
    missing: 'Enter the parent’s email address',
    invalid: 'Enter an email address in the correct format, like name@example.com',
    maxLength: 254,
    pattern: '^[^\\s@]+@[^\\s@]+\\.[^\\s@]+$',
  }),
  for: Type.Optional(
    literals(['family', 'child'], 'who the survey is for: a parent or carer (the default), or the child', {
      missing: 'Select who the survey is for',
      invalid: 'Select who the survey is for',
    }),
  ),
})
export type IssueInput = Static<typeof IssueInput>
export const issueCheck = compileInput(IssueInput)

export const FamilyAnswers = Type.Object({
  understood: scale(
    'whether the family understood why the conference was held',
    'Select whether you understood why the conference was held',
  ),
  heard: scale('whether the family felt listened to', 'Select whether you felt your views were listened to'),
  reports: scale('whether the family had the reports in time', 'Select whether you got the reports in time'),
  suggestion: Type.Optional(
    Text({
      description: 'what would have helped the family',
      label: 'what would have helped',
      maxLength: 2_000,
    }),
  ),
})
export type FamilyAnswers = Static<typeof FamilyAnswers>

/** The child's answers: the same themes, and errors a child can follow. */
export const ChildAnswers = Type.Object({
  understood: scale(
    'whether the child knew why the meeting was held',
    'Choose an answer: did you know why we met?',
  ),
  heard: scale('whether the child felt listened to', 'Choose an answer: did we listen to you?'),
  explained: scale(
    'whether someone told the child what would happen before the meeting',
    'Choose an answer: did someone tell you what would happen?',
  ),
  suggestion: Type.Optional(
    Text({
      description: 'what would have made it better for the child',
      label: 'what would have made it better',
      maxLength: 2_000,
    }),
  ),
})
export const childAnswersCheck = compileInput(ChildAnswers)
export const familyAnswersCheck = compileInput(FamilyAnswers)

export const ChangeInput = Type.Object({
  theme: literals(
    THEMES.map((theme) => theme.key),
    'the theme what was changed answers',
    { missing: 'Select the theme', invalid: 'Select the theme' },
  ),
  whatWeChanged: Text({
    description: 'what the partnership changed because of what it was told',
    label: 'what we changed',
    missing: 'Enter what we changed',
    maxLength: 2_000,
  }),
})
export type ChangeInput = Static<typeof ChangeInput>
export const changeCheck = compileInput(ChangeInput)

export const PractitionerAnswers = Type.Object({
  purpose: scale(
    'whether the meeting’s purpose was clear',
    'Select whether the purpose of the meeting was clear',
  ),
  contributed: scale(
    'whether the practitioner could share what their agency knows',
    'Select whether you could share what your agency knows',
  ),
  prepared: scale(
    'whether the practitioner had the information needed before the meeting',
    'Select whether you had the information you needed',
  ),
  suggestion: Type.Optional(
    Text({
      description: 'what would have made the meeting better',
      label: 'what would have made the meeting better',
      maxLength: 2_000,
    }),
  ),
})
export type PractitionerAnswers = Static<typeof PractitionerAnswers>
export const practitionerAnswersCheck = compileInput(PractitionerAnswers)
