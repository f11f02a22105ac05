// @fastify/rate-limit's counters kept in the database, so that several app servers behind a load
// balancer count one address's sign-in attempts (and one client's API calls) together. The embedded
// engine serves one process, whose in-memory counters are enough.

import type { FastifyRateLimitStore, FastifyRateLimitStoreCtor } from '@fastify/rate-limit'
import { type Kysely, sql } from 'kysely'
import type { PlatformDB } from '../db/schema.ts'

type Counted = { current: number; ttl: number }
type Done = Parameters<FastifyRateLimitStore['incr']>[1]
type RouteOptions = Parameters<FastifyRateLimitStore['child']>[0]

/** One in this many counts also clears windows long over, so the table holds only live keys. */
const SWEEP_EVERY = 1000

/** A store class for @fastify/rate-limit's `store` option, counting in `rate_limit_window`. */
export function sharedRateLimitStore(db: Kysely<PlatformDB>): FastifyRateLimitStoreCtor {
  return class SharedRateLimitStore implements FastifyRateLimitStore {
    constructor(
      _options?: unknown,
      private readonly prefix = '',
    ) {}

    incr(key: string, done: Done, timeWindowMs: number): void {
      countOne(db, this.prefix + key, timeWindowMs).then(
        (counted) => done(null, counted),
        (error: Error) => done(error),
      )
    }

    // The plugin passes the route's rate-limit settings with the route as `routeInfo`.
    child(route: RouteOptions) {
      const { method, url } = (route as unknown as { routeInfo: { method: string; url: string } }).routeInfo
      return new SharedRateLimitStore(undefined, `${this.prefix}${method} ${url} `)
    }
  }
}

/** Counts one more in the key's window, or starts a new window when the last one is over. */
async function countOne(db: Kysely<PlatformDB>, key: string, timeWindowMs: number): Promise<Counted> {
  const resetsAt = sql<Date>`now() + ${timeWindowMs} * interval '1 millisecond'`
  const windowOver = sql<boolean>`rate_limit_window.resets_at <= now()`
  const row = await db
    .insertInto('rate_limit_window')
    .values({ key, count: 1, resets_at: resetsAt })
    .onConflict((conflict) =>
      conflict.columns(['key', 'partnership_id']).doUpdateSet({
        count: sql`CASE WHEN ${windowOver} THEN 1 ELSE rate_limit_window.count + 1 END`,
        resets_at: sql`CASE WHEN ${windowOver} THEN excluded.resets_at ELSE rate_limit_window.resets_at END`,
      }),
    )
    .returning([
      'count',
      sql<number>`extract(epoch FROM resets_at - now()) * 1000`.as('ttl'),
      // The count's own commit need not wait for the disk: a crash loses at most the last moment's
      // counts, and while it waited the row stayed locked against the same caller's next request.
      sql`(SELECT set_config('synchronous_commit', 'off', true))`.as('quick_commit'),
    ])
    .executeTakeFirstOrThrow()
  if (Math.random() * SWEEP_EVERY < 1)
    await db
      .deleteFrom('rate_limit_window')
      .where('resets_at', '<', sql<Date>`now() - interval '1 hour'`)
      .execute()
  return { current: row.count, ttl: Math.max(0, Math.round(Number(row.ttl))) }
}
