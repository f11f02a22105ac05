// Business support's diary: every strategy discussion and conference across the LAs they cover,
// booked or still to book, with what is due and what is overdue; and what waits to be booked, soonest
// due first.

import type { FastifyInstance, FastifyRequest } from 'fastify'
import { openableItems } from '../../children/index.ts'
import { callerOf, requireUser } from '../../identity/index.ts'
import { getLa } from '../../partnership/config.ts'
import { audited, authorizeGate } from '../../platform/access/guard.ts'
import { clockStatus } from '../../platform/calendar/clocks.ts'
import { type IsoDate, toIsoDate } from '../../platform/calendar/working-days.ts'
import { EXPORT_FORMATS, type ExportFormat, sendListExport } from '../../platform/exports/list-export.ts'
import { govukDate, govukTime } from '../../platform/http/dates.ts'
import { DIARY_TYPES, type DiaryEntry, listDiary } from '../store/diary.ts'
import { authorizeForLa, may } from '../workflow/access.ts'
import { DIARY_TYPE_LABELS, type DiaryDeps, toBook } from '../workflow/diary.ts'

/** 'due', 'due-today', 'overdue' (not held in time), or 'booked-late' (booked after its due date). */
function diaryState(entry: Pick<DiaryEntry, 'meetingDate' | 'dueBy'>, today: IsoDate): string {
  if (entry.meetingDate) return entry.meetingDate > entry.dueBy ? 'booked-late' : 'booked'
  return clockStatus(entry.dueBy, today).state
}

const STATE_WORDS: Record<string, string> = {
  booked: 'Booked',
  'booked-late': 'Booked after its due date',
  due: 'To book',
  'due-today': 'Due today',
  overdue: 'Overdue',
}

type DiaryQuery = { Querystring: { la?: string; type?: string; format?: string } }

export function registerDiary(app: FastifyInstance, deps: DiaryDeps) {
  /**
   * The diary as filtered (area, type of meeting): each LA asked of the policy and audited, each
   * child shown only where the viewer may open them; `download` says in the audit it left as a file.
   */
  async function readDiary(request: FastifyRequest<DiaryQuery>, download?: ExportFormat) {
    const caller = callerOf(request)
    // A download is refused outright to whoever books no meetings (the page shows them none).
    if (download) authorizeGate(caller.actor, 'meetings-to-book')
    const covered = deps.partnership.local_authorities.filter(
      (la) =>
        may(caller.actor, 'conference.schedule', { kind: 'la', laId: la.id }) ||
        may(caller.actor, 'strategy.schedule', { kind: 'la', laId: la.id }),
    )
    const la = covered.find((candidate) => candidate.id === request.query.la)
    const type = DIARY_TYPES.find((candidate) => candidate === request.query.type)
    const laIds = la ? [la.id] : covered.map((each) => each.id)
    const detail = { list: 'diary', ...(download ? { downloaded: download, la: la?.id, type } : {}) }
    const entries = await audited(deps.db, async (trx) => {
      for (const laId of laIds) authorizeForLa(trx, caller, 'conference.schedule', laId, detail)
      return openableItems(trx, caller.actor, await listDiary(trx, laIds, type), (entry) => entry.childId)
    })
    const today = toIsoDate(deps.now())
    const laName = (id: string) => covered.find((each) => each.id === id)?.name ?? id
    return {
      entries: entries.map((entry) => ({ ...entry, state: diaryState(entry, today) })),
      covered,
      filter: { la: la?.id ?? '', type: type ?? '' },
      laName,
    }
  }

  app.get<DiaryQuery>(
    '/diary',
    { schema: { hide: true }, preHandler: requireUser },
    async (request, reply) => {
      const { entries, covered, filter, laName } = await readDiary(request)
      const download = new URLSearchParams({
        ...(filter.la ? { la: filter.la } : {}),
        ...(filter.type ? { type: filter.type } : {}),
      }).toString()
      return reply.view('child-protection/views/diary.njk', {
        entries,
        las: covered,
        types: DIARY_TYPE_LABELS,
        filter,
        laName,
        download,
      })
    },
  )

  // The diary as on the page (same filters), as CSV or Excel: audited as a reading of each LA's diary.
  app.get<DiaryQuery>(
    '/diary/download',
    { schema: { hide: true }, preHandler: requireUser },
    async (request, reply) => {
      const format = EXPORT_FORMATS.find((f) => f === request.query.format) ?? 'csv'
      const { entries, filter, laName } = await readDiary(request, format)
      return sendListExport(reply, {
        format,
        title: 'Diary',
        filename: `diary${filter.la ? `-${filter.la}` : ''}${filter.type ? `-${filter.type}` : ''}`,
        rows: entries,
        columns: [
          { header: 'Meeting date', value: (e) => (e.meetingDate ? govukDate(e.meetingDate) : 'Not booked') },
          { header: 'Time', value: (e) => (e.meetingTime ? govukTime(e.meetingTime) : null) },
          { header: 'Meeting', value: (e) => DIARY_TYPE_LABELS[e.type] },
          { header: 'Child', value: (e) => e.childName },
          { header: 'Area', value: (e) => laName(e.laId) },
          { header: 'Due by', value: (e) => govukDate(e.dueBy) },
          { header: 'State', value: (e) => STATE_WORDS[e.state] ?? e.state },
          { header: 'Why booked late', value: (e) => e.lateReason },
          { header: 'Chair', value: (e) => e.chairName },
          { header: 'Page', value: (e) => e.href },
        ],
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
