// The practitioner's form as a shared event: the posted fields become the item the batch API takes,
// so the form and the API share one validation (checkItem); problems come back in people's words.
import {
  dateField,
  type GovukErrors,
  govukErrors,
  linesField,
  type PostedForm,
  textField,
} from '../platform/http/forms.ts'
import { compileInput, type FieldProblem } from '../platform/http/schemas.ts'
import type { FieldError } from './rules.ts'
import { SharedEventInput } from './schemas.ts'

export type FormBody = Record<string, string | undefined>

const text = (form: FormBody, name: string) => textField(form as PostedForm, name)

/** London wall-clock date and time from the form; the zone is written explicitly so the API sees it. */
function occurredAt(form: FormBody): string {
  const date = dateField(form as PostedForm, 'occurred') ?? ''
  const time = text(form, 'occurredTime') ?? '00:00'
  const probe = new Date(`${date}T${time}:00Z`)
  if (Number.isNaN(probe.getTime())) return `${date}T${time}`
  const londonHour = Number(
    new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', hour: '2-digit', hourCycle: 'h23' }).format(
      probe,
    ),
  )
  const offset = (londonHour - probe.getUTCHours() + 24) % 24
  return `${date}T${time}:00+0${offset}:00`
}

export function fromForm(form: FormBody, senderEventId: string): Record<string, unknown> {
  const child = {
    childId: text(form, 'childId'),
    nhsNumber: text(form, 'nhsNumber'),
    givenName: text(form, 'childGivenName'),
    familyName: text(form, 'childFamilyName'),
    dateOfBirth: dateField(form as PostedForm, 'dob'),
    postcode: text(form, 'postcode'),
  }
  const adult = text(form, 'adultFamilyName')
    ? [
        {
          givenName: text(form, 'adultGivenName'),
          familyName: text(form, 'adultFamilyName'),
          role: form.adultRole || 'other',
        },
      ]
    : undefined
  const offences = linesField(form as PostedForm, 'offences')
  const conditions = linesField(form as PostedForm, 'bailConditions').map((description) => ({
    kind: 'other',
    description,
  }))
  return dropUndefined({
    senderEventId,
    type: form.type,
    occurredAt: occurredAt(form),
    children: [dropUndefined(child)],
    adults: adult?.map(dropUndefined),
    summary: text(form, 'summary') ?? '',
    details: text(form, 'details'),
    sensitivity: form.sensitivity,
    restrictedDetails: text(form, 'restrictedDetails'),
    lawfulBasis: form.lawfulBasis,
    risk: form.risk,
    offences: offences.length > 0 ? offences : undefined,
    bailConditions: conditions.length > 0 ? conditions : undefined,
  })
}

function dropUndefined<T extends Record<string, unknown>>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T
}

/** Where on the form each API field is entered, when it is not named after it. */
const FORM_FIELD: Record<string, string> = {
  occurredAt: 'occurred-day',
  'children[0]': 'nhsNumber',
  'children[0].childId': 'childId',
  'children[0].nhsNumber': 'nhsNumber',
  'children[0].givenName': 'childGivenName',
  'children[0].familyName': 'childFamilyName',
  'children[0].dateOfBirth': 'dob-day',
  'children[0].postcode': 'postcode',
  'adults[0]': 'adultFamilyName',
  'adults[0].givenName': 'adultGivenName',
  'adults[0].familyName': 'adultFamilyName',
  'offences[0]': 'offences',
}

const itemCheck = compileInput(SharedEventInput)

/** What the rules beyond the schema (rules.ts, store.ts) mean for someone filling in the form. */
function ruleWords(item: Record<string, unknown>, { field, message }: FieldError): string {
  if (field === 'type') return 'Select an event your agency may share'
  if (field === 'lawfulBasis') return 'Select another lawful basis: DPA 2018 Schedule 8 is for the police'
  if (field === 'sensitivity') return 'Select a marking your agency may use'
  if (field === 'restrictedDetails')
    return item.sensitivity === 'standard'
      ? 'Mark the event police-restricted or health-restricted, or leave the restricted details empty'
      : 'Enter the restricted details, or mark the event standard'
  if (field === 'occurredAt') return 'The date it happened must be a real date, not in the future'
  if (field === 'children[0].dateOfBirth') return 'Date of birth must be a real date, not in the future'
  if (field === 'children[0].childId') return 'Choose the child from your search results'
  if (field === 'children[0].nhsNumber') return message
  if (field === 'children[0]')
    return 'Enter the child’s NHS number, or their given name, family name and date of birth'
  if (field === 'adults[0]') return 'Enter the adult’s given name and family name'
  if (field === 'senderEventId') return 'This event was sent already: check your shared events'
  return 'Check this answer'
}

/**
 * The error summary and inline errors for a refused form: the schema's words for people when the
 * item's shape is wrong, otherwise words for each rule the item broke.
 */
export function formErrors(item: Record<string, unknown>, errors: readonly FieldError[]): GovukErrors {
  const shape = itemCheck.problems(item)
  const problems: FieldProblem[] =
    shape.length > 0 ? shape : errors.map((error) => ({ field: error.field, text: ruleWords(item, error) }))
  return govukErrors(problems, { names: FORM_FIELD })
}
