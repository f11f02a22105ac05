// What people and systems send about a child, checked and put in stored form: for a search, and for
// a new record (which always starts as a search), and the API's inputs as TypeBox. Pure; each problem
// names its field.

import { type Static, Type } from '@sinclair/typebox'
import type { IsoDate } from '../platform/calendar/working-days.ts'
import { type FieldProblem, isCalendarDate } from '../platform/http/schemas.ts'
import { nhsNumberProblem, normaliseNhsNumber, normaliseUpn, upnProblem } from './identifiers.ts'
import { parseName } from './rules.ts'
import { SEXES, type Sex } from './tables.ts'

export type Checked<T> = { ok: true; value: T } | { ok: false; problems: FieldProblem[] }

export interface ChildSearch {
  name?: string
  dateOfBirth?: IsoDate
  nhsNumber?: string
  upn?: string
}

export interface ChildSearchForm {
  name?: string
  dob?: string
  nhs?: string
  upn?: string
}

const blank = (value: string | undefined) => value === undefined || value.trim() === ''

/** A calendar date as 'YYYY-MM-DD', or undefined if there is no such date. */
function parseIsoDate(text: string): IsoDate | undefined {
  const trimmed = text.trim()
  return isCalendarDate(trimmed) ? trimmed : undefined
}

/** The GOV.UK date input's three boxes as one ISO date string ('' when all are empty). */
export function dateFromParts(day?: string, month?: string, year?: string): string {
  if ([day, month, year].every(blank)) return ''
  const pad = (value: string | undefined, width: number) => (value ?? '').trim().padStart(width, '0')
  return `${(year ?? '').trim()}-${pad(month, 2)}-${pad(day, 2)}`
}

export function checkDateOfBirth(field: string, text: string, today: IsoDate): Checked<IsoDate> {
  const date = parseIsoDate(text)
  if (!date) return { ok: false, problems: [{ field, text: 'Date of birth must be a real date' }] }
  if (date > today)
    return { ok: false, problems: [{ field, text: 'Date of birth must be today or in the past' }] }
  if (date < '1900-01-01')
    return { ok: false, problems: [{ field, text: 'Date of birth must be after 1900' }] }
  return { ok: true, value: date }
}

export function checkNhsNumber(field: string, text: string): Checked<string> {
  const value = normaliseNhsNumber(text)
  const problem = nhsNumberProblem(value)
  return problem ? { ok: false, problems: [{ field, text: problem }] } : { ok: true, value }
}

export function checkUpn(field: string, text: string): Checked<string> {
  const value = normaliseUpn(text)
  const problem = upnProblem(value)
  return problem ? { ok: false, problems: [{ field, text: problem }] } : { ok: true, value }
}

/** Collects problems from optional fields: each check runs only when its field was filled in. */
function optional<T>(
  text: string | undefined,
  check: (text: string) => Checked<T>,
  problems: FieldProblem[],
) {
  if (blank(text)) return undefined
  const result = check(text as string)
  if (result.ok) return result.value
  problems.push(...result.problems)
  return undefined
}

export function checkChildSearch(form: ChildSearchForm, today: IsoDate): Checked<ChildSearch> {
  const problems: FieldProblem[] = []
  const name = blank(form.name) ? undefined : form.name?.trim()
  if (name && name.length > 100)
    problems.push({ field: 'name', text: 'Name must be 100 characters or fewer' })
  // Search compares names letter by letter: punctuation alone ('!!!') leaves nothing to compare.
  else if (name && !parseName(name))
    problems.push({
      field: 'name',
      text: 'Enter the name in letters A to Z, as written on the child’s records',
    })
  const dateOfBirth = optional(form.dob, (text) => checkDateOfBirth('dob', text, today), problems)
  const nhsNumber = optional(form.nhs, (text) => checkNhsNumber('nhs', text), problems)
  const upn = optional(form.upn, (text) => checkUpn('upn', text), problems)
  if (problems.length > 0) return { ok: false, problems }
  if (!name && !dateOfBirth && !nhsNumber && !upn) {
    return {
      ok: false,
      problems: [{ field: 'name', text: 'Enter a name, date of birth, NHS number or UPN' }],
    }
  }
  return { ok: true, value: { name, dateOfBirth, nhsNumber, upn } }
}

// ---------------------------------------------------------------------------
// A new record

export interface NewChildForm extends Omit<ChildSearchForm, 'name'> {
  givenName?: string
  familyName?: string
  expectedDob?: string
  sex?: string
  laId?: string
}

export interface NewChildInput {
  laId: string
  givenName: string
  familyName: string
  dateOfBirth: IsoDate | null
  expectedDateOfBirth: IsoDate | null
  sex: Sex
  nhsNumber: string | null
  upn: string | null
}

function requiredName(field: string, label: string, text: string | undefined, problems: FieldProblem[]) {
  if (blank(text)) problems.push({ field, text: `Enter the child's ${label}` })
  else if ((text as string).trim().length > 100)
    problems.push({ field, text: `${label} must be 100 characters or fewer` })
  return (text ?? '').trim()
}

function checkExpectedDate(text: string, today: IsoDate): Checked<IsoDate> {
  const date = parseIsoDate(text)
  if (!date)
    return {
      ok: false,
      problems: [{ field: 'expectedDob', text: 'Expected date of birth must be a real date' }],
    }
  if (date < today) {
    return {
      ok: false,
      problems: [{ field: 'expectedDob', text: 'Expected date of birth must be in the future' }],
    }
  }
  return { ok: true, value: date }
}

export function checkNewChild(
  form: NewChildForm,
  laIds: readonly string[],
  today: IsoDate,
): Checked<NewChildInput> {
  const problems: FieldProblem[] = []
  const givenName = requiredName('givenName', 'given name', form.givenName, problems)
  const familyName = requiredName('familyName', 'family name', form.familyName, problems)
  const dateOfBirth = optional(form.dob, (text) => checkDateOfBirth('dob', text, today), problems) ?? null
  const expectedDateOfBirth =
    optional(form.expectedDob, (text) => checkExpectedDate(text, today), problems) ?? null
  if (blank(form.dob) && blank(form.expectedDob)) {
    problems.push({
      field: 'dob',
      text: 'Enter a date of birth, or an expected date of birth for an unborn child',
    })
  }
  const sex = SEXES.find((s) => s === form.sex)
  if (!sex) problems.push({ field: 'sex', text: 'Select the child’s sex, or “Not known”' })
  const laId = laIds.find((id) => id === form.laId)
  if (!laId) problems.push({ field: 'laId', text: 'Select the local authority responsible for the child' })
  const nhsNumber = optional(form.nhs, (text) => checkNhsNumber('nhs', text), problems) ?? null
  const upn = optional(form.upn, (text) => checkUpn('upn', text), problems) ?? null
  if (problems.length > 0 || !sex || !laId) return { ok: false, problems }
  return {
    ok: true,
    value: { laId, givenName, familyName, dateOfBirth, expectedDateOfBirth, sex, nhsNumber, upn },
  }
}

// ---------------------------------------------------------------------------
// The API's inputs, as TypeBox (their OpenAPI)

export const ChildSearchQuery = Type.Object({
  name: Type.Optional(Type.String({ maxLength: 100 })),
  dob: Type.Optional(Type.String({ description: 'date of birth, YYYY-MM-DD' })),
  nhs: Type.Optional(Type.String({ maxLength: 20 })),
  upn: Type.Optional(Type.String({ maxLength: 20 })),
})

export const NewChildBody = Type.Object(
  {
    laId: Type.String({
      description: 'the responsible local authority (its id in the partnership configuration)',
    }),
    givenName: Type.String({ minLength: 1, maxLength: 100 }),
    familyName: Type.String({ minLength: 1, maxLength: 100 }),
    dateOfBirth: Type.Optional(Type.String({ description: 'YYYY-MM-DD' })),
    expectedDateOfBirth: Type.Optional(Type.String({ description: 'YYYY-MM-DD, for an unborn child' })),
    sex: Type.Union([Type.Literal('M'), Type.Literal('F'), Type.Literal('U')]),
    nhsNumber: Type.Optional(Type.String({ maxLength: 20 })),
    upn: Type.Optional(Type.String({ maxLength: 20 })),
    confirmedNotDuplicate: Type.Optional(
      Type.Boolean({ description: 'true to create the record although likely duplicates were found' }),
    ),
  },
  { additionalProperties: false },
)
export type NewChildBody = Static<typeof NewChildBody>
