// The child's multi-agency chronology, read from domain events: what each viewer may not see is
// filtered out in SQL, by marking, before any row leaves the database.
import { type Kysely, sql, type Transaction } from 'kysely'
import type { DB } from '../database.ts'
import type { Sensitivity } from '../platform/access/policy.ts'

type Db = Kysely<DB> | Transaction<DB>

export interface ChronologyFilter {
  markings: readonly Sensitivity[]
  agencyId?: string | undefined
  /** The part of the event type before the dot: 'sharing', 'referral', 'strategy' ... */
  family?: string | undefined
}

export interface ChronologyEntry {
  id: string
  occurredAt: Date
  type: string
  family: string
  agencyId: string
  summary: string
  sensitivity: Sensitivity
  sharedEventId: string | null
}

const familyOf = (type: string) => type.split('.')[0] ?? type

function visible(db: Db, childId: string, markings: readonly Sensitivity[]) {
  const query = db.selectFrom('domain_event').where('child_id', '=', childId)
  return markings.length > 0
    ? query.where('sensitivity', 'in', [...markings])
    : query.where(sql<boolean>`false`)
}

/** The entries in time order: all of them, or one page's (`limit` from `offset`). */
export async function listChronology(
  db: Db,
  childId: string,
  filter: ChronologyFilter,
  page?: { limit: number; offset: number },
): Promise<ChronologyEntry[]> {
  let query = visible(db, childId, filter.markings).select([
    'id',
    'occurred_at',
    'type',
    'agency_id',
    'summary',
    'sensitivity',
    sql<string | null>`payload->>'sharedEventId'`.as('shared_event_id'),
  ])
  if (filter.agencyId) query = query.where('agency_id', '=', filter.agencyId)
  if (filter.family) query = query.where(sql<boolean>`split_part(type, '.', 1) = ${filter.family}`)
  query = query.orderBy('occurred_at').orderBy('seq')
  if (page) query = query.limit(page.limit).offset(page.offset)
  const rows = await query.execute()
  return rows.map((row) => ({
    id: row.id,
    occurredAt: row.occurred_at,
    type: row.type,
    family: familyOf(row.type),
    agencyId: row.agency_id,
    summary: row.summary,
    sensitivity: row.sensitivity,
    sharedEventId: row.shared_event_id,
  }))
}

/**
 * The agencies and kinds of event on this child's chronology that the viewer may see, for the
 * filters, and how many entries the filter shows (for the pages).
 */
export async function chronologyFacets(db: Db, childId: string, filter: ChronologyFilter) {
  const rows = await visible(db, childId, filter.markings)
    .select([
      'agency_id',
      sql<string>`split_part(type, '.', 1)`.as('family'),
      sql<number>`count(*)::int`.as('n'),
    ])
    .groupBy(['agency_id', sql`split_part(type, '.', 1)`])
    .execute()
  const shown = rows.filter(
    (row) =>
      (!filter.agencyId || row.agency_id === filter.agencyId) &&
      (!filter.family || row.family === filter.family),
  )
  return {
    agencyIds: [...new Set(rows.map((row) => row.agency_id))].sort(),
    families: [...new Set(rows.map((row) => row.family))].sort(),
    shown: shown.reduce((sum, row) => sum + row.n, 0),
  }
}
