// Reading the audit: search by child, user and date, and agencies' break-glass reports.
// Newest first, a page at a time; `before` is the seq to continue below.

import { type Kysely, type RawBuilder, sql } from 'kysely'
import type { PlatformDB } from '../db/schema.ts'
import { type AuditRecord, fromRow, selectAuditRecords } from './log.ts'

export interface AuditSearch {
  childId?: string
  /** Who acted: a user's or API client's id, or part of their name. */
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

/** A subquery of child ids, from the capability that keeps children (the platform knows no child table). */
export type ChildIds = RawBuilder<unknown>

/** A subquery of every person's and system's id and name (columns `id`, `name`), from identity. */
export type ActorNames = RawBuilder<unknown>

export const AUDIT_PAGE_SIZE = 50
const TIME_ZONE = 'Europe/London'

export async function searchAudit(
  db: Kysely<PlatformDB>,
  search: AuditSearch,
  actors?: ActorNames,
): Promise<AuditPage> {
  const limit = search.limit ?? AUDIT_PAGE_SIZE
  let query = selectAuditRecords(db)
  if (search.childId) query = query.where('child_id', '=', search.childId.toLowerCase())
  const who = search.actorId
  if (who)
    query = query.where((eb) =>
      actors
        ? eb.or([
            eb('actor_id', '=', who),
            sql<boolean>`actor_id IN (SELECT a.id FROM (${actors}) AS a WHERE a.name ILIKE ${namePattern(who)})`,
          ])
        : eb('actor_id', '=', who),
    )
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

/**
 * Break-glass openings (and refused attempts) by an agency's people, for its administrator and
 * safeguarding managers; with `children` (the ids of a local authority's children, for its own
 * agency), every agency's on those children as well. Every agency's, for the whole partnership, when
 * `agencyId` is null.
 */
export async function listBreakGlassEvents(
  db: Kysely<PlatformDB>,
  agencyId: string | null,
  page: { before?: number; limit?: number; children?: ChildIds } = {},
): Promise<AuditPage> {
  const limit = page.limit ?? AUDIT_PAGE_SIZE
  const children = page.children
  let query = selectAuditRecords(db).where('break_glass_reason', 'is not', null)
  if (agencyId !== null)
    query = query.where((eb) =>
      children
        ? eb.or([eb('agency_id', '=', agencyId), sql<boolean>`child_id IN (${children})`])
        : eb('agency_id', '=', agencyId),
    )
  if (page.before !== undefined) query = query.where('seq', '<', page.before)
  const rows = await query
    .orderBy('seq', 'desc')
    .limit(limit + 1)
    .execute()
  return pageOf(rows.map(fromRow), limit)
}

/** Each of these actors' name, by id (an actor no longer known has none). */
export async function namesOf(
  db: Kysely<PlatformDB>,
  actors: ActorNames,
  ids: readonly string[],
): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map()
  const { rows } = await sql<{ id: string; name: string }>`
    SELECT a.id, a.name FROM (${actors}) AS a WHERE a.id = ANY(${[...new Set(ids)]}::text[])`.execute(db)
  return new Map(rows.map((row) => [row.id, row.name]))
}

/** Words of a name, anywhere in it, with LIKE's own wildcards taken literally. */
const namePattern = (words: string) => `%${words.replace(/[\\%_]/g, (c) => `\\${c}`)}%`

/** Midnight in England on that date, whatever the server's zone and the season. */
const startOfDay = (date: string) => sql<Date>`(${date}::date::timestamp AT TIME ZONE ${TIME_ZONE})`

function pageOf(entries: AuditRecord[], limit: number): AuditPage {
  const more = entries.length > limit
  const shown = more ? entries.slice(0, limit) : entries
  return { entries: shown, olderThan: more ? (shown.at(-1)?.seq ?? null) : null }
}
