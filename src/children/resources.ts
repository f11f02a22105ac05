// The child as the access policy sees it (its LA, marking and who is involved now), read from the
// children's tables for every capability that asks the policy about a child.

import { type Kysely, type RawBuilder, sql } from 'kysely'
import type { DB } from '../database.ts'
import type { Actor } from '../platform/access/actor.ts'
import { type ChildResource, decide } from '../platform/access/policy.ts'
import { RequestError } from '../platform/http/errors.ts'
import { isUuid } from '../platform/http/schemas.ts'

/** The child as the policy sees it: LA, marking and who is involved now. Throws 404 if there is none. */
export async function getChildResource(db: Kysely<DB>, childId: string): Promise<ChildResource> {
  const resource = await findChildResource(db, childId)
  if (!resource) throw new RequestError(404, 'Not found')
  return resource
}

/** As getChildResource, for an id from a path: what is not an id is a record that is not there (404). */
export async function childFromPath(db: Kysely<DB>, childId: string): Promise<ChildResource> {
  if (!isUuid(childId)) throw new RequestError(404, 'Not found')
  return getChildResource(db, childId)
}

/** A child as another capability's pages name them, beside the record's id and LA. */
export interface ChildNames {
  childId: string
  laId: string
  name: string
}

export async function childNamesOf(db: Kysely<DB>, child: ChildResource): Promise<ChildNames> {
  const row = await db
    .selectFrom('child')
    .select(['given_name', 'family_name'])
    .where('id', '=', child.childId)
    .executeTakeFirstOrThrow()
  return { childId: child.childId, laId: child.laId, name: `${row.given_name} ${row.family_name}` }
}

/**
 * The child as the policy sees it, or undefined when there is none or no id is given: one query
 * either way, for a step whose answer must not take longer when a record is there.
 */
export async function findChildResource(
  db: Kysely<DB>,
  childId: string | null,
): Promise<ChildResource | undefined> {
  const [resource] = await findChildResources(db, childId && isUuid(childId) ? [childId] : [])
  return resource
}

/** Several children as the policy sees them, by id, in one query; ids with no child are absent. */
export async function getChildResources(
  db: Kysely<DB>,
  childIds: readonly string[],
): Promise<Map<string, ChildResource>> {
  if (childIds.length === 0) return new Map()
  return new Map((await findChildResources(db, childIds)).map((resource) => [resource.childId, resource]))
}

/** Children as the policy sees them: one query, even for no ids (see findChildResource). */
export async function findChildResources(
  db: Kysely<DB>,
  childIds: readonly string[],
): Promise<ChildResource[]> {
  const rows = await db
    .selectFrom('child')
    .select(['id', 'la_id', 'sensitivity'])
    .select(involvementOf(sql`child.id`))
    .where(sql<boolean>`id = ANY(${[...childIds]}::uuid[])`)
    .execute()
  return rows.map(resourceOf)
}

/** Who is involved with the child now, as the columns agency_ids and user_ids. */
export const involvementOf = (childId: RawBuilder<unknown>) => [
  sql<string[]>`ARRAY(SELECT DISTINCT agency_id FROM child_involvement
    WHERE child_id = ${childId} AND ended_at IS NULL ORDER BY 1)`.as('agency_ids'),
  sql<string[]>`ARRAY(SELECT DISTINCT user_id::text FROM child_involvement
    WHERE child_id = ${childId} AND ended_at IS NULL AND user_id IS NOT NULL ORDER BY 1)`.as('user_ids'),
]

interface ResourceRow {
  id: string
  la_id: string
  sensitivity: string
  agency_ids: string[]
  user_ids: string[]
}

export const resourceOf = (row: ResourceRow): ChildResource => ({
  kind: 'child',
  childId: row.id,
  laId: row.la_id,
  sensitivity: row.sensitivity as ChildResource['sensitivity'],
  involvement: { agencyIds: row.agency_ids, userIds: row.user_ids },
})

/**
 * The items of a list the actor may open, each asked of the policy about its child as it is now: a
 * list must not name a child (a sealed or marked one, say) whose record the actor could not open.
 * Items not yet about a known child pass: the list's own check covers them.
 */
export async function openableItems<T>(
  db: Kysely<DB>,
  actor: Actor,
  items: readonly T[],
  childIdOf: (item: T) => string | null,
): Promise<T[]> {
  const ids = [...new Set(items.flatMap((item) => childIdOf(item) ?? []))]
  const children = await getChildResources(db, ids)
  return items.filter((item) => {
    const childId = childIdOf(item)
    const child = childId ? children.get(childId) : undefined
    return !childId || (child !== undefined && decide(actor, 'child.view', child).allowed)
  })
}

/** The ids of an LA's children, as a subquery (the break-glass review of the LA's own staff). */
export const childIdsInLa = (laId: string) => sql`SELECT id FROM child WHERE la_id = ${laId}`
