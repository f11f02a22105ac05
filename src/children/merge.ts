// Merging a duplicate record into the one that survives. Nothing is deleted: the duplicate keeps its
// row (pointing at the survivor) and its events, which read as part of the survivor's chronology;
// the survivor takes what it lacked (identifiers, the duplicate's names as aliases).

import type { Transaction } from 'kysely'
import type { DB } from '../database.ts'
import type { Actor } from '../platform/access/actor.ts'
import { recordEvent } from '../platform/events/event.ts'
import { RequestError } from '../platform/http/errors.ts'
import {
  type ChildAlias,
  type ChildSummary,
  findAliases,
  insertAlias,
  lockChildren,
  writeMerge,
} from './store.ts'

export interface MergeResult {
  survivorId: string
  duplicateId: string
  taken: Record<string, string>
}

/** Why these two records may not be merged, in words for the person merging; undefined if they may. */
export function mergeProblem(survivor: ChildSummary, duplicate: ChildSummary): string | undefined {
  if (survivor.id === duplicate.id) return 'A record cannot be merged into itself'
  if (survivor.mergedIntoId) return 'The record to keep has itself been merged into another record'
  if (duplicate.mergedIntoId) return 'The duplicate has already been merged into another record'
  if (survivor.nhsNumber && duplicate.nhsNumber && survivor.nhsNumber !== duplicate.nhsNumber) {
    return 'The records have different NHS numbers, so they are different children'
  }
  if (survivor.upn && duplicate.upn && survivor.upn !== duplicate.upn) {
    return 'The records have different UPNs, so they are different children'
  }
  return undefined
}

/** What the survivor takes from the duplicate: identifiers it lacks. */
export function identifiersToTake(survivor: ChildSummary, duplicate: ChildSummary): Record<string, string> {
  const taken: Record<string, string> = {}
  if (!survivor.nhsNumber && duplicate.nhsNumber) taken.nhs_number = duplicate.nhsNumber
  if (!survivor.upn && duplicate.upn) taken.upn = duplicate.upn
  return taken
}

/** The duplicate's own name and aliases, as aliases the survivor does not already have. */
export function aliasesToTake(
  survivor: ChildSummary,
  survivorAliases: readonly ChildAlias[],
  duplicate: ChildSummary,
  duplicateAliases: readonly ChildAlias[],
): ChildAlias[] {
  const key = (given: string, family: string) =>
    `${given.trim().toLowerCase()} ${family.trim().toLowerCase()}`
  const known = new Set([
    key(survivor.givenName, survivor.familyName),
    ...survivorAliases.map((a) => key(a.givenName, a.familyName)),
  ])
  const offered = [
    { givenName: duplicate.givenName, familyName: duplicate.familyName, kind: 'name on a merged record' },
    ...duplicateAliases,
  ]
  return offered.filter((alias) => {
    const k = key(alias.givenName, alias.familyName)
    if (known.has(k)) return false
    known.add(k)
    return true
  })
}

export async function mergeChildren(
  trx: Transaction<DB>,
  survivorId: string,
  duplicateId: string,
  actor: Actor,
  reason = '',
): Promise<MergeResult> {
  const children = await lockChildren(trx, [survivorId, duplicateId])
  const survivor = children.find((c) => c.id === survivorId)
  const duplicate = children.find((c) => c.id === duplicateId)
  if (!survivor || !duplicate) throw new RequestError(404, 'No such child record')
  const problem = mergeProblem(survivor, duplicate)
  if (problem) throw new RequestError(409, problem, 'duplicateId')
  const taken = identifiersToTake(survivor, duplicate)
  const [survivorAliases, duplicateAliases] = await Promise.all([
    findAliases(trx, survivorId),
    findAliases(trx, duplicateId),
  ])
  for (const alias of aliasesToTake(survivor, survivorAliases, duplicate, duplicateAliases)) {
    await insertAlias(trx, survivorId, alias)
  }
  await writeMerge(trx, { survivorId, duplicateId, mergedBy: actor.id, reason, taken })
  await recordEvent(trx, {
    type: 'child.merged',
    childId: survivorId,
    laId: survivor.laId,
    agencyId: actor.agencyId,
    actorId: actor.id,
    summary: `Duplicate record ${duplicate.laChildId} (${duplicate.givenName} ${duplicate.familyName}) merged into this record`,
    payload: { survivorId, duplicateId, reason, taken },
  })
  return { survivorId, duplicateId, taken }
}
