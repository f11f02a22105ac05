// What every MACE meeting use case asks: the meeting's LA of the policy (mace.view, audited), and
// whether the meeting has started (from its London start time).

import type { Transaction } from 'kysely'
import type { DB } from '../database.ts'
import { londonInstant } from '../meetings/index.ts'
import { type accessFrom, authorize } from '../platform/access/guard.ts'
import type { MaceMeetingRow } from './meeting-store.ts'

export type Caller = Pick<ReturnType<typeof accessFrom>, 'actor' | 'origin'>

export const authorizeLa = (trx: Transaction<DB>, caller: Caller, laId: string, detail = {}) =>
  authorize(trx, { ...caller, action: 'mace.view', resource: { kind: 'la', laId }, detail })

export const hasStarted = (meeting: MaceMeetingRow, now: Date) =>
  londonInstant(meeting.held_on, meeting.start_time).getTime() <= now.getTime()
