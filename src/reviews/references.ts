// The serious incidents a person may read, by reference only (never the child): the reviews a learning
// lead may link a training course to (src/training, wired by the composition root). Each one offered
// is a read the policy decides and the audit records, in the caller's transaction.

import type { Transaction } from 'kysely'
import { getChildResources } from '../children/index.ts'
import type { DB } from '../database.ts'
import { grantedLaIds } from '../platform/access/gates.ts'
import { authorize, type Caller } from '../platform/access/guard.ts'
import { decide, mayEver } from '../platform/access/policy.ts'
import * as store from './store.ts'
import { reviewOf } from './workflow.ts'

export async function reviewReferences(trx: Transaction<DB>, caller: Caller) {
  const { actor } = caller
  if (!mayEver(actor, 'review.view')) return []
  const rows = await store.incidentsFor(trx, grantedLaIds(actor, 'review.view'), actor.agencyId)
  const invited = await store.invitedAgencies(
    trx,
    rows.map((row) => row.id),
  )
  const children = await getChildResources(trx, [...new Set(rows.map((row) => row.child_id))])
  const references: { id: string; reference: string }[] = []
  for (const row of rows) {
    const child = children.get(row.child_id)
    if (!child) continue
    const resource = reviewOf(row, child, invited.get(row.id) ?? [])
    if (!decide(actor, 'review.view', resource).allowed) continue
    authorize(trx, { ...caller, action: 'review.view', resource, detail: { list: 'course link' } })
    references.push({ id: row.id, reference: row.reference })
  }
  return references
}
