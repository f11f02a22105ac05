// "Who else is linked": people, children, households and places within a few steps of a child, from
// the associations partners shared and the family and household records, within the access rules.
import type { FastifyRequest } from 'fastify'
import { type Kysely, sql, type Transaction } from 'kysely'
import { getChildResource } from '../children/index.ts'
import { readableOn } from '../chronology/index.ts'
import type { DB } from '../database.ts'
import { getActor } from '../identity/index.ts'
import { accessFrom, audited, authorize } from '../platform/access/guard.ts'
import type { Sensitivity } from '../platform/access/policy.ts'
import { RequestError } from '../platform/http/errors.ts'

export const MAX_DEPTH = 3

export interface Link {
  kind: 'child' | 'person' | 'adult' | 'place' | 'household'
  id: string
  depth: number
  viaKind: string | null
  viaId: string | null
  label: string
}

/** Each kind of link in people's words. */
const LINK_KIND_LABELS: Readonly<Record<Link['kind'], string>> = {
  child: 'Child',
  person: 'Person in the family records',
  adult: 'Adult a partner shared',
  place: 'Place',
  household: 'Household',
}

/** How the link was made, as a sentence begins: 'lives at' -> 'Lives at'. */
const sentenceCase = (text: string) => text.charAt(0).toUpperCase() + text.slice(1)

/** Everything within `depth` steps of the child; associations only under markings the viewer may read. */
export async function linksOf(
  db: Kysely<DB> | Transaction<DB>,
  childId: string,
  markings: readonly Sensitivity[],
  depth = 2,
) {
  const allowed = markings.length > 0 ? [...markings] : ['none']
  const rows = await sql<{
    kind: Link['kind']
    id: string
    depth: number
    via_kind: string | null
    via_id: string | null
    label: string
  }>`
    WITH RECURSIVE edge(a_kind, a_id, b_kind, b_id, label) AS NOT MATERIALIZED (
      SELECT from_kind, from_id, to_kind, to_id, relationship FROM association WHERE sensitivity = ANY(${allowed}::text[])
      UNION ALL SELECT to_kind, to_id, from_kind, from_id, relationship FROM association WHERE sensitivity = ANY(${allowed}::text[])
      UNION ALL SELECT 'child', child_id, 'person', person_id, kind FROM relationship WHERE person_id IS NOT NULL
      UNION ALL SELECT 'person', person_id, 'child', child_id, kind FROM relationship WHERE person_id IS NOT NULL
      UNION ALL SELECT 'child', child_id, 'child', related_child_id, kind FROM relationship WHERE related_child_id IS NOT NULL
      UNION ALL SELECT 'child', id, 'household', household_id, 'lives at' FROM child WHERE household_id IS NOT NULL
      UNION ALL SELECT 'household', household_id, 'child', id, 'lives here' FROM child WHERE household_id IS NOT NULL
      UNION ALL SELECT 'person', id, 'household', household_id, 'lives at' FROM person WHERE household_id IS NOT NULL
      UNION ALL SELECT 'household', household_id, 'person', id, 'lives here' FROM person WHERE household_id IS NOT NULL
    ),
    walk(kind, id, depth, via_kind, via_id, label, path) AS (
      SELECT 'child'::text, ${childId}::uuid, 0, NULL::text, NULL::uuid, NULL::text, ARRAY[${childId}::uuid]
      UNION ALL
      SELECT e.b_kind, e.b_id, w.depth + 1, w.kind, w.id, e.label, w.path || e.b_id
      FROM walk w JOIN edge e ON e.a_kind = w.kind AND e.a_id = w.id
      WHERE w.depth < ${Math.min(depth, MAX_DEPTH)} AND NOT e.b_id = ANY(w.path)
    )
    SELECT DISTINCT ON (kind, id) kind, id::text, depth, via_kind, via_id::text, label
    FROM walk WHERE depth > 0 ORDER BY kind, id, depth LIMIT 500`.execute(db)
  return rows.rows.map((row) => ({
    kind: row.kind,
    id: row.id,
    depth: row.depth,
    viaKind: row.via_kind,
    viaId: row.via_id,
    label: row.label,
  }))
}

async function namesOf(trx: Transaction<DB>, links: readonly Link[]): Promise<Map<string, string>> {
  const ids = (kind: Link['kind']) => links.filter((l) => l.kind === kind).map((l) => l.id)
  const none = ['00000000-0000-0000-0000-000000000000']
  const or = (values: string[]) => (values.length > 0 ? values : none)
  const [people, adults, places, households] = await Promise.all([
    trx
      .selectFrom('person')
      .select(['id', sql<string>`given_name || ' ' || family_name`.as('name')])
      .where('id', 'in', or(ids('person')))
      .execute(),
    trx
      .selectFrom('shared_event_adult')
      .select([
        'id',
        sql<string>`coalesce(given_name || ' ', '') || coalesce(family_name, '') || ' (' || role || ')'`.as(
          'name',
        ),
      ])
      .where('id', 'in', or(ids('adult')))
      .execute(),
    trx
      .selectFrom('place')
      .select(['id', sql<string>`description || ' ' || postcode`.as('name')])
      .where('id', 'in', or(ids('place')))
      .execute(),
    trx
      .selectFrom('household')
      .select(['id', sql<string>`address_line1 || ', ' || postcode`.as('name')])
      .where('id', 'in', or(ids('household')))
      .execute(),
  ])
  return new Map([...people, ...adults, ...places, ...households].map((row) => [row.id, row.name]))
}

/** A linked child's name only where the viewer may open that child's record (asked, and audited). */
async function childNames(trx: Transaction<DB>, request: FastifyRequest, links: readonly Link[]) {
  const names = new Map<string, string>()
  for (const link of links.filter((l) => l.kind === 'child')) {
    try {
      authorize(trx, {
        ...accessFrom(request),
        action: 'child.view',
        resource: await getChildResource(trx, link.id),
      })
      const child = await trx
        .selectFrom('child')
        .select(['given_name', 'family_name'])
        .where('id', '=', link.id)
        .executeTakeFirst()
      if (child) names.set(link.id, `${child.given_name} ${child.family_name}`)
    } catch (error) {
      if (!(error instanceof RequestError)) throw error
    }
  }
  return names
}

/**
 * The child's links as the viewer may see them: the child's record authorised (audited), associations
 * under the markings the viewer reads, a linked child named only where the viewer may open it.
 */
export async function readLinks(db: Kysely<DB>, request: FastifyRequest, id: string) {
  const actor = getActor(request)
  return audited(db, async (trx) => {
    const child = await getChildResource(trx, id)
    authorize(trx, {
      ...accessFrom(request),
      action: 'child.view',
      resource: child,
      detail: { view: 'links' },
    })
    const links = await linksOf(trx, id, readableOn(actor, child))
    const [names, children] = await Promise.all([namesOf(trx, links), childNames(trx, request, links)])
    const row = await trx
      .selectFrom('child')
      .select(['given_name', 'family_name'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow()
    return {
      childName: `${row.given_name} ${row.family_name}`,
      links: links.map((link) => ({
        ...link,
        kindLabel: LINK_KIND_LABELS[link.kind],
        how: sentenceCase(link.label),
        name:
          link.kind === 'child'
            ? (children.get(link.id) ?? 'A child whose record you cannot open')
            : (names.get(link.id) ?? `${LINK_KIND_LABELS[link.kind]}, name not known`),
      })),
    }
  })
}
