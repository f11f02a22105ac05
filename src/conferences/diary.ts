// Business support's diary: every strategy discussion and conference across the LAs they cover,
// booked or still to book, with what is due and what is overdue.

import type { FastifyInstance } from 'fastify'
import { type Kysely, sql, type Transaction } from 'kysely'
import { openableItems } from '../children/index.ts'
import type { DB } from '../database.ts'
import { requireUser } from '../identity/guards.ts'
import type { PartnershipConfig } from '../partnership/config.ts'
import { audited } from '../platform/access/guard.ts'
import { clockStatus } from '../platform/calendar/clocks.ts'
import { type IsoDate, toIsoDate } from '../platform/calendar/working-days.ts'
import { authorizeForLa, callerOf, may } from '../strategy/access.ts'

export const DIARY_TYPES = ['strategy', 'initial', 'review'] as const
export type DiaryType = (typeof DIARY_TYPES)[number]

export const DIARY_TYPE_LABELS: Record<DiaryType, string> = {
  strategy: 'Strategy discussion',
  initial: 'Initial child protection conference',
  review: 'Review child protection conference',
}

export interface DiaryEntry {
  type: DiaryType
  href: string
  childId: string
  childName: string
  laId: string
  meetingDate: IsoDate | null
  meetingTime: string | null
  dueBy: IsoDate
}

/** 'due', 'due-today', 'overdue' (not held in time), or 'booked-late' (booked after its due date). */
export function diaryState(entry: Pick<DiaryEntry, 'meetingDate' | 'dueBy'>, today: IsoDate): string {
  if (entry.meetingDate) return entry.meetingDate > entry.dueBy ? 'booked-late' : 'booked'
  return clockStatus(entry.dueBy, today).state
}

export async function listDiary(
  db: Kysely<DB> | Transaction<DB>,
  laIds: readonly string[],
  type: DiaryType | undefined,
): Promise<DiaryEntry[]> {
  if (laIds.length === 0) return []
  const las = sql.join(laIds.map((id) => sql`${id}`))
  const result = await sql<{
    type: DiaryType
    href: string
    child_id: string
    given_name: string
    family_name: string
    la_id: string
    meeting_date: string | null
    meeting_time: string | null
    due_by: string
  }>`
    SELECT e.*, child.given_name, child.family_name FROM (
      SELECT 'strategy' AS type, '/strategy-discussions/' || d.id AS href, d.child_id, d.la_id,
        d.meeting_date, d.meeting_time, d.due_by
      FROM strategy_discussion d WHERE d.status IN ('requested', 'scheduled', 'recorded')
      UNION ALL
      SELECT c.kind, '/conferences/' || c.id, c.child_id, c.la_id, c.meeting_date, c.meeting_time, c.due_by
      FROM conference c WHERE c.status = 'booked'
      UNION ALL
      SELECT 'initial', '/section-47/' || s.id, s.child_id, s.la_id, NULL, NULL, s.icpc_due_by
      FROM section47_enquiry s WHERE s.outcome IS NULL
      UNION ALL
      SELECT 'review', '/plans/' || p.id, p.child_id, p.la_id, NULL, NULL, p.next_review_due_by
      FROM child_protection_plan p
      WHERE p.end_date IS NULL AND p.next_review_due_by IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM conference c WHERE c.plan_id = p.id AND c.kind = 'review' AND c.status = 'booked')
    ) AS e
    JOIN child ON child.id = e.child_id
    WHERE e.la_id IN (${las}) ${type ? sql`AND e.type = ${type}` : sql``}
    ORDER BY coalesce(e.meeting_date, e.due_by), e.meeting_time NULLS FIRST
    LIMIT 500`.execute(db)
  return result.rows.map((row) => ({
    type: row.type,
    href: row.href,
    childId: row.child_id,
    childName: `${row.given_name} ${row.family_name}`,
    laId: row.la_id,
    meetingDate: row.meeting_date ? toDate(row.meeting_date) : null,
    meetingTime: row.meeting_time,
    dueBy: toDate(row.due_by),
  }))
}

const toDate = (value: unknown): IsoDate =>
  value instanceof Date ? value.toISOString().slice(0, 10) : String(value)

export function registerDiary(
  app: FastifyInstance,
  deps: { db: Kysely<DB>; partnership: PartnershipConfig; now: () => Date },
) {
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
      return reply.view('conferences/views/diary.njk', {
        entries: entries.map((entry) => ({ ...entry, state: diaryState(entry, today) })),
        las: covered,
        types: DIARY_TYPE_LABELS,
        filter: { la: la?.id ?? '', type: type ?? '' },
        laName: (id: string) => covered.find((each) => each.id === id)?.name ?? id,
      })
    },
  )
}
