// VOLT's SQL: persons, locations and links kept; the links at either end of a set of nodes (the
// network's hops, through volt_link_a and volt_link_b); names of the ends; places by sector and type.

import { type Kysely, type Selectable, sql, type Transaction } from 'kysely'
import type { DB } from '../database.ts'
import type { NodeKind } from './rules.ts'
import type { VoltTables } from './tables.ts'

type Db = Kysely<DB> | Transaction<DB>
export type PersonRow = Selectable<VoltTables['volt_person']>
export type LocationRow = Selectable<VoltTables['volt_location']>
export type LinkRow = Selectable<VoltTables['volt_link']>

export const insertPerson = (trx: Db, person: Omit<PersonRow, 'id' | 'recorded_at'>) =>
  trx.insertInto('volt_person').values(person).returningAll().executeTakeFirstOrThrow()

export const insertLocation = (trx: Db, location: Omit<LocationRow, 'id' | 'recorded_at'>) =>
  trx.insertInto('volt_location').values(location).returningAll().executeTakeFirstOrThrow()

export const insertLink = (trx: Db, link: Omit<LinkRow, 'id' | 'recorded_at'>) =>
  trx.insertInto('volt_link').values(link).returningAll().executeTakeFirstOrThrow()

export const findPerson = (db: Db, id: string) =>
  db.selectFrom('volt_person').selectAll().where('id', '=', id).executeTakeFirst()

export const findLocation = (db: Db, id: string) =>
  db.selectFrom('volt_location').selectAll().where('id', '=', id).executeTakeFirst()

export const markShareable = (trx: Db, id: string, by: string) =>
  trx
    .updateTable('volt_person')
    .set({ police_restricted: false, shared_by: by, shared_at: new Date() })
    .where('id', '=', id)
    .execute()

/** Persons whose name (or other names) begin with the words, restricted ones only when asked for. */
export async function searchPersons(db: Db, words: string, { withRestricted }: { withRestricted: boolean }) {
  let query = db.selectFrom('volt_person').selectAll()
  if (!withRestricted) query = query.where('police_restricted', '=', false)
  const text = words.trim().toLowerCase()
  if (text) {
    const like = `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`
    query = query.where((eb) =>
      eb.or([eb(sql`lower(name)`, 'like', like), eb(sql`lower(also_known_as)`, 'like', like)]),
    )
  }
  return query.orderBy('name').orderBy('id').limit(100).execute()
}

export const allLocations = (db: Db) =>
  db.selectFrom('volt_location').selectAll().orderBy('name').orderBy('id').limit(500).execute()

/** The links at either end of these nodes (one kind), at most `limit`. */
export async function linksAt(
  db: Db,
  kind: NodeKind,
  refs: readonly string[],
  limit: number,
): Promise<LinkRow[]> {
  if (refs.length === 0) return []
  const { rows } = await sql<LinkRow>`
    SELECT * FROM volt_link WHERE a_ref = ANY(${[...refs]}::text[]) AND a_kind = ${kind}
    UNION
    SELECT * FROM volt_link WHERE b_ref = ANY(${[...refs]}::text[]) AND b_kind = ${kind}
    LIMIT ${limit}`.execute(db)
  return rows
}

/** The names of children by id (uuid text). */
export async function childNames(db: Db, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map()
  const rows = await db
    .selectFrom('child')
    .select(['id', 'given_name', 'family_name'])
    .where(sql<boolean>`id = ANY(${[...ids]}::uuid[])`)
    .execute()
  return new Map(rows.map((row) => [row.id, `${row.given_name} ${row.family_name}`]))
}

export async function personsById(db: Db, ids: readonly string[]): Promise<Map<string, PersonRow>> {
  if (ids.length === 0) return new Map()
  const rows = await db
    .selectFrom('volt_person')
    .selectAll()
    .where(sql<boolean>`id = ANY(${[...ids]}::uuid[])`)
    .execute()
  return new Map(rows.map((row) => [row.id, row]))
}

export async function locationsById(db: Db, ids: readonly string[]): Promise<Map<string, LocationRow>> {
  if (ids.length === 0) return new Map()
  const rows = await db
    .selectFrom('volt_location')
    .selectAll()
    .where(sql<boolean>`id = ANY(${[...ids]}::uuid[])`)
    .execute()
  return new Map(rows.map((row) => [row.id, row]))
}

export interface HotspotReach {
  all: boolean
  laIds: readonly string[]
  agencyId: string | null
  userId: string | null
  sensitivities: readonly string[]
  police: boolean
}

/**
 * Distinct children linked to places, by the place's postcode sector and type: through the partial
 * indexes volt_link_place_child and volt_link_child_place (migration 0046), each way round, counting
 * only children within the reach given (the viewer's, as hotspots.ts derives it from the policy) and
 * links the viewer sees (C-coded ones only for the police).
 */
export function hotspotQuery(reach: HotspotReach) {
  const within = reach.all
    ? sql`true`
    : sql`(c.la_id = ANY(${[...reach.laIds]}::text[])
        OR EXISTS (SELECT 1 FROM child_involvement i WHERE i.child_id = c.id AND i.ended_at IS NULL
          AND (i.agency_id = ${reach.agencyId ?? ''} OR i.user_id::text = ${reach.userId ?? ''})))`
  return sql<{
    postcode_sector: string | null
    location_type: LocationRow['location_type']
    children: string
  }>`
    WITH at_place AS (
      SELECT b_ref AS place, a_ref AS child, handling_code FROM volt_link
        WHERE a_kind = 'child' AND b_kind = 'location'
      UNION ALL
      SELECT a_ref, b_ref, handling_code FROM volt_link
        WHERE a_kind = 'location' AND b_kind = 'child'
    )
    SELECT l.postcode_sector, l.location_type, count(DISTINCT c.id) AS children
    FROM at_place k
    JOIN volt_location l ON l.id = k.place::uuid
    JOIN child c ON c.id = k.child::uuid
    WHERE (${reach.police} OR k.handling_code IS DISTINCT FROM 'C')
      AND c.sensitivity = ANY(${[...reach.sensitivities]}::text[])
      AND ${within}
    GROUP BY l.postcode_sector, l.location_type
    ORDER BY children DESC, l.postcode_sector NULLS LAST, l.location_type`
}

/**
 * The counts, in the caller's transaction. JIT is off for it: the planner's estimate of the links
 * the viewer sees is high enough to compile the query, which costs more than the query itself.
 */
export async function hotspotCounts(trx: Transaction<DB>, reach: HotspotReach) {
  await sql`SET LOCAL jit = off`.execute(trx)
  return (await hotspotQuery(reach).execute(trx)).rows
}

export const updatePerson = (
  trx: Db,
  id: string,
  person: Pick<PersonRow, 'name' | 'also_known_as' | 'kind' | 'description'>,
) => trx.updateTable('volt_person').set(person).where('id', '=', id).execute()

export const updateLocation = (
  trx: Db,
  id: string,
  place: Pick<LocationRow, 'name' | 'location_type' | 'address' | 'postcode' | 'postcode_sector'>,
) => trx.updateTable('volt_location').set(place).where('id', '=', id).execute()

export const findLink = (db: Db, id: string) =>
  db.selectFrom('volt_link').selectAll().where('id', '=', id).executeTakeFirst()

export const lockLink = (trx: Transaction<DB>, id: string) =>
  trx.selectFrom('volt_link').selectAll().where('id', '=', id).forUpdate().executeTakeFirst()

export const updateLink = (
  trx: Db,
  id: string,
  link: Pick<
    LinkRow,
    | 'link_type'
    | 'source_agency_id'
    | 'seen_on'
    | 'source_evaluation'
    | 'intelligence_assessment'
    | 'handling_code'
    | 'handling_conditions'
  >,
) => trx.updateTable('volt_link').set(link).where('id', '=', id).execute()

export const deleteLink = (trx: Db, id: string) => trx.deleteFrom('volt_link').where('id', '=', id).execute()

/** How many links join a node, whoever may see them (a person or place is deleted only without any). */
export async function linkCount(db: Db, kind: NodeKind, ref: string): Promise<number> {
  const { rows } = await sql<{ n: string }>`
    SELECT (SELECT count(*) FROM volt_link WHERE a_ref = ${ref} AND a_kind = ${kind})
         + (SELECT count(*) FROM volt_link WHERE b_ref = ${ref} AND b_kind = ${kind}) AS n`.execute(db)
  return Number(rows[0]?.n ?? 0)
}

export const deletePerson = (trx: Db, id: string) =>
  trx.deleteFrom('volt_person').where('id', '=', id).execute()

export const deleteLocation = (trx: Db, id: string) =>
  trx.deleteFrom('volt_location').where('id', '=', id).execute()

/** A deleted person's or place's open MACE flags end with it, so no agenda lists what is gone. */
export const clearFlagsOf = (trx: Db, kind: 'person' | 'location', id: string, byName: string) =>
  trx
    .updateTable('volt_mace_flag')
    .set({ cleared_at: new Date(), cleared_by_name: byName })
    .where('subject_kind', '=', kind)
    .where('subject_id', '=', id)
    .where('cleared_at', 'is', null)
    .execute()

/** A place's or person's flags for MACE, open and cleared, latest first. */
export const flagsOf = (db: Db, kind: 'person' | 'location', id: string) =>
  db
    .selectFrom('volt_mace_flag')
    .selectAll()
    .where('subject_kind', '=', kind)
    .where('subject_id', '=', id)
    .orderBy('flagged_at', 'desc')
    .orderBy('id')
    .execute()

/**
 * Flags with their place's or person's name (null once it is deleted) and whether the person is kept
 * to the police, for whoever filters them by the reader (mace-flag.ts).
 */
export const namedFlags = (db: Db) =>
  db
    .selectFrom('volt_mace_flag as f')
    .leftJoin('volt_location as l', (join) =>
      join.on('f.subject_kind', '=', 'location').onRef('l.id', '=', 'f.subject_id'),
    )
    .leftJoin('volt_person as p', (join) =>
      join.on('f.subject_kind', '=', 'person').onRef('p.id', '=', 'f.subject_id'),
    )
    .selectAll('f')
    .select(['l.name as place', 'p.name as person', 'p.police_restricted'])

export const findFlag = (db: Db, id: string) =>
  db.selectFrom('volt_mace_flag').selectAll().where('id', '=', id).executeTakeFirst()

/** Clears an open flag by hand: whether it was still open. */
export async function clearFlag(
  trx: Db,
  id: string,
  cleared: { by: string; name: string; agencyId: string; reason: string },
): Promise<boolean> {
  const done = await trx
    .updateTable('volt_mace_flag')
    .set({
      cleared_at: new Date(),
      cleared_by: cleared.by,
      cleared_by_name: cleared.name,
      cleared_agency_id: cleared.agencyId,
      cleared_reason: cleared.reason,
    })
    .where('id', '=', id)
    .where('cleared_at', 'is', null)
    .executeTakeFirst()
  return Number(done.numUpdatedRows) > 0
}
