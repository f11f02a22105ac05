// SQL for alerts: the children a person works with, the events about them others recorded, and
// each reader's place and email choice.
import { type Expression, type Kysely, type SqlBool, sql, type Transaction } from 'kysely'
import type { DB } from '../database.ts'
import type { Sensitivity } from '../platform/access/policy.ts'
import { ALERTING_TYPES, NOT_NEWS, SHARED_PREFIX } from './rules.ts'

type Db = Kysely<DB> | Transaction<DB>

/** At most this many children, the most recently worked with first. */
const MAX_CHILDREN = 1000

/**
 * The children this person works with: those they or their agency are involved with now, and those
 * they recorded something about since `since`.
 */
export async function childrenWorkedWith(
  db: Db,
  person: { userId: string; agencyId: string },
  since: Date,
): Promise<string[]> {
  const rows = await sql<{ child_id: string }>`
    SELECT child_id, max(at) AS latest FROM (
      SELECT child_id, last_active_at AS at FROM child_involvement
       WHERE ended_at IS NULL AND (user_id::text = ${person.userId} OR agency_id = ${person.agencyId})
      UNION ALL
      SELECT child_id, occurred_at AS at FROM domain_event
       WHERE actor_id = ${person.userId} AND occurred_at >= ${since} AND child_id IS NOT NULL
    ) AS worked GROUP BY child_id ORDER BY latest DESC LIMIT ${MAX_CHILDREN}`.execute(db)
  return rows.rows.map((row) => row.child_id)
}

/** Children whose entries the reader may read under the same markings. */
export interface ReadableGroup {
  childIds: string[]
  markings: readonly Sensitivity[]
}

export interface AlertRow {
  seq: number
  occurred_at: Date
  type: string
  child_id: string
  agency_id: string
  summary: string
}

/** Events worth an alert about these children that someone else recorded, the latest recorded first. */
export async function alertEvents(
  db: Db,
  groups: readonly ReadableGroup[],
  options: { actorId: string; after?: number; limit: number },
): Promise<AlertRow[]> {
  const readable = groups.filter((group) => group.childIds.length > 0 && group.markings.length > 0)
  if (readable.length === 0) return []
  const rows = await db
    .selectFrom('domain_event')
    .select(['seq', 'occurred_at', 'type', 'agency_id', 'summary', sql<string>`child_id`.as('child_id')])
    .where(({ or, and, eb }) =>
      or(
        readable.map((group) =>
          and([
            sql<SqlBool>`child_id = ANY(${group.childIds}::uuid[])` as Expression<SqlBool>,
            eb('sensitivity', 'in', [...group.markings]),
          ]),
        ),
      ),
    )
    .where(({ or, and, eb }) =>
      or([
        eb('type', 'in', [...ALERTING_TYPES]),
        and([eb('type', 'like', `${SHARED_PREFIX}%`), eb('type', 'not in', NOT_NEWS)]),
      ]),
    )
    .where('actor_id', '<>', options.actorId)
    .where('seq', '>', options.after ?? 0)
    .orderBy('seq', 'desc')
    .limit(options.limit)
    .execute()
  return rows
}

export async function childNames(db: Db, childIds: readonly string[]): Promise<Map<string, string>> {
  if (childIds.length === 0) return new Map()
  const rows = await db
    .selectFrom('child')
    .select(['id', 'given_name', 'family_name'])
    .where(sql<SqlBool>`id = ANY(${[...childIds]}::uuid[])`)
    .execute()
  return new Map(rows.map((row) => [row.id, `${row.given_name} ${row.family_name}`]))
}

export interface ReaderRow {
  seen_up_to: number
  email: boolean
  emailed_up_to: number
}

export async function findReader(db: Db, userId: string): Promise<ReaderRow> {
  const row = await db
    .selectFrom('alert_reader')
    .select(['seen_up_to', 'email', 'emailed_up_to'])
    .where('user_id', '=', userId)
    .executeTakeFirst()
  return row ?? { seen_up_to: 0, email: false, emailed_up_to: 0 }
}

export async function saveReader(db: Db, userId: string, changes: Partial<ReaderRow>): Promise<void> {
  await db
    .insertInto('alert_reader')
    .values({ user_id: userId, ...changes })
    .onConflict((conflict) => conflict.columns(['user_id', 'partnership_id']).doUpdateSet(changes))
    .execute()
}

/** The active people who asked for alert emails, with where to send them. */
export async function emailReaders(db: Db) {
  return db
    .selectFrom('alert_reader as r')
    .innerJoin('app_user as u', 'u.id', 'r.user_id')
    .select(['r.user_id', 'r.emailed_up_to', 'u.email', 'u.agency_id'])
    .where('r.email', '=', true)
    .where('u.active', '=', true)
    .execute()
}
