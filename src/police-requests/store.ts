// Form 87a requests' SQL: a request kept, one read or locked, answered, and the lists: the police
// force's queue (awaiting an answer, soonest due first) and a requester's own (latest first).

import type { Kysely, Selectable, Transaction } from 'kysely'
import type { DB } from '../database.ts'
import type { IsoDate } from '../platform/calendar/working-days.ts'
import type { PoliceRequestTables } from './tables.ts'

type Db = Kysely<DB> | Transaction<DB>
type Table = PoliceRequestTables['police_information_request']
export type PoliceRequestRow = Selectable<Table>
export type ListedRequest = PoliceRequestRow & { childName: string }

export function insertRequest(
  trx: Transaction<DB>,
  request: Omit<
    PoliceRequestRow,
    | 'id'
    | 'requested_at'
    | 'outcome'
    | 'answer'
    | 'answered_by'
    | 'answered_by_name'
    | 'answered_at'
    | 'escalated_at'
  >,
): Promise<PoliceRequestRow> {
  return trx.insertInto('police_information_request').values(request).returningAll().executeTakeFirstOrThrow()
}

export function findRequest(db: Db, id: string): Promise<PoliceRequestRow | undefined> {
  return db.selectFrom('police_information_request').selectAll().where('id', '=', id).executeTakeFirst()
}

export function lockRequest(trx: Transaction<DB>, id: string): Promise<PoliceRequestRow | undefined> {
  return trx
    .selectFrom('police_information_request')
    .selectAll()
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst()
}

export async function answerRequest(
  trx: Transaction<DB>,
  id: string,
  answer: Pick<PoliceRequestRow, 'outcome' | 'answer' | 'answered_by' | 'answered_by_name'>,
): Promise<void> {
  await trx
    .updateTable('police_information_request')
    .set({ ...answer, answered_at: new Date() })
    .where('id', '=', id)
    .execute()
}

const withChildName = (db: Db) =>
  db
    .selectFrom('police_information_request as r')
    .innerJoin('child as c', 'c.id', 'r.child_id')
    .selectAll('r')
    .select(['c.given_name', 'c.family_name'])

const named = <T extends { given_name: string; family_name: string }>(rows: T[]) =>
  rows.map(({ given_name, family_name, ...row }) => ({ ...row, childName: `${given_name} ${family_name}` }))

/** The requests a police force has still to answer in these LAs (all when null), soonest due first. */
export async function awaitingAnswer(
  db: Db,
  policeAgencyId: string,
  laIds: readonly string[] | null,
): Promise<ListedRequest[]> {
  let query = withChildName(db)
    .where('r.police_agency_id', '=', policeAgencyId)
    .where('r.outcome', 'is', null)
  if (laIds)
    query = laIds.length > 0 ? query.where('r.la_id', 'in', laIds) : query.where(({ lit }) => lit(false))
  return named(await query.orderBy('r.due_by').orderBy('r.requested_at').orderBy('r.id').execute())
}

/** The requests one person made, latest first. */
export async function madeBy(db: Db, requestedBy: string): Promise<ListedRequest[]> {
  const rows = await withChildName(db)
    .where('r.requested_by', '=', requestedBy)
    .orderBy('r.requested_at', 'desc')
    .orderBy('r.id')
    .execute()
  return named(rows)
}

export async function childName(db: Db, childId: string): Promise<string> {
  const row = await db
    .selectFrom('child')
    .select(['given_name', 'family_name'])
    .where('id', '=', childId)
    .executeTakeFirstOrThrow()
  return `${row.given_name} ${row.family_name}`
}

/**
 * Claims the requests whose answer was due before `today` (London) and is not given, not yet
 * escalated (SKIP LOCKED: every server may run the job), through police_information_request_overdue.
 */
export const claimOverdue = (
  trx: Transaction<DB>,
  today: IsoDate,
  limit: number,
): Promise<PoliceRequestRow[]> =>
  trx
    .selectFrom('police_information_request')
    .selectAll()
    .where('outcome', 'is', null)
    .where('escalated_at', 'is', null)
    .where('due_by', '<', today)
    .orderBy('due_by')
    .limit(limit)
    .forUpdate()
    .skipLocked()
    .execute()

export const markEscalated = (trx: Transaction<DB>, id: string, at: Date) =>
  trx.updateTable('police_information_request').set({ escalated_at: at }).where('id', '=', id).execute()
