// Moves across borders, pure: who moved and the risk in words, the host LA (in the partnership or
// not) and its point of contact from the configuration, the acknowledgement clock (1 working day,
// bank holidays skipped), when an acknowledgement is overdue, and which MACE meeting's agenda a move
// in joins (the host LA's next one).

import type { CrossBorderContact, PartnershipConfig } from '../partnership/config.ts'
import { addWorkingDays, type IsoDate, toIsoDate } from '../platform/calendar/working-days.ts'

export const WHO_MOVED = { child: 'The child was placed', family: 'The child’s family relocated' } as const
export type WhoMoved = keyof typeof WHO_MOVED

export const RISK_LEVELS = { low: 'Low', medium: 'Medium', high: 'High' } as const
export type RiskLevel = keyof typeof RISK_LEVELS

/** Working days the host LA has to acknowledge a move. */
export const ACKNOWLEDGE_WORKING_DAYS = 1

/** How long the link emailed to an LA outside the partnership opens the move. */
export const LINK_LIFETIME_MS = 7 * 24 * 60 * 60_000

/**
 * The day by which the host LA acknowledges: the working day after the day (London) the move was
 * recorded, so Friday's is due on Monday and a bank holiday is skipped.
 */
export const acknowledgeBy = (recordedAt: Date): IsoDate =>
  addWorkingDays(toIsoDate(recordedAt), ACKNOWLEDGE_WORKING_DAYS)

/** Overdue once the day it was due by has ended (London) without an acknowledgement. */
export const isOverdue = (
  move: { acknowledge_by: IsoDate; acknowledged_at: Date | null },
  now: Date,
): boolean => move.acknowledged_at === null && move.acknowledge_by < toIsoDate(now)

export interface Host {
  dfeCode: string
  name: string
  /** The LA's id when it is in the partnership; none outside it. */
  laId: string | null
  contact: CrossBorderContact
}

/** The LAs a child of `placingLaId` may move to: every one with a point of contact, but their own. */
export function hostsFor(config: PartnershipConfig, placingLaId: string): CrossBorderContact[] {
  const own = config.local_authorities.find((la) => la.id === placingLaId)?.dfe_code
  return (config.cross_border_contacts ?? [])
    .filter((contact) => contact.dfe_code !== own)
    .sort((a, b) => a.la_name.localeCompare(b.la_name))
}

/** The host LA with this DfE code and its point of contact; none when no contact is configured. */
export function hostOf(config: PartnershipConfig, dfeCode: string): Host | undefined {
  const contact = config.cross_border_contacts?.find((each) => each.dfe_code === dfeCode)
  if (!contact) return undefined
  const la = config.local_authorities.find((each) => each.dfe_code === dfeCode)
  return { dfeCode, name: la?.name ?? contact.la_name, laId: la?.id ?? null, contact }
}

/**
 * The id the access policy knows the host by: its id in the partnership, or for an LA outside it a
 * pseudo-id from its DfE code, which no grant of the partnership's staff names.
 */
export const hostAreaId = (move: { host_la_id: string | null; host_dfe_code: string }): string =>
  move.host_la_id ?? `dfe:${move.host_dfe_code}`

/** The agency of an LA in the partnership (its children's social care), told and involved. */
export const laAgencyOf = (config: PartnershipConfig, laId: string): string | undefined =>
  config.agencies.find((agency) => agency.kind === 'local-authority' && agency.la === laId)?.id

/** The webhook subscriber id of an LA outside the partnership (platform/webhooks subscriptions). */
export const outsideSubscriberId = (dfeCode: string) => `dfe-la-${dfeCode}`

/**
 * Whether a move in joins the agenda of this meeting of the host LA: the first of the LA's meetings
 * held on or after the day the move was recorded (the "next" meeting); `meetings` are the LA's, in
 * date order.
 */
export function joinsAgendaOf(
  recordedOn: IsoDate,
  meetingId: string,
  meetings: readonly { id: string; held_on: IsoDate }[],
): boolean {
  return meetings.find((meeting) => meeting.held_on >= recordedOn)?.id === meetingId
}
