// What every MACE meeting use case asks: the meeting's LA of the policy (mace.view, audited), and
// whether the meeting has started (from its London start time). A meeting of the whole partnership
// (no LA) is read by each LA's MACE members for what is their LA's: its agenda gathers the items of
// every LA the reader is a member for; it is scheduled and its minutes recorded by whoever is a MACE
// member for the whole partnership.

import type { Transaction } from 'kysely'
import type { DB } from '../database.ts'
import { agenciesServing, londonInstant } from '../meetings/index.ts'
import type { PartnershipConfig } from '../partnership/config.ts'
import { type accessFrom, authorize, consult } from '../platform/access/guard.ts'
import type { MaceMeetingRow } from './meeting-store.ts'

export type Caller = Pick<ReturnType<typeof accessFrom>, 'actor' | 'origin'>

export const authorizeLa = (trx: Transaction<DB>, caller: Caller, laId: string, detail = {}) =>
  authorize(trx, { ...caller, action: 'mace.view', resource: { kind: 'la', laId }, detail })

/** The whole meeting, to schedule it or record its minutes: its LA, or the whole partnership. */
export const authorizeWhole = (trx: Transaction<DB>, caller: Caller, laId: string | null, detail = {}) =>
  laId
    ? authorizeLa(trx, caller, laId, detail)
    : authorize(trx, { ...caller, action: 'mace.view', resource: { kind: 'partnership' }, detail })

/**
 * The LAs of the meeting the reader is a MACE member for, each asked of the policy (audited): its LA
 * (refused otherwise), or for a meeting of the whole partnership each LA they are a member for
 * (refused when none).
 */
export function authorizeMeeting(
  trx: Transaction<DB>,
  caller: Caller,
  partnership: PartnershipConfig,
  meeting: MaceMeetingRow,
  detail = {},
): string[] {
  if (meeting.la_id) {
    authorizeLa(trx, caller, meeting.la_id, detail)
    return [meeting.la_id]
  }
  const laIds = partnership.local_authorities
    .map((la) => la.id)
    .filter(
      (laId) =>
        consult(trx, { ...caller, action: 'mace.view', resource: { kind: 'la', laId }, detail }).allowed,
    )
  if (laIds.length === 0) authorizeWhole(trx, caller, null, detail)
  return laIds
}

/** The agencies that may attend: those serving the meeting's LA, or every agency of the partnership. */
export const agenciesOf = (partnership: PartnershipConfig, meeting: MaceMeetingRow) =>
  meeting.la_id ? agenciesServing(partnership, meeting.la_id) : [...partnership.agencies]

export const hasStarted = (meeting: MaceMeetingRow, now: Date) =>
  londonInstant(meeting.held_on, meeting.start_time).getTime() <= now.getTime()
