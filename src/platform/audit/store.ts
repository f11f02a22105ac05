// Reading the audit: search by child, user and date, and agencies' break-glass reports.
// Newest first, a page at a time; `before` is the seq to continue below.

import { type Kysely, sql } from 'kysely'
import type { PlatformDB } from '../db/schema.ts'
import { type AuditRecord, fromRow, selectAuditRecords } from './log.ts'

export interface AuditSearch {
  childId?: string
  /** The actor's id: a user's id or an API client's id. */
  actorId?: string
  /** Only entries by this agency's people and systems (an agency administrator's view). */
  agencyId?: string
  /** Calendar dates in England ('YYYY-MM-DD'), both included. */
  from?: string
  to?: string
  before?: number
  limit?: number
}

export interface AuditPage {
  entries: AuditRecord[]
  /** Pass as `before` for the next (older) page; null when there is none. */
  olderThan: number | null
}

export const AUDIT_PAGE_SIZE = 50
const TIME_ZONE = 'Europe/London'

export async function searchAudit(db: Kysely<PlatformDB>, search: AuditSearch): Promise<AuditPage> {
  const limit = search.limit ?? AUDIT_PAGE_SIZE
  let query = selectAuditRecords(db)
  if (search.childId) query = query.where('child_id', '=', search.childId.toLowerCase())
  if (search.actorId) query = query.where('actor_id', '=', search.actorId)
  if (search.agencyId) query = query.where('agency_id', '=', search.agencyId)
  if (search.from) query = query.where('at', '>=', startOfDay(search.from))
  if (search.to) query = query.where('at', '<', sql<Date>`${startOfDay(search.to)} + interval '1 day'`)
  if (search.before !== undefined) query = query.where('seq', '<', search.before)
  const rows = await query
    .orderBy('seq', 'desc')
    .limit(limit + 1)
    .execute()
  return pageOf(rows.map(fromRow), limit)
}

/** Break-glass openings (and refused attempts) by an agency's people: for its administrator. */
export async function listBreakGlassEvents(
  db: Kysely<PlatformDB>,
  agencyId: string,
  page: { before?: number; limit?: number } = {},
): Promise<AuditPage> {
  const limit = page.limit ?? AUDIT_PAGE_SIZE
  let query = selectAuditRecords(db)
    .where('agency_id', '=', agencyId)
    .where('break_glass_reason', 'is not', null)
  if (page.before !== undefined) query = query.where('seq', '<', page.before)
  const rows = await query
    .orderBy('seq', 'desc')
    .limit(limit + 1)
    .execute()
  return pageOf(rows.map(fromRow), limit)
}

/** Midnight in England on that date, whatever the server's zone and the season. */
const startOfDay = (date: string) => sql<Date>`(${date}::date::timestamp AT TIME ZONE ${TIME_ZONE})`

function pageOf(entries: AuditRecord[], limit: number): AuditPage {
  const more = entries.length > limit
  const shown = more ? entries.slice(0, limit) : entries
  return { entries: shown, olderThan: more ? (shown.at(-1)?.seq ?? null) : null }
}
