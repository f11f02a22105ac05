// The case audit programmes a person who runs them may link a training course to, by reference and
// title (never a child): offered to a learning lead on the course form (src/training, wired by the
// composition root). The list is a read the policy decides and the audit records.

import type { Transaction } from 'kysely'
import type { DB } from '../database.ts'
import { authorize, type Caller } from '../platform/access/guard.ts'
import { decide } from '../platform/access/policy.ts'
import * as store from './store.ts'

const PARTNERSHIP = { kind: 'partnership' } as const

export async function programmeReferences(trx: Transaction<DB>, caller: Caller) {
  if (!decide(caller.actor, 'case-audit.manage', PARTNERSHIP).allowed) return []
  authorize(trx, {
    ...caller,
    action: 'case-audit.manage',
    resource: PARTNERSHIP,
    detail: { step: 'list', for: 'course link' },
  })
  return (await store.programmes(trx)).map((p) => ({ id: p.id, reference: p.reference, title: p.title }))
}
