// Break-glass lasts for the session that gave the reason: the child's record and its parts
// (chronology, meetings, enquiries) stay open to that session for a while, without asking again.
// Each read it opens is still decided by the policy and audited with the reason (guard.ts).

import type { Kysely, Transaction } from 'kysely'
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
    .onConflict((oc) => oc.columns(['session_id', 'child_id']).doUpdateSet(values))
    .execute()
}

/** The children a session has open by break-glass now, each with the reason given. */
export async function breakGlassOpenings(
  db: Kysely<PlatformDB>,
  sessionId: string,
  now: Date,
): Promise<Map<string, string>> {
  const rows = await db
    .selectFrom('break_glass_opening')
    .select(['child_id', 'reason'])
    .where('session_id', '=', sessionId)
    .where('expires_at', '>', now)
    .execute()
  return new Map(rows.map((row) => [row.child_id, row.reason]))
}
