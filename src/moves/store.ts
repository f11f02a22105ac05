// Moves' SQL: a move kept, read, acknowledged; the moves into and out of some LAs; the outbox of
// moves whose host is yet to be told; overdue acknowledgements; the expiring links.

import type { Kysely, Selectable, Transaction } from 'kysely'
import type { DB } from '../database.ts'
import type { IsoDate } from '../platform/calendar/working-days.ts'
import type { MovesTables } from './tables.ts'

type Db = Kysely<DB> | Transaction<DB>
export type MoveRow = Selectable<MovesTables['child_move']>
export type NewMove = Omit<
  MoveRow,
  | 'id'
  | 'recorded_at'
  | 'notified_at'
  | 'acknowledged_at'
  | 'acknowledged_by_name'
  | 'acknowledgement_note'
  | 'escalated_at'
> & { recorded_at: Date }

export const insertMove = (trx: Transaction<DB>, move: NewMove): Promise<MoveRow> =>
  trx.insertInto('child_move').values(move).returningAll().executeTakeFirstOrThrow()

export const findMove = (db: Db, id: string): Promise<MoveRow | undefined> =>
  db.selectFrom('child_move').selectAll().where('id', '=', id).executeTakeFirst()

export const lockMove = (trx: Transaction<DB>, id: string): Promise<MoveRow | undefined> =>
  trx.selectFrom('child_move').selectAll().where('id', '=', id).forUpdate().executeTakeFirst()

export const acknowledge = (trx: Transaction<DB>, id: string, by: string, note: string | null, at: Date) =>
  trx
    .updateTable('child_move')
    .set({ acknowledged_at: at, acknowledged_by_name: by, acknowledgement_note: note })
    .where('id', '=', id)
    .execute()

export type ListedMove = MoveRow & { childName: string }

/** The moves into or out of these LAs (every LA when null), latest first, with the child's name. */
export async function movesTouching(db: Db, laIds: readonly string[] | null): Promise<ListedMove[]> {
  let query = db
    .selectFrom('child_move as m')
    .innerJoin('child as c', 'c.id', 'm.child_id')
    .selectAll('m')
    .select(['c.given_name', 'c.family_name'])
  if (laIds)
    query =
      laIds.length > 0
        ? query.where((eb) => eb.or([eb('m.host_la_id', 'in', laIds), eb('m.placing_la_id', 'in', laIds)]))
        : query.where(({ lit }) => lit(false))
  const rows = await query.orderBy('m.recorded_at', 'desc').orderBy('m.id').limit(500).execute()
  return rows.map(({ given_name, family_name, ...row }) => ({
    ...row,
    childName: `${given_name} ${family_name}`,
  }))
}

/** The moves into an LA of the partnership, in the order recorded, with the child's name. */
export async function movesInto(db: Db, laId: string): Promise<ListedMove[]> {
  const rows = await db
    .selectFrom('child_move as m')
    .innerJoin('child as c', 'c.id', 'm.child_id')
    .selectAll('m')
    .select(['c.given_name', 'c.family_name'])
    .where('m.host_la_id', '=', laId)
    .orderBy('m.recorded_at')
    .orderBy('m.id')
    .execute()
  return rows.map(({ given_name, family_name, ...row }) => ({
    ...row,
    childName: `${given_name} ${family_name}`,
  }))
}

/** Claims up to `limit` moves whose host is yet to be told; SKIP LOCKED lets several servers share them. */
export const claimUnnotified = (trx: Transaction<DB>, limit: number): Promise<MoveRow[]> =>
  trx
    .selectFrom('child_move')
    .selectAll()
    .where('notified_at', 'is', null)
    .orderBy('recorded_at')
    .limit(limit)
    .forUpdate()
    .skipLocked()
    .execute()

export const markNotified = (trx: Transaction<DB>, id: string, at: Date) =>
  trx.updateTable('child_move').set({ notified_at: at }).where('id', '=', id).execute()

/** Claims the moves whose acknowledgement was due before `today` and is not given, not yet escalated. */
export const claimOverdue = (trx: Transaction<DB>, today: IsoDate, limit: number): Promise<MoveRow[]> =>
  trx
    .selectFrom('child_move')
    .selectAll()
    .where('acknowledged_at', 'is', null)
    .where('escalated_at', 'is', null)
    .where('acknowledge_by', '<', today)
    .orderBy('acknowledge_by')
    .limit(limit)
    .forUpdate()
    .skipLocked()
    .execute()

export const markEscalated = (trx: Transaction<DB>, id: string, at: Date) =>
  trx.updateTable('child_move').set({ escalated_at: at }).where('id', '=', id).execute()

// ---------------------------------------------------------------------------
// Links for an LA outside the partnership

export const insertLink = (
  trx: Transaction<DB>,
  link: { moveId: string; tokenHash: string; at: Date; expiresAt: Date },
) =>
  trx
    .insertInto('child_move_link')
    .values({
      move_id: link.moveId,
      token_hash: link.tokenHash,
      created_at: link.at,
      expires_at: link.expiresAt,
    })
    .execute()

export const findLink = (db: Db, tokenHash: string) =>
  db.selectFrom('child_move_link').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst()

/** The child's name and date of birth, for the host LA's staff (the move's readers). */
export const childOf = (db: Db, childId: string) =>
  db
    .selectFrom('child')
    .select(['given_name', 'family_name', 'date_of_birth'])
    .where('id', '=', childId)
    .executeTakeFirstOrThrow()
