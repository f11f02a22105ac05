// The lists of meetings to work: what waits to be booked, the meetings a chair will chair, and the
// records that wait for their sign-off. Each list is asked of the policy per LA (audited) and shows
// only children the actor may read.

import type { FastifyRequest } from 'fastify'
import type { Kysely } from 'kysely'
import { openableItems } from '../../children/index.ts'
import type { DB } from '../../database.ts'
import { callerOf } from '../../identity/index.ts'
import type { PartnershipConfig } from '../../partnership/config.ts'
import { audited, authorizeGate, type Caller } from '../../platform/access/guard.ts'
import type { Action } from '../../platform/access/policy.ts'
import { strategyRecordCirculationDueBy } from '../../platform/calendar/clocks.ts'
import { type IsoDate, toIsoDate } from '../../platform/calendar/working-days.ts'
import { conferenceRecordDueBy } from '../rules/conference-record.ts'
import { strategyDiscussionDueBy } from '../rules/strategy-discussion.ts'
import {
  type DiaryEntry,
  type DiaryType,
  listConferenceRecordsToCirculate,
  listConferenceRecordsToSignOff,
  listDiary,
  listRecordsToSignOff,
  listWaitingOnAgencies,
  type WaitingOnAgencies,
} from '../store/diary.ts'
import { type AwaitingBooking, listAwaitingBooking } from '../store/strategy-discussion.ts'
import { authorizeForLa, may } from './access.ts'

export const DIARY_TYPE_LABELS: Record<DiaryType, string> = {
  strategy: 'Strategy discussion',
  initial: 'Initial child protection conference',
  review: 'Review child protection conference',
}

export type DiaryDeps = { db: Kysely<DB>; partnership: PartnershipConfig; now: () => Date }

type LaAction = Extract<
  Action,
  'strategy.schedule' | 'conference.schedule' | 'strategy.chair' | 'conference.chair'
>

const lasWhere = (deps: DiaryDeps, caller: Caller, action: LaAction) =>
  deps.partnership.local_authorities
    .filter((la) => may(caller.actor, action, { kind: 'la', laId: la.id }))
    .map((la) => la.id)

/** A threshold decision for a strategy discussion not requested yet, due as if requested when decided. */
export interface DecisionToBook extends AwaitingBooking {
  type: 'decision'
  dueBy: IsoDate
}

/**
 * What waits to be booked in the LAs where the actor books each kind of meeting, soonest due first:
 * threshold decisions and requested strategy discussions, and initial and review conferences.
 */
export async function toBook(deps: DiaryDeps, caller: Caller): Promise<(DiaryEntry | DecisionToBook)[]> {
  authorizeGate(caller.actor, 'meetings-to-book')
  const booksIn = (action: 'strategy.schedule' | 'conference.schedule') =>
    deps.partnership.local_authorities
      .filter((la) => may(caller.actor, action, { kind: 'la', laId: la.id }))
      .map((la) => la.id)
  const strategyLas = booksIn('strategy.schedule')
  const conferenceLas = booksIn('conference.schedule')
  const entries = await audited(deps.db, async (trx) => {
    for (const laId of strategyLas)
      authorizeForLa(trx, caller, 'strategy.schedule', laId, { list: 'to-book' })
    for (const laId of conferenceLas)
      authorizeForLa(trx, caller, 'conference.schedule', laId, { list: 'to-book' })
    const decisions = (await listAwaitingBooking(trx, strategyLas)).map(
      (item): DecisionToBook => ({
        ...item,
        type: 'decision',
        dueBy: strategyDiscussionDueBy(
          toIsoDate(item.decidedAt),
          item.urgent ? 'urgent' : 'threshold-decision',
        ),
      }),
    )
    const meetings = (
      await listDiary(trx, [...new Set([...strategyLas, ...conferenceLas])], undefined, { toBook: true })
    ).filter((entry) => (entry.type === 'strategy' ? strategyLas : conferenceLas).includes(entry.laId))
    return openableItems(trx, caller.actor, [...decisions, ...meetings], (entry) => entry.childId)
  })
  return entries.sort((a, b) => a.dueBy.localeCompare(b.dueBy))
}

/** What waits to be booked, for whoever books meetings in some LA (none for anyone else). */
export async function meetingsToBookFor(deps: DiaryDeps, request: FastifyRequest) {
  const caller = callerOf(request)
  const books = (['strategy.schedule', 'conference.schedule'] as const).some(
    (action) => lasWhere(deps, caller, action).length > 0,
  )
  return books ? toBook(deps, caller) : []
}

export interface RecordToSignOff {
  href: string
  childName: string
  laId: string
  /** The kind of meeting, in words ('Strategy discussion', 'Conference'). */
  meeting: string
  meetingDate: IsoDate
  /** The record is circulated within a working day of the meeting, so it is signed off by then. */
  dueBy: IsoDate
}

/**
 * A chair's work in the LAs where they chair: the booked meetings from today, soonest first, and the
 * strategy discussion and conference records that wait for sign-off, oldest first.
 */
export async function chairWorkFor(
  deps: DiaryDeps,
  request: FastifyRequest,
): Promise<{ toChair: DiaryEntry[]; toSignOff: RecordToSignOff[] }> {
  const caller = callerOf(request)
  const strategyLas = lasWhere(deps, caller, 'strategy.chair')
  const conferenceLas = lasWhere(deps, caller, 'conference.chair')
  if (strategyLas.length === 0 && conferenceLas.length === 0) return { toChair: [], toSignOff: [] }
  const today = toIsoDate(deps.now())
  return audited(deps.db, async (trx) => {
    for (const laId of strategyLas) authorizeForLa(trx, caller, 'strategy.chair', laId, { list: 'to-chair' })
    for (const laId of conferenceLas)
      authorizeForLa(trx, caller, 'conference.chair', laId, { list: 'to-chair' })
    const booked = (await listDiary(trx, [...new Set([...strategyLas, ...conferenceLas])], undefined)).filter(
      (entry) =>
        entry.meetingDate !== null &&
        entry.meetingDate >= today &&
        (entry.type === 'strategy' ? strategyLas : conferenceLas).includes(entry.laId),
    )
    const strategyRecords = (await listRecordsToSignOff(trx, strategyLas)).map((record) => ({
      ...record,
      meeting: 'Strategy discussion',
      dueBy: strategyRecordCirculationDueBy(record.meetingDate),
    }))
    const conferenceRecords = (await listConferenceRecordsToSignOff(trx, conferenceLas)).map((record) => ({
      ...record,
      meeting: 'Conference',
      dueBy: conferenceRecordDueBy(record.meetingDate),
    }))
    const records = [...strategyRecords, ...conferenceRecords].sort((a, b) =>
      a.meetingDate.localeCompare(b.meetingDate),
    )
    return {
      toChair: await openableItems(trx, caller.actor, booked, (entry) => entry.childId),
      toSignOff: await openableItems(trx, caller.actor, records, (record) => record.childId),
    }
  })
}

/**
 * What business support chase in the LAs where they book meetings: invitations to booked strategy
 * discussions without a reply, and signed-off strategy discussion and conference records not yet
 * acknowledged by every agency sent them (soonest due first).
 */
export async function invitationsAndCirculationFor(
  deps: DiaryDeps,
  request: FastifyRequest,
): Promise<{ awaitingReplies: WaitingOnAgencies[]; toCirculate: WaitingOnAgencies[] }> {
  const caller = callerOf(request)
  const strategyLas = lasWhere(deps, caller, 'strategy.schedule')
  const conferenceLas = lasWhere(deps, caller, 'conference.schedule')
  if (strategyLas.length === 0 && conferenceLas.length === 0) return { awaitingReplies: [], toCirculate: [] }
  const today = toIsoDate(deps.now())
  return audited(deps.db, async (trx) => {
    for (const laId of strategyLas)
      authorizeForLa(trx, caller, 'strategy.schedule', laId, { list: 'replies and circulation' })
    for (const laId of conferenceLas)
      authorizeForLa(trx, caller, 'conference.schedule', laId, { list: 'circulation' })
    const openable = async (items: WaitingOnAgencies[]) =>
      openableItems(trx, caller.actor, items, (w) => w.childId)
    const records = [
      ...(await listWaitingOnAgencies(trx, strategyLas, 'circulation', today)),
      ...(await listConferenceRecordsToCirculate(trx, conferenceLas)),
    ].sort((a, b) => a.dueBy.localeCompare(b.dueBy))
    return {
      awaitingReplies: await openable(await listWaitingOnAgencies(trx, strategyLas, 'replies', today)),
      toCirculate: await openable(records),
    }
  })
}
