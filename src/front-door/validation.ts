// What makes a referral, a MAT contribution and a threshold decision complete and believable.
// The same checks serve the web form (GOV.UK error summary) and the API (a 400 naming the field).

import { TypeCompiler } from '@sinclair/typebox/compiler'
import { ValueErrorType } from '@sinclair/typebox/errors'
import { nhsNumberProblem, normaliseNhsNumber, normaliseUpn, upnProblem } from '../children/index.ts'
import { laForPostcode, type PartnershipConfig, postcodeKeys } from '../partnership/config.ts'
import type { IsoDate } from '../platform/calendar/working-days.ts'
import { CONSENTS, isOutcome, isReferralSource, LEVELS_FOR_OUTCOME, OUTCOMES, URGENCIES } from './rules.ts'
import { type DecisionInput, type MatContributionInput, ReferralInput } from './schemas.ts'

export interface Problem {
  /** The input at fault, as the API names it ('child.nhsNumber'). */
  field: string
  text: string
}

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/
const blank = (value: string | undefined) => !value || value.trim() === ''

/** Trims text, drops empty optional values and puts identifiers and postcodes in their stored form. */
export function normaliseReferral(input: ReferralInput): ReferralInput {
  const child = input.child
  const optional = (value: string | undefined) => (blank(value) ? undefined : value?.trim())
  return {
    ...input,
    child: {
      firstName: child.firstName.trim(),
      lastName: child.lastName.trim(),
      otherNames: optional(child.otherNames),
      dateOfBirth: optional(child.dateOfBirth),
      address: optional(child.address),
      postcode: optional(child.postcode)?.toUpperCase().replace(/\s+/g, ' '),
      school: optional(child.school),
      nhsNumber: child.nhsNumber && !blank(child.nhsNumber) ? normaliseNhsNumber(child.nhsNumber) : undefined,
      upn: child.upn && !blank(child.upn) ? normaliseUpn(child.upn) : undefined,
    },
    localAuthority: optional(input.localAuthority),
    lawfulBasisWithoutConsent:
      input.consent === 'given' ? undefined : optional(input.lawfulBasisWithoutConsent),
    referrer: {
      name: input.referrer.name.trim(),
      role: input.referrer.role.trim(),
      email: input.referrer.email.trim().toLowerCase(),
      phone: optional(input.referrer.phone),
    },
  }
}

export function referralProblems(input: ReferralInput, config: PartnershipConfig, today: IsoDate): Problem[] {
  const problems = [
    ...childProblems(input, today),
    ...areaProblems(input, config),
    ...concernProblems(input),
    ...referrerProblems(input),
  ]
  const named = new Set(problems.map((problem) => problem.field))
  return [...problems, ...shapeProblems(input).filter((problem) => !named.has(problem.field))]
}

const referralShape = TypeCompiler.Compile(ReferralInput)

/**
 * What the API's schema refuses (lengths above all), for input that did not come through it: the web
 * form runs the same schema, so its limits cannot drift from the API's.
 */
function shapeProblems(input: ReferralInput): Problem[] {
  const problems = new Map<string, string>()
  for (const error of referralShape.Errors(input)) {
    const field = error.path.split('/').filter(Boolean).join('.')
    const { description = field, maxLength } = error.schema as { description?: string; maxLength?: number }
    const label = (description.split(/[:(]/)[0] ?? field).trim()
    const name = label.charAt(0).toUpperCase() + label.slice(1)
    const text =
      error.type === ValueErrorType.StringMaxLength && maxLength
        ? `${name} must be ${maxLength.toLocaleString('en-GB')} characters or fewer`
        : `${name} is not valid`
    if (!problems.has(field)) problems.set(field, text)
  }
  return [...problems].map(([field, text]) => ({ field, text }))
}

function childProblems({ child }: ReferralInput, today: IsoDate): Problem[] {
  const problems: Problem[] = []
  if (blank(child.firstName))
    problems.push({ field: 'child.firstName', text: 'Enter the child’s first name' })
  if (blank(child.lastName)) problems.push({ field: 'child.lastName', text: 'Enter the child’s last name' })
  const birth = child.dateOfBirth && dateOfBirthProblem(child.dateOfBirth, today)
  if (birth) problems.push({ field: 'child.dateOfBirth', text: birth })
  const nhs = child.nhsNumber && nhsNumberProblem(child.nhsNumber)
  if (nhs) problems.push({ field: 'child.nhsNumber', text: nhs })
  const upn = child.upn && upnProblem(child.upn)
  if (upn) problems.push({ field: 'child.upn', text: upn })
  return problems
}

export function dateOfBirthProblem(date: string, today: IsoDate): string | undefined {
  if (!isCalendarDate(date)) return 'Date of birth must be a real date'
  if (date > today) return 'Date of birth must be today or in the past'
  if (date <= `${Number(today.slice(0, 4)) - 18}${today.slice(4)}`)
    return 'Date of birth must be less than 18 years ago: this service is for children'
  return undefined
}

export function isCalendarDate(date: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return false
  const parsed = new Date(`${date}T00:00:00Z`)
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === date
}

function areaProblems(input: ReferralInput, config: PartnershipConfig): Problem[] {
  const { postcode } = input.child
  if (postcode && postcodeKeys(postcode).length === 0)
    return [{ field: 'child.postcode', text: 'Enter a real postcode, like LE1 6ZG' }]
  if (input.localAuthority) {
    if (config.local_authorities.some((la) => la.id === input.localAuthority)) return []
    return [{ field: 'localAuthority', text: 'Select the area the child lives in' }]
  }
  if (postcode && laForPostcode(config, postcode)) return []
  const text = postcode
    ? `This postcode is not in ${config.partnership.short_name}: select the area the child lives in`
    : 'Enter the child’s postcode, or select the area the child lives in'
  return [{ field: postcode ? 'localAuthority' : 'child.postcode', text }]
}

/** The stated area wins over the postcode: the referrer may know the child belongs to another LA. */
export function childLaId(input: ReferralInput, config: PartnershipConfig): string {
  if (input.localAuthority) return input.localAuthority
  const la = input.child.postcode ? laForPostcode(config, input.child.postcode) : undefined
  if (!la) throw new Error('childLaId called before referralProblems')
  return la.id
}

function concernProblems(input: ReferralInput): Problem[] {
  const problems: Problem[] = []
  if (blank(input.whatHappened)) problems.push({ field: 'whatHappened', text: 'Enter what happened' })
  if (blank(input.worries))
    problems.push({ field: 'worries', text: 'Enter what worries you about the child' })
  if (blank(input.familyKnows))
    problems.push({ field: 'familyKnows', text: 'Enter what the family knows about this referral' })
  if (!(input.consent in CONSENTS))
    problems.push({ field: 'consent', text: 'Select whether the family has agreed to this referral' })
  else if (input.consent !== 'given' && blank(input.lawfulBasisWithoutConsent))
    problems.push({
      field: 'lawfulBasisWithoutConsent',
      text: 'Enter the lawful basis for sharing this without the family’s consent',
    })
  if (!URGENCIES.includes(input.urgency)) problems.push({ field: 'urgency', text: 'Select how urgent it is' })
  return problems
}

function referrerProblems({ referrer, referralSource }: ReferralInput): Problem[] {
  const problems: Problem[] = []
  if (blank(referrer.name)) problems.push({ field: 'referrer.name', text: 'Enter your full name' })
  if (blank(referrer.role)) problems.push({ field: 'referrer.role', text: 'Enter your job title or role' })
  if (blank(referrer.email)) problems.push({ field: 'referrer.email', text: 'Enter your email address' })
  else if (!EMAIL.test(referrer.email.trim()))
    problems.push({
      field: 'referrer.email',
      text: 'Enter an email address in the correct format, like name@example.org',
    })
  if (referrer.phone && !/^[+\d][\d\s()-]{5,}$/.test(referrer.phone.trim()))
    problems.push({ field: 'referrer.phone', text: 'Enter a phone number, like 01632 960 001' })
  if (!isReferralSource(referralSource))
    problems.push({ field: 'referralSource', text: 'Select where you work' })
  return problems
}

export function matContributionProblems(input: MatContributionInput): Problem[] {
  const problems: Problem[] = []
  if (blank(input.recordsHold))
    problems.push({ field: 'recordsHold', text: 'Enter what your agency’s records hold about the child' })
  if (blank(input.household))
    problems.push({ field: 'household', text: 'Enter what your agency’s records hold about the household' })
  if (blank(input.lawfulBasis))
    problems.push({ field: 'lawfulBasis', text: 'Select the lawful basis for sharing' })
  return problems
}

export function decisionProblems(input: Partial<DecisionInput>): Problem[] {
  const problems: Problem[] = []
  const { outcome, levelOfNeed } = input
  if (!outcome || !isOutcome(outcome)) problems.push({ field: 'outcome', text: 'Select the decision' })
  if (!levelOfNeed || ![1, 2, 3, 4].includes(levelOfNeed))
    problems.push({ field: 'levelOfNeed', text: 'Select the level of need' })
  else if (outcome && isOutcome(outcome) && !LEVELS_FOR_OUTCOME[outcome].includes(levelOfNeed))
    problems.push({
      field: 'levelOfNeed',
      text: `Level ${levelOfNeed} does not fit “${OUTCOMES[outcome]}”: choose level ${LEVELS_FOR_OUTCOME[outcome].join(' or ')}`,
    })
  if (blank(input.reasons)) problems.push({ field: 'reasons', text: 'Enter the reasons for the decision' })
  if (blank(input.feedbackToReferrer))
    problems.push({ field: 'feedbackToReferrer', text: 'Enter what the referrer will be told' })
  return problems
}
