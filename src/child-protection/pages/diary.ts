// Business support's diary: every strategy discussion and conference across the LAs they cover,
// booked or still to book, with what is due and what is overdue; and what waits to be booked, soonest
// due first.

import type { FastifyInstance } from 'fastify'
import type { Kysely } from 'kysely'
import { openableItems } from '../../children/index.ts'
import type { DB } from '../../database.ts'
import { requireUser } from '../../identity/index.ts'
import { getLa, type PartnershipConfig } from '../../partnership/config.ts'
import { audited, authorizeGate } from '../../platform/access/guard.ts'
import { clockStatus } from '../../platform/calendar/clocks.ts'
import { type IsoDate, toIsoDate } from '../../platform/calendar/working-days.ts'
import { strategyDiscussionDueBy } from '../rules/strategy-discussion.ts'
import { DIARY_TYPES, type DiaryEntry, type DiaryType, listDiary } from '../store/diary.ts'
import { type AwaitingBooking, listAwaitingBooking } from '../store/strategy-discussion.ts'
import { authorizeForLa, type Caller, callerOf, may } from '../workflow/access.ts'

const DIARY_TYPE_LABELS: Record<DiaryType, string> = {
  strategy: 'Strategy discussion',
  initial: 'Initial child protection conference',
  review: 'Review child protection conference',
}

/** 'due', 'due-today', 'overdue' (not held in time), or 'booked-late' (booked after its due date). */
function diaryState(entry: Pick<DiaryEntry, 'meetingDate' | 'dueBy'>, today: IsoDate): string {
  if (entry.meetingDate) return entry.meetingDate > entry.dueBy ? 'booked-late' : 'booked'
  return clockStatus(entry.dueBy, today).state
}

type Deps = { db: Kysely<DB>; partnership: PartnershipConfig; now: () => Date }

export function registerDiary(app: FastifyInstance, deps: Deps) {
  app.get<{ Querystring: { la?: string; type?: string } }>(
    '/diary',
    { schema: { hide: true }, preHandler: requireUser },
    async (request, reply) => {
      const caller = callerOf(request)
      const covered = deps.partnership.local_authorities.filter(
        (la) =>
          may(caller.actor, 'conference.schedule', { kind: 'la', laId: la.id }) ||
          may(caller.actor, 'strategy.schedule', { kind: 'la', laId: la.id }),
      )
      const la = covered.find((candidate) => candidate.id === request.query.la)
      const type = DIARY_TYPES.find((candidate) => candidate === request.query.type)
      const laIds = la ? [la.id] : covered.map((each) => each.id)
      const entries = await audited(deps.db, async (trx) => {
        for (const laId of laIds) authorizeForLa(trx, caller, 'conference.schedule', laId, { list: 'diary' })
        return openableItems(trx, caller.actor, await listDiary(trx, laIds, type), (entry) => entry.childId)
      })
      const today = toIsoDate(deps.now())
      return reply.view('child-protection/views/diary.njk', {
        entries: entries.map((entry) => ({ ...entry, state: diaryState(entry, today) })),
        las: covered,
        types: DIARY_TYPE_LABELS,
        filter: { la: la?.id ?? '', type: type ?? '' },
        laName: (id: string) => covered.find((each) => each.id === id)?.name ?? id,
      })
    },
  )

  app.get('/diary/to-book', { schema: { hide: true }, preHandler: requireUser }, async (request, reply) => {
    const entries = await toBook(deps, callerOf(request))
    const today = toIsoDate(deps.now())
    return reply.view('child-protection/views/to-book.njk', {
      entries: entries.map((entry) => ({ ...entry, state: clockStatus(entry.dueBy, today).state })),
      types: DIARY_TYPE_LABELS,
      laName: (id: string) => getLa(deps.partnership, id).name,
    })
  })
}

/** A threshold decision for a strategy discussion not requested yet, due as if requested when decided. */
export interface DecisionToBook extends AwaitingBooking {
  type: 'decision'
  dueBy: IsoDate
}

/**
 * What waits to be booked in the LAs where the actor books each kind of meeting, soonest due first:
 * threshold decisions and requested strategy discussions, and initial and review conferences.
 */
async function toBook(deps: Deps, caller: Caller): Promise<(DiaryEntry | DecisionToBook)[]> {
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
