// The demo partnership's people as the use cases take them: each demo user (identity's
// `seedDemoUsers`) as an actor, found by role (and, where several hold it, by agency or area), and a
// caller for one of the demo's steps, so what the demo writes is decided and audited as anyone's.

import { sql } from 'kysely'
import type { Database } from '../database.ts'
import { activeUserActors } from '../identity/index.ts'
import type { PartnershipConfig } from '../partnership/config.ts'
import type { Actor, Role } from '../platform/access/actor.ts'
import type { Caller } from '../platform/access/guard.ts'

const DAY_MS = 86_400_000

/** The day `days` from `now` (negative: before), as the forms take dates. */
export const isoDaysFrom = (now: Date, days: number) =>
  new Date(now.getTime() + days * DAY_MS).toISOString().slice(0, 10)

/** The instant `days` from `now`, for a use case's clock. */
export const daysFrom = (now: Date, days: number) => new Date(now.getTime() + days * DAY_MS)

/** A use case's caller: the demo user, from this machine, the step named for the audit. */
export const asCaller = (actor: Actor, requestId: string): Caller => ({
  actor,
  origin: { ip: '127.0.0.1', requestId },
})

export interface DemoCast {
  /** The first demo user holding the role (and matching `where`), if any. */
  holder: (role: Role, where?: (actor: Actor) => boolean) => Actor | undefined
}

export async function demoCast(database: Database, partnership: PartnershipConfig): Promise<DemoCast> {
  const people = await activeUserActors({ db: database.db, partnership })
  return {
    holder: (role, where) =>
      people.find((actor) => actor.grants.some((grant) => grant.role === role) && (!where || where(actor))),
  }
}

/** The LA's own agency (children's social care) in the partnership's configuration. */
export const laAgencyOf = (partnership: PartnershipConfig, laId: string) =>
  partnership.agencies.find((agency) => agency.kind === 'local-authority' && agency.la === laId)?.id

/** Teenagers (13 to 16) of the LA on standard records, in the generator's order: the same for the same seed. */
export const teenagersOf = (database: Database, laId: string, limit: number) =>
  database.db
    .selectFrom('child')
    .select('id')
    .where('la_id', '=', laId)
    .where('sensitivity', '=', 'standard')
    .where('date_of_birth', '<', sql<string>`(current_date - interval '13 years')::date`)
    .where('date_of_birth', '>', sql<string>`(current_date - interval '17 years')::date`)
    .orderBy('la_child_id')
    .limit(limit)
    .execute()
    .then((rows) => rows.map((row) => row.id))
