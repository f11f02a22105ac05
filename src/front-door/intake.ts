// Group commit for referral intake. Every audited write holds the audit chain's head lock until it
// commits, so one referral per transaction is bounded by the disk's fsync rate (~180 commits/s on
// this machine kind). Referrals that arrive while a commit is under way share the next transaction,
// and so one fsync. Nothing waits in memory beyond the requests themselves, which are answered only
// once their transaction has committed.
//
// A job may refuse (a RequestError below 500) only before it writes anything, so a refusal leaves
// the batch's transaction clean. Any other failure aborts the whole batch, whose jobs are then run
// again one by one: no job is ever half-written, and one bad job cannot sink the others.

import type { Kysely, Transaction } from 'kysely'
import { audited } from '../platform/access/guard.ts'
import type { DB } from '../platform/db/schema.ts'
import { RequestError } from '../platform/http/errors.ts'

type Work<T> = (trx: Transaction<DB>) => Promise<T>

interface Job {
  work: Work<unknown>
  resolve(value: unknown): void
  reject(error: unknown): void
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown }

const MAX_BATCH = 200
/** Batches do their work side by side on their own connections; only the audit append and commit queue. */
const MAX_IN_FLIGHT = 4

export class IntakeBatcher {
  private waiting: Job[] = []
  private inFlight = 0

  constructor(private readonly db: Kysely<DB>) {}

  run<T>(work: Work<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.waiting.push({ work, resolve: resolve as (value: unknown) => void, reject })
      this.pump()
    })
  }

  private pump() {
    while (this.inFlight < MAX_IN_FLIGHT && this.waiting.length > 0) {
      this.inFlight += 1
      void this.commit(this.waiting.splice(0, MAX_BATCH)).finally(() => {
        this.inFlight -= 1
        this.pump()
      })
    }
  }

  private async commit(batch: Job[]): Promise<void> {
    let outcomes: Outcome[]
    try {
      outcomes = await audited(this.db, async (trx) => {
        const done: Outcome[] = []
        for (const job of batch) done.push(await attempt(trx, job.work))
        return done
      })
    } catch (error) {
      if (batch.length === 1) batch[0]?.reject(error)
      else for (const job of batch) await this.commit([job])
      return
    }
    batch.forEach((job, index) => {
      const outcome = outcomes[index] as Outcome
      if (outcome.ok) job.resolve(outcome.value)
      else job.reject(outcome.error)
    })
  }
}

async function attempt(trx: Transaction<DB>, work: Work<unknown>): Promise<Outcome> {
  try {
    return { ok: true, value: await work(trx) }
  } catch (error) {
    if (error instanceof RequestError && error.statusCode < 500) return { ok: false, error }
    throw error
  }
}
