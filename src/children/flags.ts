// What the child's record flags at the top of the page: a live plan, an open enquiry or referral,
// the meetings to come. Each capability that owns such a step says it, in words, about the steps
// this reader may open (the app wires the sources in: children knows none of them).

import type { RawBuilder, Transaction } from 'kysely'
import type { DB } from '../database.ts'
import type { Actor } from '../platform/access/actor.ts'
import type { ChildResource } from '../platform/access/policy.ts'

export interface ChildFlag {
  /** What it is: 'On a child protection plan'. */
  title: string
  /** Its particulars in words: 'Neglect, since 3 June 2026'. */
  detail: string
  href: string
}

/** One capability's flags about a child, read in the record's transaction, for what the actor may open. */
export interface ChildFlagSource {
  /**
   * Whether the child may have any of these flags, as a cheap test the record's statement asks
   * (true whenever `read` could find one): most children have none, and then `read` is not run.
   */
  mayHave: (childId: RawBuilder<string>) => RawBuilder<boolean>
  read: (trx: Transaction<DB>, actor: Actor, child: ChildResource, today: string) => Promise<ChildFlag[]>
}

/** The flags of the sources whose `mayHave` held for this child (in the same order); today is asked only then. */
export async function flagsFor(
  sources: readonly ChildFlagSource[],
  mayHave: readonly boolean[],
  trx: Transaction<DB>,
  actor: Actor,
  child: ChildResource,
  today: () => string,
): Promise<ChildFlag[]> {
  const flags: ChildFlag[] = []
  for (const [i, source] of sources.entries())
    if (mayHave[i]) flags.push(...(await source.read(trx, actor, child, today())))
  return flags
}
