// Actions' SQL: the `action` table, for every kind of meeting. A meeting's record writes its actions
// with `replaceActions` in its own step's transaction; the owner closes one with evidence; the alert
// loop claims the overdue ones not yet told of.

import { type Kysely, type Selectable, sql, type Transaction } from 'kysely'
import type { IsoDate } from '../platform/calendar/working-days.ts'
import type { OfPartnership, PlatformDB } from '../platform/db/schema.ts'
import type { ActionInput } from './schemas.ts'
import type { ActionSourceKind, ActionsTables } from './tables.ts'

/**
 * The tables this SQL reads: its own, and the columns it needs of the child and of people. Typed here
 * rather than as the whole database, which holds the meetings that use actions.
 */
interface ActionsDB extends PlatformDB, OfPartnership<ActionsTables> {
  child: { id: string; given_name: string; family_name: string }
  app_user: { id: string; agency_id: string; email: string; active: boolean }
  user_role: { user_id: string; role: string }
}
type Db = Kysely<ActionsDB> | Transaction<ActionsDB>
export type ActionRow = Selectable<ActionsTables['action']>

/** The meeting an action was agreed at, and the child it is about. */
export interface ActionSource {
  kind: ActionSourceKind
  id: string
  childId: string
}

/**
 * Writes a meeting's actions as its record now lists them (numbered from 1). A done action is kept
 * as it was closed; an open one takes the record's words, and a new due date may be alerted again.
 */
export async function replaceActions(
  trx: Transaction<ActionsDB>,
  source: ActionSource,
  actions: readonly ActionInput[],
) {
  const rows = actions.map((a, index) => ({
    source_kind: source.kind,
    source_id: source.id,
    child_id: source.childId,
    position: index + 1,
    description: a.description,
    owner_agency_id: a.ownerAgencyId,
    owner_name: a.ownerName,
    due_by: a.dueBy,
  }))
  if (rows.length > 0)
    await trx
      .insertInto('action')
      .values(rows)
      .onConflict((oc) =>
        oc
          .columns(['source_kind', 'source_id', 'position', 'partnership_id'])
          .doUpdateSet((eb) => ({
            description: eb.ref('excluded.description'),
            owner_agency_id: eb.ref('excluded.owner_agency_id'),
            owner_name: eb.ref('excluded.owner_name'),
            due_by: eb.ref('excluded.due_by'),
            alerted_at: sql`CASE WHEN action.due_by = excluded.due_by THEN action.alerted_at END`,
          }))
          .where('action.completed_at', 'is', null),
      )
      .execute()
  await trx
    .deleteFrom('action')
    .where('source_kind', '=', source.kind)
    .where('source_id', '=', source.id)
    .where('position', '>', rows.length)
    .where('completed_at', 'is', null)
    .execute()
}

/** A meeting's actions, in their order on its record. */
export function actionsOf(db: Db, kind: ActionSourceKind, sourceId: string): Promise<ActionRow[]> {
  return db
    .selectFrom('action')
    .selectAll()
    .where('source_kind', '=', kind)
    .where('source_id', '=', sourceId)
    .orderBy('position')
    .execute()
}

export interface AgencyAction extends ActionRow {
  childName: string
}

/** An agency's actions: the open ones by due date (soonest first), then the most recently done. */
export async function actionsOwnedBy(db: Db, agencyId: string): Promise<AgencyAction[]> {
  const rows = await db
    .selectFrom('action as a')
    .innerJoin('child as c', 'c.id', 'a.child_id')
    .selectAll('a')
    .select(['c.given_name', 'c.family_name'])
    .where('a.owner_agency_id', '=', agencyId)
    .orderBy(sql`a.completed_at IS NOT NULL`)
    .orderBy('a.due_by')
    .orderBy(sql`a.completed_at DESC`)
    .orderBy('a.position')
    .limit(500)
    .execute()
  return rows.map(({ given_name, family_name, ...row }) => ({
    ...row,
    childName: `${given_name} ${family_name}`,
  }))
}

/** One action, locked for the step that closes it. */
export function lockAction(trx: Transaction<ActionsDB>, id: string): Promise<ActionRow | undefined> {
  return trx.selectFrom('action').selectAll().where('id', '=', id).forUpdate().executeTakeFirst()
}

export async function findActionWithChild(db: Db, id: string): Promise<AgencyAction | undefined> {
  const row = await db
    .selectFrom('action as a')
    .innerJoin('child as c', 'c.id', 'a.child_id')
    .selectAll('a')
    .select(['c.given_name', 'c.family_name'])
    .where('a.id', '=', id)
    .executeTakeFirst()
  if (!row) return undefined
  const { given_name, family_name, ...action } = row
  return { ...action, childName: `${given_name} ${family_name}` }
}

export async function writeCompletion(
  trx: Transaction<ActionsDB>,
  id: string,
  completion: { at: Date; by: string; byName: string; evidence: string },
): Promise<void> {
  await trx
    .updateTable('action')
    .set({
      completed_at: completion.at,
      completed_by: completion.by,
      completed_by_name: completion.byName,
      evidence: completion.evidence,
    })
    .where('id', '=', id)
    .where('completed_at', 'is', null)
    .execute()
}

/**
 * Claims the actions past their due date whose owners have not been told (FOR UPDATE SKIP LOCKED, so
 * servers share the work) and marks them told, in the caller's transaction.
 */
export async function claimOverdue(trx: Transaction<ActionsDB>, today: IsoDate, now: Date, limit = 1000) {
  return trx
    .updateTable('action')
    .set({ alerted_at: now })
    .where('id', 'in', (eb) =>
      eb
        .selectFrom('action')
        .select('id')
        .where('completed_at', 'is', null)
        .where('alerted_at', 'is', null)
        .where('due_by', '<', today)
        .orderBy('due_by')
        .limit(limit)
        .forUpdate()
        .skipLocked(),
    )
    .returning(['id', 'owner_agency_id'])
    .execute()
}
