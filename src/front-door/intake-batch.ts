// Group commit for referral intake. Every audited write holds an audit chain's head until it
// commits, and every statement is a round trip to the database, so one referral per transaction
// (five statements each) is bounded by commits and round trips rather than by the work itself.
// Referrals that arrive while a batch is being stored share the next transaction and its
// statements: `storeBatch` writes a whole batch with multi-row statements. Nothing waits in memory
// beyond the requests themselves, which are answered only once their transaction has committed.
//
// `storeBatch` may refuse an item (an outcome holding the error to answer it with) only by leaving
// it out of every write. Any other failure aborts the whole batch, whose items are then stored again
// one by one: no item is ever half-written, and one bad item cannot sink the others.

import type { Kysely, Transaction } from 'kysely'
import type { DB } from '../database.ts'
import { audited } from '../platform/access/guard.ts'
import { RequestError } from '../platform/http/errors.ts'

export type Outcome<T> = { ok: true; value: T } | { ok: false; error: Error }

/** Stores the items in the batch's transaction; one outcome per item, in the same order. */
export type StoreBatch<In, Out> = (trx: Transaction<DB>, items: readonly In[]) => Promise<Outcome<Out>[]>

interface Job<In, Out> {
  item: In
  resolve(value: Out): void
  reject(error: unknown): void
}

const MAX_BATCH = 200
/** Batches do their work side by side on their own connections; only the audit append and commit queue. */
const MAX_IN_FLIGHT = 4

export class IntakeBatcher<In, Out> {
  private waiting: Job<In, Out>[] = []
  private inFlight = 0

  constructor(
    private readonly db: Kysely<DB>,
    private readonly storeBatch: StoreBatch<In, Out>,
  ) {}

  submit(item: In): Promise<Out> {
    return new Promise<Out>((resolve, reject) => {
      this.waiting.push({ item, resolve, reject })
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

  private async commit(batch: Job<In, Out>[]): Promise<void> {
    let outcomes: Outcome<Out>[]
    try {
      outcomes = await audited(this.db, (trx) =>
        this.storeBatch(
          trx,
          batch.map((job) => job.item),
        ),
      )
    } catch (error) {
      if (batch.length === 1) batch[0]?.reject(error)
      else for (const job of batch) await this.commit([job])
      return
    }
    batch.forEach((job, index) => {
      const outcome = outcomes[index]
      if (!outcome) job.reject(new Error('The batch gave no outcome for this item'))
      else if (outcome.ok) job.resolve(outcome.value)
      else job.reject(outcome.error)
    })
  }
}

/** Runs a check that may refuse with a RequestError below 500; anything else still throws. */
export function refusalOf(check: () => void): RequestError | undefined {
  try {
    check()
    return undefined
  } catch (error) {
    if (error instanceof RequestError && error.statusCode < 500) return error
    throw error
  }
}
