// Pure decisions for partner information sharing: is an item valid, who must be told, who may read the
// restricted part, when each acknowledgement is due and when it is overdue. No I/O.
import { createHash } from 'node:crypto'
import { TypeCompiler } from '@sinclair/typebox/compiler'
import { type ValueError, ValueErrorType } from '@sinclair/typebox/errors'
import {
  corroborates,
  nhsNumberProblem,
  normaliseNhsNumber,
  normaliseUpn,
  upnProblem,
} from '../children/index.ts'
import type { Agency } from '../partnership/config-schema.ts'
import type { Actor } from '../platform/access/actor.ts'
import { mayEver, type Sensitivity } from '../platform/access/policy.ts'
import { addWorkingDays, type IsoDate, toIsoDate } from '../platform/calendar/working-days.ts'
import { DISALLOWED_TEXT, disallowedTextField } from '../platform/http/input.ts'
import { fieldOfPointer } from '../platform/http/schemas.ts'
import {
  type AssociationEnd,
  type ChildRef,
  type ItemResult,
  POLICE_EVENT_TYPES,
  type Risk,
  SHARED_SENSITIVITIES,
  SharedEventInput,
  type SharedSensitivity,
} from './schemas.ts'

/** A field at fault in one item, as the batch API answers it (ItemResult in schema.ts). */
export type FieldError = NonNullable<ItemResult['errors']>[number]

export type ItemCheck = { ok: true; item: SharedEventInput } | { ok: false; errors: FieldError[] }

export interface Sender {
  agencyId: string
  agencyKind: Agency['kind']
}

const checker = TypeCompiler.Compile(SharedEventInput)

/** Validates one item of a batch: the schema first, then the rules a schema cannot say. */
export function checkItem(value: unknown, sender: Sender, now: Date): ItemCheck {
  const badText = disallowedTextField(value)
  if (badText) return { ok: false, errors: [{ field: badText, message: DISALLOWED_TEXT }] }
  if (!checker.Check(value)) return { ok: false, errors: schemaErrors(checker.Errors(value)) }
  const errors = crossFieldErrors(value, sender, now)
  return errors.length > 0 ? { ok: false, errors } : { ok: true, item: normalise(value) }
}

function schemaErrors(errors: Iterable<ValueError>): FieldError[] {
  const byField = new Map<string, string>()
  for (const error of errors) {
    const field = fieldOfPointer(error.path)
    if (!byField.has(field)) byField.set(field, messageFor(error))
  }
  return [...byField].map(([field, message]) => ({ field, message }))
}

function messageFor(error: ValueError): string {
  const anyOf = (error.schema as { anyOf?: { const?: unknown }[] }).anyOf
  if (error.type === ValueErrorType.Union && anyOf?.every((s) => typeof s.const === 'string'))
    return `must be one of: ${anyOf.map((s) => s.const).join(', ')}`
  if (error.type === ValueErrorType.ObjectRequiredProperty) return 'is required'
  if (error.type === ValueErrorType.ObjectAdditionalProperties) return 'is not a recognised field'
  const description = (error.schema as { description?: string }).description
  return description ? `${error.message}: ${description}` : error.message
}

const FUTURE_SKEW_MS = 5 * 60_000

function crossFieldErrors(item: SharedEventInput, sender: Sender, now: Date): FieldError[] {
  return [
    ...senderErrors(item, sender),
    ...markingErrors(item),
    ...timeErrors(item, now),
    ...item.children.flatMap((child, i) => childErrors(child, `children[${i}]`, now)),
    ...(item.adults ?? []).flatMap((adult, i) =>
      adult.personId || (adult.givenName && adult.familyName)
        ? []
        : [{ field: `adults[${i}]`, message: 'give personId, or givenName and familyName' }],
    ),
    ...typeErrors(item),
  ]
}

const isPoliceEvent = (type: SharedEventInput['type']) =>
  (POLICE_EVENT_TYPES as readonly string[]).includes(type)

function senderErrors(item: SharedEventInput, sender: Sender): FieldError[] {
  const errors: FieldError[] = []
  if (isPoliceEvent(item.type) && sender.agencyKind !== 'police')
    errors.push({ field: 'type', message: `only a police force may share a ${item.type} event` })
  if (item.lawfulBasis === 'dpa2018-sch8-para4' && sender.agencyKind !== 'police')
    errors.push({ field: 'lawfulBasis', message: 'DPA 2018 Schedule 8 is for law enforcement: police only' })
  if (item.sensitivity !== 'standard' && markingOwner(item.sensitivity) !== sender.agencyKind)
    errors.push({
      field: 'sensitivity',
      message: `only a ${markingOwner(item.sensitivity)} agency may mark ${item.sensitivity}`,
    })
  return errors
}

function markingErrors(item: SharedEventInput): FieldError[] {
  if (item.sensitivity === 'standard' && item.restrictedDetails)
    return [
      {
        field: 'restrictedDetails',
        message: 'mark the event police-restricted or health-restricted, or leave this out',
      },
    ]
  if (item.sensitivity !== 'standard' && !item.restrictedDetails)
    return [{ field: 'restrictedDetails', message: `is required when sensitivity is ${item.sensitivity}` }]
  return []
}

function timeErrors(item: SharedEventInput, now: Date): FieldError[] {
  const occurred = Date.parse(item.occurredAt)
  if (Number.isNaN(occurred)) return [{ field: 'occurredAt', message: 'is not a real date and time' }]
  if (occurred > now.getTime() + FUTURE_SKEW_MS) return [{ field: 'occurredAt', message: 'is in the future' }]
  return []
}

function childErrors(child: ChildRef, field: string, now: Date): FieldError[] {
  const errors: FieldError[] = []
  const nhs = child.nhsNumber && nhsNumberProblem(normaliseNhsNumber(child.nhsNumber))
  if (nhs) errors.push({ field: `${field}.nhsNumber`, message: nhs })
  const upn = child.upn && upnProblem(normaliseUpn(child.upn))
  if (upn) errors.push({ field: `${field}.upn`, message: upn })
  if (child.dateOfBirth && !isPastDate(child.dateOfBirth, now))
    errors.push({ field: `${field}.dateOfBirth`, message: 'must be a real date, not in the future' })
  const named = child.givenName && child.familyName && child.dateOfBirth
  if (!child.childId && !child.nhsNumber && !child.upn && !named)
    errors.push({ field, message: 'give childId, nhsNumber, upn, or givenName, familyName and dateOfBirth' })
  return errors
}

function isPastDate(date: string, now: Date): boolean {
  const parsed = new Date(`${date}T00:00:00Z`)
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === date && parsed <= now
}

function typeErrors(item: SharedEventInput): FieldError[] {
  const required = (field: keyof SharedEventInput, present: boolean) =>
    present ? [] : [{ field, message: `is required for a ${item.type} event` }]
  switch (item.type) {
    case 'bail':
      return [...required('bailConditions', (item.bailConditions?.length ?? 0) > 0), ...bailErrors(item)]
    case 'charge':
    case 'conviction':
      return required('offences', (item.offences?.length ?? 0) > 0)
    case 'court-date':
      return required('hearing', item.hearing !== undefined)
    case 'court-order':
      return required('order', item.order !== undefined)
    case 'new-association':
      return item.association
        ? [
            ...endErrors(item, item.association.from, 'association.from'),
            ...endErrors(item, item.association.to, 'association.to'),
          ]
        : required('association', false)
    default:
      return []
  }
}

function bailErrors(item: SharedEventInput): FieldError[] {
  return (item.bailConditions ?? []).flatMap((condition, i) => {
    const field = `bailConditions[${i}].child`
    if (condition.child !== undefined && condition.child >= item.children.length)
      return [{ field, message: 'is not the index of a child in children' }]
    if (condition.kind === 'no-contact-with-child' && condition.child === undefined)
      return [{ field, message: 'name the child (index into children) the person must not contact' }]
    return []
  })
}

function endErrors(item: SharedEventInput, end: AssociationEnd, field: string): FieldError[] {
  const given = [end.child, end.adult, end.place].filter((part) => part !== undefined).length
  if (given !== 1) return [{ field, message: 'give exactly one of child, adult or place' }]
  if (end.child !== undefined && end.child >= item.children.length)
    return [{ field: `${field}.child`, message: 'is not the index of a child in children' }]
  if (end.adult !== undefined && end.adult >= (item.adults?.length ?? 0))
    return [{ field: `${field}.adult`, message: 'is not the index of an adult in adults' }]
  return []
}

function normalise(item: SharedEventInput): SharedEventInput {
  return {
    ...item,
    children: item.children.map((child) => ({
      ...child,
      ...(child.nhsNumber ? { nhsNumber: normaliseNhsNumber(child.nhsNumber) } : {}),
      ...(child.upn ? { upn: normaliseUpn(child.upn) } : {}),
    })),
  }
}

/** A fingerprint of what was sent, so a sender event id reused for different content is caught. */
export function contentHash(item: SharedEventInput): string {
  return createHash('sha256').update(canonicalJson(item)).digest('hex')
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`
  if (value && typeof value === 'object')
    return `{${Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`)
      .join(',')}}`
  return JSON.stringify(value)
}

// ---------------------------------------------------------------------------
// Who must know

export type AgencyKind = Agency['kind']

/** Which agency kind may read the restricted part under each marking. */
export function markingOwner(marking: Exclude<SharedSensitivity, 'standard'>): AgencyKind {
  return marking === 'police-restricted' ? 'police' : 'health'
}

function defaultMayReceive(kind: AgencyKind, sensitivity: Sensitivity): boolean {
  return sensitivity !== 'sealed' && (sensitivity === 'standard' || seesRestricted(sensitivity, kind))
}

export function seesRestricted(marking: SharedSensitivity, kind: AgencyKind): boolean {
  return marking === 'standard' || markingOwner(marking) === kind
}

export interface ConcernedChild {
  laId: string
  /** The marking on the child's own record: an agency that may not see the record is not told. */
  sensitivity: Sensitivity
  /** Agencies with active involvement: child_involvement rows with no ended_at. */
  involvedAgencyIds: readonly string[]
}

export interface Recipient {
  agencyId: string
  seesRestricted: boolean
}

export interface FanOutInput {
  senderAgencyId: string
  sensitivity: SharedSensitivity
  children: readonly ConcernedChild[]
  agencies: readonly Agency[]
  /** The access policy's answer: may this agency be told about a child with this marking at all. */
  mayReceive?: (agency: Agency, child: { sensitivity: Sensitivity }) => boolean
}

/**
 * Every agency involved with a child concerned, and each child's LA, once each, never the sender.
 * Partners outside a restricted marking still get the event (type, summary, shared details) so they
 * can check their own records, but never the restricted details.
 */
export function recipientsOf(input: FanOutInput): Recipient[] {
  const byId = new Map(input.agencies.map((agency) => [agency.id, agency]))
  const mayReceive =
    input.mayReceive ?? ((agency, child) => defaultMayReceive(agency.kind, child.sensitivity))
  const wanted = new Set<string>()
  for (const child of input.children) {
    const candidates = [
      ...input.agencies.filter((agency) => 'la' in agency && agency.la === child.laId),
      ...child.involvedAgencyIds.flatMap((id) => byId.get(id) ?? []),
    ]
    for (const agency of candidates) if (mayReceive(agency, child)) wanted.add(agency.id)
  }
  wanted.delete(input.senderAgencyId)
  return [...wanted]
    .map((id) => byId.get(id))
    .filter((agency): agency is Agency => agency !== undefined)
    .map((agency) => ({
      agencyId: agency.id,
      seesRestricted: mayReceive(agency, { sensitivity: input.sensitivity }),
    }))
    .sort((a, b) => a.agencyId.localeCompare(b.agencyId))
}

// ---------------------------------------------------------------------------
// Acknowledgement clocks

export interface AcknowledgementTimes {
  /** Working days after the day received; the acknowledgement is due by the end of that day. */
  workingDays: number
  /** High-risk events are due this many clock hours after receipt. */
  highRiskHours: number
}

export const DEFAULT_ACKNOWLEDGEMENT_TIMES: AcknowledgementTimes = { workingDays: 1, highRiskHours: 24 }

/** The instant an unacknowledged notification becomes overdue. */
export function acknowledgementDueAt(
  receivedAt: Date,
  risk: Risk,
  times: AcknowledgementTimes = DEFAULT_ACKNOWLEDGEMENT_TIMES,
): Date {
  if (risk === 'high') return new Date(receivedAt.getTime() + times.highRiskHours * 3_600_000)
  return startOfLondonDayAfter(addWorkingDays(toIsoDate(receivedAt), times.workingDays))
}

/** Midnight in London at the end of `date` (UK clocks change at 01:00 UTC, never at midnight). */
export function startOfLondonDayAfter(date: IsoDate): Date {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number]
  const utcMidnight = Date.UTC(year, month - 1, day + 1)
  return new Date(utcMidnight - londonOffsetMs(new Date(utcMidnight)))
}

const londonHour = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  hour: '2-digit',
  hourCycle: 'h23',
})

function londonOffsetMs(instant: Date): number {
  const hour = Number(londonHour.format(instant))
  return ((hour - instant.getUTCHours() + 24) % 24) * 3_600_000
}

export type AcknowledgementState = 'acknowledged' | 'overdue' | 'due'

export function acknowledgementState(
  notification: { dueAt: Date; acknowledgedAt: Date | null },
  now: Date,
): AcknowledgementState {
  if (notification.acknowledgedAt) return 'acknowledged'
  return now >= notification.dueAt ? 'overdue' : 'due'
}

/**
 * How an event stands with everyone it was sent to, taken together, for a sender who may not learn
 * which agencies those were (they are who works with the child). Overdue comes before waiting, and the
 * date given is the earliest due of those not yet acknowledged.
 */
export interface EventAcknowledgement {
  state: AcknowledgementState
  dueAt: Date | null
}

export function acknowledgementOfEvent(
  notifications: { dueAt: Date; acknowledgedAt: Date | null }[],
  now: Date,
): EventAcknowledgement {
  const waiting = notifications.filter((notification) => !notification.acknowledgedAt)
  if (waiting.length === 0) return { state: 'acknowledged', dueAt: null }
  const dueAt = new Date(Math.min(...waiting.map((notification) => notification.dueAt.getTime())))
  return { state: now >= dueAt ? 'overdue' : 'due', dueAt }
}

// ---------------------------------------------------------------------------
// Finding the children an event concerns

export interface KnownChild {
  id: string
  /** The record found; differs from id when that record was merged into the one with id. */
  foundId: string
  laId: string
  nhsNumber: string | null
  upn: string | null
  givenName: string
  familyName: string
  dateOfBirth: string | null
  sensitivity: Sensitivity
}

/**
 * The child a reference names: by masa's own id; by NHS number, then UPN, only when the name or date
 * of birth given corroborates it (children/corroboration.ts); else by an unambiguous name and birth
 * date. An identifier that names a child the rest does not describe matches nobody: the event then
 * goes where an event about a child masa does not know goes, for the LA's front door to match.
 */
export function matchChild(ref: ChildRef, known: readonly KnownChild[]): KnownChild | undefined {
  const id = ref.childId?.toLowerCase()
  if (id) return known.find((child) => child.foundId === id)
  const identified =
    (ref.nhsNumber ? known.find((child) => child.nhsNumber === ref.nhsNumber) : undefined) ??
    (ref.upn ? known.find((child) => child.upn === ref.upn) : undefined)
  if (identified) return corroborates(ref, identified) ? identified : undefined
  if (!ref.givenName || !ref.familyName || !ref.dateOfBirth) return undefined
  const same = (a: string, b: string) => a.localeCompare(b, 'en', { sensitivity: 'base' }) === 0
  const named = known.filter(
    (child) =>
      child.dateOfBirth === ref.dateOfBirth &&
      same(child.givenName, ref.givenName ?? '') &&
      same(child.familyName, ref.familyName ?? ''),
  )
  return named.length === 1 ? named[0] : undefined
}

/**
 * Whether a reference agrees with the record on more than an identifier: the given and family names
 * and the date of birth all match. Only then does sharing about a child make the sender involved
 * with it (an identifier alone may be mistyped, and would open the wrong child's record).
 */
export function corroborated(ref: ChildRef, child: KnownChild): boolean {
  const same = (a: string, b: string | undefined) =>
    b !== undefined && a.localeCompare(b, 'en', { sensitivity: 'base' }) === 0
  return (
    child.dateOfBirth !== null &&
    child.dateOfBirth === ref.dateOfBirth &&
    same(child.givenName, ref.givenName) &&
    same(child.familyName, ref.familyName)
  )
}

/**
 * The LAs to tell about a child masa does not know yet: the LA of the postcode given, or every LA
 * of the partnership when there is none, so an unplaced child still reaches a front door.
 */
export function lasForUnknownChild(
  ref: ChildRef,
  laForPostcode: (postcode: string) => string | undefined,
  allLaIds: readonly string[],
): string[] {
  const la = ref.postcode ? laForPostcode(ref.postcode) : undefined
  return la ? [la] : [...allLaIds]
}

/** A sender event id used before, for a different event. */
export const reusedId = (where: string): FieldError => ({
  field: 'senderEventId',
  message: `was already used ${where} for a different event: give each event its own id`,
})

// ---------------------------------------------------------------------------
// Naming a child to a receiving agency

/** The identifier an agency of this kind finds a child by in its own system, beside name and birth. */
const OWN_SYSTEM_IDENTIFIER: Readonly<Record<AgencyKind, 'nhsNumber' | 'upn' | 'laChildId' | null>> = {
  health: 'nhsNumber',
  education: 'upn',
  'local-authority': 'laChildId',
  police: null,
  other: null,
}

export interface NamedChild {
  name: string
  dateOfBirth: string | null
  nhsNumber: string | null
  upn: string | null
  laChildId: string
}

/** What an agency is told to find the child in its own system: name, date of birth and its own identifier. */
export function namedFor(kind: AgencyKind, child: NamedChild) {
  const identifier = OWN_SYSTEM_IDENTIFIER[kind]
  const value = identifier ? child[identifier] : null
  return {
    name: child.name,
    dateOfBirth: child.dateOfBirth,
    identifier: identifier && value ? { kind: identifier, value } : null,
  }
}

// ---------------------------------------------------------------------------
// Questions for the one access policy about the actor or an agency rather than one record

/** The markings whose restricted details this actor may read. */
export function readableMarkings(actor: Actor): SharedSensitivity[] {
  return SHARED_SENSITIVITIES.filter((sensitivity) => mayEver(actor, 'event.view', { sensitivity }))
}

/**
 * Whether an agency, as a whole, may be told about a child with this marking (or read details under
 * it): the policy asked for the agency's own inbox, as a system reading events it is involved in.
 */
export function agencyMayRead(agency: Agency, { sensitivity }: { sensitivity: Sensitivity }): boolean {
  const inbox: Actor = {
    kind: 'system',
    id: `inbox:${agency.id}`,
    displayName: agency.name,
    agencyId: agency.id,
    agencyKind: agency.kind,
    grants: [],
    scopes: ['events:read'],
  }
  return mayEver(inbox, 'event.view', { sensitivity })
}
