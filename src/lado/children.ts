// The children's records an allegation concerns: the LADO finds each through the children's search
// (as the policy lets them see it) and links it, so the allegation is listed on the child's record
// for whom the policy lets read both. A child the LADO may not read is never offered nor linked, and
// refused as a child that is not there: linking tells nobody that a child exists.

import { sql, type Transaction } from 'kysely'
import {
  type ChildFlag,
  type ChildFlagSource,
  type ChildSearch,
  findChildResource,
  searchChildren,
  type VisibleMatch,
  visibleMatches,
} from '../children/index.ts'
import type { DB } from '../database.ts'
import type { Actor } from '../platform/access/actor.ts'
import { audited, authorize, type Caller, consult } from '../platform/access/guard.ts'
import { type ChildResource, decide } from '../platform/access/policy.ts'
import { toIsoDate } from '../platform/calendar/working-days.ts'
import { govukDate } from '../platform/http/dates.ts'
import { RequestError } from '../platform/http/errors.ts'
import { checkedInput, InvalidInput, isUuid } from '../platform/http/schemas.ts'
import { HARM_CATEGORIES, OUTCOMES, shortLabel } from './rules.ts'
import { childLinkCheck } from './schemas.ts'
import * as store from './store.ts'
import { allegationResource, byName, type LadoContext, recordStep } from './workflow.ts'

const NOT_OFFERED = 'Select the child from the search results'

/**
 * The children's records the LADO may link to the allegation, from the children's search: only those
 * they may open (the search itself audited with what it showed).
 */
export async function childrenToLink(
  ctx: LadoContext,
  caller: Caller,
  id: string,
  criteria: ChildSearch,
): Promise<VisibleMatch[]> {
  return audited(ctx.db, async (trx) => {
    const row = isUuid(id) ? await store.findAllegation(trx, id) : undefined
    if (!row) throw new RequestError(404, 'Not found')
    const resource = await allegationResource(trx, row)
    authorize(trx, { ...caller, action: 'allegation.manage', resource, detail: { step: 'find-child' } })
    const detail: Record<string, unknown> = { allegationId: id, criteria }
    authorize(trx, { ...caller, action: 'child.search', resource: { kind: 'partnership' }, detail })
    const matches = await visibleMatches(trx, caller.actor, await searchChildren(trx, criteria), detail)
    const offered = matches.filter((match) => match.mayOpen)
    // The audit keeps what the page showed: the records offered, not the search's every result.
    detail.shown = offered.map((match) => match.childId)
    return offered
  })
}

/** The child the LADO may read, or the same refusal whether it is hidden from them or not there. */
async function readableChild(trx: Transaction<DB>, caller: Caller, childId: string, allegationId: string) {
  const child = isUuid(childId) ? await findChildResource(trx, childId) : undefined
  const detail = { allegationId }
  const readable =
    child !== undefined && consult(trx, { ...caller, action: 'child.view', resource: child, detail }).allowed
  if (!readable) throw new InvalidInput([{ field: 'childId', text: NOT_OFFERED }])
  return child
}

/** Links a child's record the LADO may read to the allegation (again is no change). */
export const linkChild = (ctx: LadoContext, caller: Caller, id: string, input: unknown) =>
  recordStep(ctx, caller, id, 'link-child', async (trx, row, at) => {
    const { childId } = checkedInput(childLinkCheck, input)
    await readableChild(trx, caller, childId, row.id)
    await store.linkChild(trx, { allegationId: row.id, childId, at, byName: byName(caller) })
  })

/** Unlinks a child's record linked by mistake; only one the LADO may read, as linking. */
export const unlinkChild = (ctx: LadoContext, caller: Caller, id: string, input: unknown) =>
  recordStep(ctx, caller, id, 'unlink-child', async (trx, row) => {
    const { childId } = checkedInput(childLinkCheck, input)
    await readableChild(trx, caller, childId, row.id)
    await store.unlinkChild(trx, row.id, childId)
  })

/**
 * What the child's record shows of allegations linked to it: each one the reader may read and know
 * the children of (allegation.view and allegation.identify), read in the record's transaction.
 */
export const allegationFlags: ChildFlagSource = {
  mayHave: (childId) =>
    sql<boolean>`EXISTS (SELECT 1 FROM lado_allegation_child WHERE child_id = ${childId})`,
  read: readAllegationFlags,
}

async function readAllegationFlags(
  trx: Transaction<DB>,
  actor: Actor,
  child: ChildResource,
): Promise<ChildFlag[]> {
  const flags: ChildFlag[] = []
  for (const row of await store.allegationsOfChild(trx, child.childId)) {
    const resource = await allegationResource(trx, row)
    if (!decide(actor, 'allegation.view', resource).allowed) continue
    if (!decide(actor, 'allegation.identify', resource).allowed) continue
    const state = row.outcome ? `concluded ${shortLabel(OUTCOMES[row.outcome]).toLowerCase()}` : 'open'
    const category = HARM_CATEGORIES[row.harm_category].toLowerCase()
    flags.push({
      title: 'Allegation against an adult (LADO)',
      detail: `${row.reference}: ${category}, referred ${govukDate(toIsoDate(row.referred_at))}, ${state}`,
      href: `/lado/allegations/${row.id}`,
    })
  }
  return flags
}
