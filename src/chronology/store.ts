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

export async function listChronology(
  db: Db,
  childId: string,
  filter: ChronologyFilter,
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
  const rows = await query.orderBy('occurred_at').orderBy('seq').execute()
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

/** The agencies and kinds of event on this child's chronology that the viewer may see, for the filters. */
export async function chronologyFacets(db: Db, childId: string, markings: readonly Sensitivity[]) {
  const rows = await visible(db, childId, markings)
    .select(['agency_id', sql<string>`split_part(type, '.', 1)`.as('family')])
    .distinct()
    .execute()
  return {
    agencyIds: [...new Set(rows.map((row) => row.agency_id))].sort(),
    families: [...new Set(rows.map((row) => row.family))].sort(),
  }
}
