// Counting the statements requests send to the database, as the connections see them (BEGIN and
// COMMIT included), on either engine: every connection the pool hands out is watched.

import type pg from 'pg'

export interface StatementLog {
  /** The text of each statement sent since the log was started (or last cleared). */
  readonly sent: string[]
  clear(): void
}

/** Starts recording every statement sent through this pool's connections. */
export function recordStatements(pool: pg.Pool): StatementLog {
  const sent: string[] = []
  const watched = new WeakSet<object>()
  const connect = pool.connect.bind(pool) as (...callback: unknown[]) => Promise<pg.PoolClient>
  const watching = async (...callback: unknown[]) => {
    // pool.query connects with a callback: passed through as it is.
    if (callback.length > 0) return connect(...callback)
    const client = await connect()
    if (!watched.has(client)) {
      watched.add(client)
      const query = client.query.bind(client) as (...args: unknown[]) => unknown
      ;(client as unknown as { query: (...args: unknown[]) => unknown }).query = (...args) => {
        sent.push(textOf(args[0]))
        return query(...args)
      }
    }
    return client
  }
  ;(pool as unknown as { connect: typeof watching }).connect = watching
  return {
    sent,
    clear: () => {
      sent.length = 0
    },
  }
}

const textOf = (statement: unknown): string =>
  typeof statement === 'string'
    ? statement
    : String((statement as { text?: unknown } | null)?.text ?? statement)
