// Independent scrutiny's SQL: the leads' grants to the scrutineer, the children they name (looked up
// by NHS number), the grants that reached their end unrecorded, those near their end not yet reminded,
// and the child's record as a grant opens it.

import type { Kysely, Selectable, Transaction } from 'kysely'
import type { DB } from '../database.ts'
import type { IsoDate } from '../platform/calendar/working-days.ts'
import type { ScrutinyTables } from './tables.ts'

type Db = Kysely<DB> | Transaction<DB>
export type GrantRow = Selectable<ScrutinyTables['scrutiny_grant']>

/** The child with this id, never a record merged into another (a grant started from the child's page). */
export const childOfId = (db: Db, id: string) =>
  db
    .selectFrom('child')
    .select(['id', 'given_name', 'family_name', 'date_of_birth'])
    .where('id', '=', id)
    .where('merged_into_id', 'is', null)
    .executeTakeFirst()

/** The child with this NHS number (in stored form), never a record merged into another. */
export const childOfNhsNumber = (db: Db, nhsNumber: string) =>
  db
    .selectFrom('child')
    .select(['id'])
    .where('nhs_number', '=', nhsNumber)
    .where('merged_into_id', 'is', null)
    .orderBy('created_at')
    .executeTakeFirst()

export interface NewGrant {
  id: string
  childId: string
  laId: string
  incident: { id: string; reference: string } | null
  granteeId: string
  granteeName: string
  purpose: string
  endsOn: IsoDate
  expiresAt: Date
  at: Date
  by: string
  byName: string
  byAgencyId: string
}

export const insertGrant = (trx: Transaction<DB>, grant: NewGrant): Promise<GrantRow> =>
  trx
    .insertInto('scrutiny_grant')
    .values({
      id: grant.id,
      child_id: grant.childId,
      la_id: grant.laId,
      incident_id: grant.incident?.id ?? null,
      incident_reference: grant.incident?.reference ?? null,
      grantee_id: grant.granteeId,
      grantee_name: grant.granteeName,
      purpose: grant.purpose,
      ends_on: grant.endsOn,
      expires_at: grant.expiresAt,
      granted_at: grant.at,
      granted_by: grant.by,
      granted_by_name: grant.byName,
      granted_by_agency_id: grant.byAgencyId,
    })
    .returningAll()
    .executeTakeFirstOrThrow()

export const findGrant = (db: Db, id: string) =>
  db.selectFrom('scrutiny_grant').selectAll().where('id', '=', id).executeTakeFirst()

export const lockGrant = (trx: Transaction<DB>, id: string) =>
  trx.selectFrom('scrutiny_grant').selectAll().where('id', '=', id).forUpdate().executeTakeFirst()

/** Every grant, the newest first; or one scrutineer's own. */
export function grants(db: Db, granteeId?: string): Promise<GrantRow[]> {
  let query = db.selectFrom('scrutiny_grant').selectAll().orderBy('granted_at', 'desc')
  if (granteeId) query = query.where('grantee_id', '=', granteeId)
  return query.execute()
}

export const revokeGrant = (trx: Transaction<DB>, id: string, at: Date, byName: string, reason: string) =>
  trx
    .updateTable('scrutiny_grant')
    .set({ revoked_at: at, revoked_by_name: byName, revoke_reason: reason })
    .where('id', '=', id)
    .execute()

/** Grants that reached their end date and whose end is not yet in the audit, locked for the one run recording it. */
export const endedUnrecorded = (trx: Transaction<DB>, now: Date) =>
  trx
    .selectFrom('scrutiny_grant')
    .selectAll()
    .where('expires_at', '<=', now)
    .where('revoked_at', 'is', null)
    .where('ended_recorded_at', 'is', null)
    .orderBy('expires_at')
    .limit(200)
    .forUpdate()
    .skipLocked()
    .execute()

export const markEndRecorded = (trx: Transaction<DB>, ids: readonly string[], at: Date) =>
  ids.length === 0
    ? Promise.resolve()
    : trx.updateTable('scrutiny_grant').set({ ended_recorded_at: at }).where('id', 'in', ids).execute()

/**
 * Current grants ending within `days` days (and a day, for the clock changes) not yet reminded,
 * locked for the one run reminding them: another server's run skips them.
 */
export const unremindedEnding = (trx: Transaction<DB>, now: Date, days: number) =>
  trx
    .selectFrom('scrutiny_grant')
    .selectAll()
    .where('expires_at', '>', now)
    .where('expires_at', '<=', new Date(now.getTime() + (days + 1) * 86_400_000))
    .where('revoked_at', 'is', null)
    .where('reminded_at', 'is', null)
    .orderBy('expires_at')
    .limit(200)
    .forUpdate()
    .skipLocked()
    .execute()

export const markReminded = (trx: Transaction<DB>, ids: readonly string[], at: Date) =>
  ids.length === 0
    ? Promise.resolve()
    : trx.updateTable('scrutiny_grant').set({ reminded_at: at }).where('id', 'in', ids).execute()

/** What a grant opens of the child's record: who they are, their LA and their child protection plans. */
export async function childRecord(db: Db, childId: string) {
  const child = await db
    .selectFrom('child')
    .select(['given_name', 'family_name', 'date_of_birth', 'la_id'])
    .where('id', '=', childId)
    .executeTakeFirstOrThrow()
  const plans = await db
    .selectFrom('child_protection_plan')
    .select(['category', 'start_date', 'end_date'])
    .where('child_id', '=', childId)
    .orderBy('start_date', 'desc')
    .execute()
  return { child, plans }
}
