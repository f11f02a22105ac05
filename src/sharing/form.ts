// The practitioner's form as a shared event: pure mapping both ways, so the form and the API share one
// validation (checkItem) and one set of field names.
import type { FieldError } from './rules.ts'

export type FormBody = Record<string, string | undefined>

const text = (value: string | undefined) => value?.trim() || undefined

const lines = (value: string | undefined) =>
  (value ?? '')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean)

function isoDate(day?: string, month?: string, year?: string): string | undefined {
  if (!day && !month && !year) return undefined
  return `${(year ?? '').trim()}-${(month ?? '').trim().padStart(2, '0')}-${(day ?? '').trim().padStart(2, '0')}`
}

/** London wall-clock date and time from the form; the zone is written explicitly so the API sees it. */
function occurredAt(form: FormBody): string {
  const date = isoDate(form['occurred-day'], form['occurred-month'], form['occurred-year']) ?? ''
  const time = text(form.occurredTime) ?? '00:00'
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
    childId: text(form.childId),
    nhsNumber: text(form.nhsNumber),
    givenName: text(form.childGivenName),
    familyName: text(form.childFamilyName),
    dateOfBirth: isoDate(form['dob-day'], form['dob-month'], form['dob-year']),
    postcode: text(form.postcode),
  }
  const adult = text(form.adultFamilyName)
    ? [
        {
          givenName: text(form.adultGivenName),
          familyName: text(form.adultFamilyName),
          role: form.adultRole || 'other',
        },
      ]
    : undefined
  const conditions = lines(form.bailConditions).map((description) => ({ kind: 'other', description }))
  return dropUndefined({
    senderEventId,
    type: form.type,
    occurredAt: occurredAt(form),
    children: [dropUndefined(child)],
    adults: adult?.map(dropUndefined),
    summary: text(form.summary) ?? '',
    details: text(form.details),
    sensitivity: form.sensitivity,
    restrictedDetails: text(form.restrictedDetails),
    lawfulBasis: form.lawfulBasis,
    risk: form.risk,
    offences: lines(form.offences).length > 0 ? lines(form.offences) : undefined,
    bailConditions: conditions.length > 0 ? conditions : undefined,
  })
}

function dropUndefined<T extends Record<string, unknown>>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T
}

/** Where on the form each API field is entered, for the error summary's links. */
const FORM_FIELD: Record<string, string> = {
  occurredAt: 'occurred-day',
  'children[0]': 'nhsNumber',
  'children[0].childId': 'childId',
  'children[0].nhsNumber': 'nhsNumber',
  'children[0].dateOfBirth': 'dob-day',
  'adults[0]': 'adultFamilyName',
  bailConditions: 'bailConditions',
}

export interface GovukError {
  text: string
  href: string
}

const LABELS: Record<string, string> = {
  occurredAt: 'When it happened',
  type: 'What happened',
  summary: 'Summary',
  sensitivity: 'Marking',
  restrictedDetails: 'Restricted details',
  lawfulBasis: 'Lawful basis',
  risk: 'Risk',
  offences: 'Offences',
  bailConditions: 'Bail conditions',
}

export function formErrors(errors: readonly FieldError[]): {
  list: GovukError[]
  byField: Record<string, { text: string }>
} {
  const list = errors.map((error) => {
    const id = FORM_FIELD[error.field] ?? error.field.replace(/\[\d+\].*$/, '')
    const label = LABELS[error.field] ?? (error.field.startsWith('children') ? 'Child' : error.field)
    return { text: `${label}: ${error.message}`, href: `#${id}` }
  })
  const byField = Object.fromEntries(list.map((error) => [error.href.slice(1), { text: error.text }]))
  return { list, byField }
}
