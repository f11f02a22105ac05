// Business support's diary: every strategy discussion and conference across the LAs they cover,
// booked or still to book, with what is due and what is overdue; and what waits to be booked, soonest
// due first.

import type { FastifyInstance } from 'fastify'
import { openableItems } from '../../children/index.ts'
import { callerOf, requireUser } from '../../identity/index.ts'
import { getLa } from '../../partnership/config.ts'
import { audited } from '../../platform/access/guard.ts'
import { clockStatus } from '../../platform/calendar/clocks.ts'
import { type IsoDate, toIsoDate } from '../../platform/calendar/working-days.ts'
import { DIARY_TYPES, type DiaryEntry, listDiary } from '../store/diary.ts'
import { authorizeForLa, may } from '../workflow/access.ts'
import { DIARY_TYPE_LABELS, type DiaryDeps, toBook } from '../workflow/diary.ts'

/** 'due', 'due-today', 'overdue' (not held in time), or 'booked-late' (booked after its due date). */
function diaryState(entry: Pick<DiaryEntry, 'meetingDate' | 'dueBy'>, today: IsoDate): string {
  if (entry.meetingDate) return entry.meetingDate > entry.dueBy ? 'booked-late' : 'booked'
  return clockStatus(entry.dueBy, today).state
}

export function registerDiary(app: FastifyInstance, deps: DiaryDeps) {
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
