// Break-glass lasts for the session that gave the reason: the child's record and its parts
// (chronology, meetings, enquiries) stay open to that session for a while, without asking again.
// Each read it opens is still decided by the policy and audited with the reason (guard.ts).

import { type Expression, sql, type Transaction } from 'kysely'
import type { PlatformDB } from '../db/schema.ts'

/** How long one break-glass keeps a child's record open to the session (never past the session's end). */
export const BREAK_GLASS_OPEN_MS = 2 * 60 * 60_000

export interface Opening {
  sessionId: string
  childId: string
  reason: string
  now: Date
}

/** Remembers (or renews) an opening with the reason given. */
export async function rememberBreakGlass(trx: Transaction<PlatformDB>, opening: Opening): Promise<void> {
  const values = {
    reason: opening.reason,
    opened_at: opening.now,
    expires_at: new Date(opening.now.getTime() + BREAK_GLASS_OPEN_MS),
  }
  await trx
    .insertInto('break_glass_opening')
    .values({ session_id: opening.sessionId, child_id: opening.childId, ...values })
    .onConflict((oc) => oc.columns(['session_id', 'child_id', 'partnership_id']).doUpdateSet(values))
    .execute()
}

/**
 * The children a session has open by break-glass now, as a JSON object of child id to the reason
 * given: an expression, so the session's lookup reads them in the same statement.
 */
export const breakGlassOpenings = (sessionId: Expression<string>, now: Date) =>
  sql<Record<string, string>>`(SELECT coalesce(jsonb_object_agg(child_id, reason), '{}'::jsonb)
    FROM break_glass_opening WHERE session_id = ${sessionId} AND expires_at > ${now})`
