// Pure decisions about a multi-agency meeting about a child, whatever its kind: who may be invited,
// who attended, whether that is quorate (by the rule the caller's kind of meeting supplies), the
// meeting as the access policy sees it, and which parts of its record a reader may read. No I/O.

import type { Agency, AgencyKind, PartnershipConfig } from '../partnership/config.ts'
import type { Actor } from '../platform/access/actor.ts'
import {
  type ChildResource,
  type DecideOptions,
  decide,
  type MeetingResource,
  type PartMarking,
  type PartResource,
} from '../platform/access/policy.ts'
import type { IsoDate } from '../platform/calendar/working-days.ts'
import { govukDate } from '../platform/http/dates.ts'
import type { FieldProblem } from '../platform/http/schemas.ts'
import { londonInstant } from './ics.ts'
import type { InviteeRequest } from './schemas.ts'

// ---------------------------------------------------------------------------
// The partnership's agencies, as meetings name and invite them

export function agencyOf(partnership: PartnershipConfig, agencyId: string): Agency | undefined {
  return partnership.agencies.find((agency) => agency.id === agencyId)
}

/** The agency's name, or its id when the partnership no longer lists it. */
export const agencyName = (partnership: PartnershipConfig, agencyId: string): string =>
  agencyOf(partnership, agencyId)?.name ?? agencyId

/** Agencies that work in an LA: its own social care, and partners serving it. */
export function agenciesServing(partnership: PartnershipConfig, laId: string): Agency[] {
  return partnership.agencies.filter((agency) =>
    agency.kind === 'local-authority'
      ? agency.la === laId
      : agency.serves === 'all' || agency.serves.includes(laId),
  )
}

// ---------------------------------------------------------------------------
// Invitations

/** An invitee whose agency serves the meeting's LA, with its agency's kind. */
export interface Invitee extends InviteeRequest {
  agencyKind: AgencyKind
}

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/

/**
 * A meeting in an LA invites agencies that serve it, each at an email address: the invitees that do
 * (with their agency's kind), and a problem for each that does not.
 */
export function checkInvitees(
  partnership: PartnershipConfig,
  laId: string,
  requested: readonly InviteeRequest[],
): { invitees: Invitee[]; problems: FieldProblem[] } {
  const serving = agenciesServing(partnership, laId)
  const problems: FieldProblem[] = []
  const invitees: Invitee[] = []
  for (const i of requested) {
    const agency = serving.find((candidate) => candidate.id === i.agencyId)
    if (!agency)
      problems.push({ field: `invite-${i.agencyId}`, text: `${i.agencyId} does not serve this area` })
    else if (!EMAIL.test(i.email))
      problems.push({ field: `email-${i.agencyId}`, text: `Enter an email address for ${agency.name}` })
    else invitees.push({ ...i, agencyKind: agency.kind })
  }
  return { invitees, problems }
}

/**
 * An invitee's field as the invitation form names it, by agency: 'invitees[0].email' ->
 * 'email-<agency>', 'invitees[0].name' -> 'name-<agency>'; any other field as it is.
 */
export const inviteeFormField =
  (requested: readonly Pick<InviteeRequest, 'agencyId'>[]) =>
  (field: string): string => {
    const [, index, part] = /^invitees\[(\d+)\]\.(name|email)$/.exec(field) ?? []
    const agencyId = index === undefined ? undefined : requested[Number(index)]?.agencyId
    return agencyId && part ? `${part}-${agencyId}` : field
  }

// ---------------------------------------------------------------------------
// When: a meeting booked late says why; nothing is recorded of it before it starts

/** When a meeting is held: its London date and its time, hh:mm. */
export interface MeetingTime {
  date: IsoDate
  time: string
}

/** A meeting booked for after the day it is due by is late (the due day itself is in time). */
export const isBookedLate = (date: IsoDate, dueBy: IsoDate): boolean => date > dueBy

/** A late booking needs the reason, in the form's and the API's field `lateReason`. */
export function lateBookingProblem(
  date: IsoDate,
  dueBy: IsoDate,
  reason: string | undefined,
): FieldProblem | null {
  if (!isBookedLate(date, dueBy) || reason?.trim()) return null
  return {
    field: 'lateReason',
    text: `The date is after ${govukDate(dueBy)}, when it is due: enter why it cannot be held by then`,
  }
}

/** A meeting has started from its start time, London time. */
const hasStarted = (meeting: MeetingTime, now: Date): boolean =>
  londonInstant(meeting.date, meeting.time).getTime() <= now.getTime()

/** Why a meeting's record cannot yet be written or signed off, or null once the meeting has started. */
export function notStartedProblem(meeting: MeetingTime, now: Date, name: string): string | null {
  return hasStarted(meeting, now)
    ? null
    : `${name} has not started yet: its record can be written once it starts`
}

// ---------------------------------------------------------------------------
// Attendance and quoracy

/**
 * A kind of meeting's quorum, supplied by the capability that holds that kind of meeting (a strategy
 * discussion needs social care, police and health; a conference social care and two others): what
 * is missing from these attendees, in people's words, or null when they are quorate.
 */
export type QuoracyRule<Attendee> = (attendees: readonly Attendee[]) => string | null

/** The invitations must make the meeting possible to hold: a problem on the invitees if they cannot. */
export function invitationsQuorumProblem<Attendee>(
  rule: QuoracyRule<Attendee>,
  invited: readonly Attendee[],
  say: (missing: string) => string,
): FieldProblem | null {
  const missing = rule(invited)
  return missing === null ? null : { field: 'invitees', text: say(missing) }
}

/** Who attended, of those invited: the agencies the record names that were invited, in invitation order. */
export function attendingOf<Invitation extends { agency_id: string }>(
  invitations: readonly Invitation[],
  attendingAgencyIds: readonly string[],
): Invitation[] {
  return invitations.filter((i) => attendingAgencyIds.includes(i.agency_id))
}

// ---------------------------------------------------------------------------
// Circulation of the signed-off record

/** The agencies that have not yet acknowledged their copy of the record. */
export const awaitingAcknowledgement = <C extends { acknowledged_at: Date | null }>(
  circulations: readonly C[],
) => circulations.filter((c) => !c.acknowledged_at)

// ---------------------------------------------------------------------------
// The meeting as the access policy sees it

/** Who took part in a meeting, as its invitations record it. */
interface Invited {
  agency_id: string
  attended: boolean | null
}

/** A meeting about a child as the policy sees it: the child, who was invited and attended, who is named on it. */
export function meetingResource(
  child: ChildResource,
  meeting: { id: string; laId: string; invitations: readonly Invited[]; named: readonly (string | null)[] },
): MeetingResource {
  return {
    kind: 'meeting',
    meetingId: meeting.id,
    child,
    laId: meeting.laId,
    invitedAgencyIds: meeting.invitations.map((i) => i.agency_id),
    attendedAgencyIds: meeting.invitations.filter((i) => i.attended).map((i) => i.agency_id),
    userIds: [...new Set(meeting.named.filter((id): id is string => Boolean(id)))],
  }
}

/** One agency's part of a meeting's record, with its marking. */
interface Part {
  agency_id: string
  marking: PartMarking
}

/**
 * The parts of a meeting's record the actor may read, and those withheld from them by their marking
 * (shown only as withheld, so a reader knows to ask).
 */
export function partsFor<T extends Part>(
  actor: Actor,
  meeting: MeetingResource,
  parts: readonly T[],
  options: DecideOptions = {},
): { readable: T[]; withheld: T[] } {
  const readable: T[] = []
  const withheld: T[] = []
  for (const part of parts) {
    const resource: PartResource = {
      kind: 'part',
      of: { action: 'meeting.view', resource: meeting },
      agencyId: part.agency_id,
      marking: part.marking,
    }
    ;(decide(actor, 'part.view', resource, options).allowed ? readable : withheld).push(part)
  }
  return { readable, withheld }
}
