// Involvements: why an agency other than the child's LA may read the child's record (the access
// policy's need-to-know, read by platform/access/guard.ts). The SQL every capability records them
// with, the child's LA's list, ending one, and ending those without activity.

import { type Kysely, sql, type Transaction } from 'kysely'
import type { DB } from '../database.ts'
import type { InvolvementKind } from './tables.ts'

type Db = Kysely<DB> | Transaction<DB>

export interface NewInvolvement {
  childId: string
  agencyId: string
  /** A named person, when the involvement is theirs rather than their agency's. */
  userId?: string | null
  kind: Exclude<InvolvementKind, 'referral'>
  /** In people's words: 'invited to meeting', 'strategy action owner', 'school' ... */
  reason: string
  lawfulBasis?: string | null
  addedBy?: string | null
}

/**
 * Records involvements; one already current is kept and counts as activity (so it does not end for
 * want of any). The partial unique index child_involvement_current keeps one current row each.
 */
export async function recordInvolvements(trx: Transaction<DB>, involvements: readonly NewInvolvement[]) {
  // One row each: ON CONFLICT DO UPDATE may not touch the same row twice in one statement.
  const unique = new Map(
    involvements.map((i) => [JSON.stringify([i.childId, i.agencyId, i.reason, i.userId ?? null]), i]),
  )
  const rows = [...unique.values()].map((involvement) => ({
    child_id: involvement.childId,
    agency_id: involvement.agencyId,
    user_id: involvement.userId ?? null,
    kind: involvement.kind,
    reason: involvement.reason,
    lawful_basis: involvement.lawfulBasis ?? null,
    added_by: involvement.addedBy ?? null,
  }))
  // Always one statement, rows or none, so a sender cannot time whether a child was matched.
  await sql`INSERT INTO child_involvement (child_id, agency_id, user_id, kind, reason, lawful_basis, added_by)
    SELECT child_id, agency_id, user_id, kind, reason, lawful_basis, added_by
    FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS row (child_id uuid, agency_id text,
      user_id uuid, kind text, reason text, lawful_basis text, added_by uuid)
    ON CONFLICT (child_id, agency_id, reason, user_id, partnership_id) WHERE ended_at IS NULL
    DO UPDATE SET last_active_at = now()`.execute(trx)
}

/** Several agencies involved with one child for one reason (a meeting's invitees, action owners). */
export async function involveAgencies(
  trx: Transaction<DB>,
  childId: string,
  agencyIds: readonly string[],
  kind: NewInvolvement['kind'],
  reason: string,
) {
  await recordInvolvements(
    trx,
    agencyIds.map((agencyId) => ({ childId, agencyId, kind, reason })),
  )
}

export interface InvolvementRow {
  id: string
  agency_id: string
  user_id: string | null
  user_name: string | null
  kind: InvolvementKind
  reason: string
  lawful_basis: string | null
  since: Date
  last_active_at: Date
  ended_at: Date | null
  end_reason: string | null
  ended_by_name: string | null
}

/** Every involvement with the child, current first, then ended (kept as history). */
export async function listInvolvements(db: Db, childId: string): Promise<InvolvementRow[]> {
  return db
    .selectFrom('child_involvement as i')
    .leftJoin('app_user as u', 'u.id', 'i.user_id')
    .leftJoin('app_user as e', 'e.id', 'i.ended_by')
    .select([
      'i.id',
      'i.agency_id',
      'i.user_id',
      'u.display_name as user_name',
      'i.kind',
      'i.reason',
      'i.lawful_basis',
      'i.since',
      'i.last_active_at',
      'i.ended_at',
      'i.end_reason',
      'e.display_name as ended_by_name',
    ])
    .where('i.child_id', '=', childId)
    .orderBy(sql`i.ended_at IS NOT NULL`)
    .orderBy('i.since', 'desc')
    .orderBy('i.id')
    .execute()
}

/** Ends one current involvement of this child; false if there is none (already ended, or not the child's). */
export async function endInvolvement(
  trx: Transaction<DB>,
  end: { childId: string; involvementId: string; reason: string; endedBy: string; at: Date },
): Promise<InvolvementRow | undefined> {
  const ended = await trx
    .updateTable('child_involvement')
    .set({
      ended_at: sql`greatest(${end.at}::timestamptz, since)`,
      end_reason: end.reason,
      ended_by: end.endedBy,
    })
    .where('id', '=', end.involvementId)
    .where('child_id', '=', end.childId)
    .where('ended_at', 'is', null)
    .returning('id')
    .executeTakeFirst()
  if (!ended) return undefined
  return (await listInvolvements(trx, end.childId)).find((row) => row.id === ended.id)
}

/** The reason meetings' invitations record (strategy discussions and conferences). */
const INVITED = 'invited to meeting'

/** The involvement of an agency asked to re-check its own threshold once the case closed: it owns that answer. */
export const RECHECK_REASON = 'asked to re-check its threshold after the case closed'

/**
 * The child's child-protection case closed (no further action after the section 47 enquiry, no
 * plan, or the plan ended): the involvements its meetings and actions gave end with the reason,
 * kept as history. The agencies asked to re-check their own threshold stay involved, through an
 * action, until they answer (endRecheckInvolvement).
 */
export async function endCaseInvolvements(
  trx: Transaction<DB>,
  closure: { childId: string; reason: string; at: Date; askedToRecheck: readonly string[] },
): Promise<void> {
  await trx
    .updateTable('child_involvement')
    .set({ ended_at: sql`greatest(${closure.at}::timestamptz, since)`, end_reason: closure.reason })
    .where('child_id', '=', closure.childId)
    .where('kind', 'in', ['meeting', 'action'])
    .where('ended_at', 'is', null)
    .execute()
  await involveAgencies(trx, closure.childId, closure.askedToRecheck, 'action', RECHECK_REASON)
}

/**
 * A strategy discussion decided no further action: invitations to meetings about the child end,
 * unless the child is on a child protection plan, whose core group and reviews still need them. The
 * actions it recorded stay with their owners until done (or the period without activity passes).
 */
export async function endInvitationsAfterNoFurtherAction(
  trx: Transaction<DB>,
  closure: { childId: string; reason: string; at: Date },
): Promise<void> {
  await sql`UPDATE child_involvement SET ended_at = greatest(${closure.at}::timestamptz, since),
      end_reason = ${closure.reason}
    WHERE child_id = ${closure.childId} AND kind = 'meeting' AND reason = ${INVITED}
      AND ended_at IS NULL
      AND NOT EXISTS (SELECT 1 FROM child_protection_plan
        WHERE child_id = ${closure.childId} AND end_date IS NULL)`.execute(trx)
}

/** The agency answered the re-check it was asked for: that involvement ends. */
export async function endRecheckInvolvement(
  trx: Transaction<DB>,
  answered: { childId: string; agencyId: string; at: Date },
): Promise<void> {
  await trx
    .updateTable('child_involvement')
    .set({ ended_at: sql`greatest(${answered.at}::timestamptz, since)`, end_reason: 'Re-check answered' })
    .where('child_id', '=', answered.childId)
    .where('agency_id', '=', answered.agencyId)
    .where('reason', '=', RECHECK_REASON)
    .where('ended_at', 'is', null)
    .execute()
}

export const INACTIVITY_END_REASON = 'No activity for the partnership’s set period'

/** Ends every current involvement with no activity since `before`; returns how many ended. */
export async function endInactiveInvolvements(db: Db, before: Date, at: Date): Promise<number> {
  const result = await db
    .updateTable('child_involvement')
    .set({ ended_at: sql`greatest(${at}::timestamptz, since)`, end_reason: INACTIVITY_END_REASON })
    .where('ended_at', 'is', null)
    .where('last_active_at', '<', before)
    .executeTakeFirst()
  return Number(result.numUpdatedRows)
}

const DAY_MS = 24 * 60 * 60 * 1000
export const DEFAULT_INACTIVITY_DAYS = 365

/** The instant before which an involvement's last activity ends it, under the partnership's period. */
export function inactiveBefore(now: Date, days = DEFAULT_INACTIVITY_DAYS): Date {
  return new Date(now.getTime() - days * DAY_MS)
}
