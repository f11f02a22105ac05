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

/** Every child-to-location link with its place's sector and type, for the hotspots. */
export function childrenAtPlaces(db: Db) {
  return db
    .selectFrom('volt_link as k')
    .innerJoin('volt_location as l', (join) =>
      join.on((eb) =>
        eb.or([
          eb.and([eb('k.a_kind', '=', 'location'), eb('k.a_ref', '=', sql<string>`l.id::text`)]),
          eb.and([eb('k.b_kind', '=', 'location'), eb('k.b_ref', '=', sql<string>`l.id::text`)]),
        ]),
      ),
    )
    .where((eb) => eb.or([eb('k.a_kind', '=', 'child'), eb('k.b_kind', '=', 'child')]))
    .select([
      sql<string>`CASE WHEN k.a_kind = 'child' THEN k.a_ref ELSE k.b_ref END`.as('child_id'),
      'k.handling_code',
      'l.postcode_sector',
      'l.location_type',
    ])
    .execute()
}
