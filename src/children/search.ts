// Searching for a child before anyone creates a record: candidates from indexes (identifiers, the
// dates a typed date of birth may stand for, trigram and sound-alike names), then each scored with
// its reasons and ranked. Callers pass a transaction their access check has audited.

import type { Transaction } from 'kysely'
import type { DB } from '../database.ts'
import type { Actor } from '../platform/access/actor.ts'
import { type ChildResource, decide } from '../platform/access/policy.ts'
import { getChildResources } from './resources.ts'
import type { ChildSearch } from './search-input.ts'
import {
  type Candidate,
  type CandidateName,
  dateOfBirthVariants,
  parseName,
  rankCandidates,
  type ScoredMatch,
  type SearchQuery,
} from './search-score.ts'
import { type CandidateRow, type ChildSummary, findCandidates, findChildSummaries } from './store.ts'

export interface ChildMatch extends ScoredMatch {
  child: ChildSummary
}

export const DEFAULT_RESULT_LIMIT = 20

export async function searchChildren(
  trx: Transaction<DB>,
  search: ChildSearch,
  limit = DEFAULT_RESULT_LIMIT,
): Promise<ChildMatch[]> {
  const query: SearchQuery = {
    name: search.name ? parseName(search.name) : undefined,
    dateOfBirth: search.dateOfBirth,
    nhsNumber: search.nhsNumber,
    upn: search.upn,
  }
  const dates = !search.dateOfBirth
    ? []
    : query.name
      ? dateOfBirthVariants(search.dateOfBirth)
      : [search.dateOfBirth]
  const rows = await findCandidates(trx, {
    name: query.name,
    dates,
    nhsNumber: search.nhsNumber,
    upn: search.upn,
  })
  const ranked = rankCandidates(query, toCandidates(rows), limit)
  const children = new Map(
    (
      await findChildSummaries(
        trx,
        ranked.map((m) => m.childId),
      )
    ).map((c) => [c.id, c]),
  )
  return ranked.flatMap((match) => {
    const child = children.get(match.childId)
    return child ? [{ ...match, child }] : []
  })
}

export interface VisibleMatch extends ChildMatch {
  mayOpen: boolean
}

/** The matches as the actor may see them: children whose existence the policy would hide are left out. */
export async function visibleMatches(
  trx: Transaction<DB>,
  actor: Actor,
  matches: ChildMatch[],
  auditDetail: Record<string, unknown>,
): Promise<VisibleMatch[]> {
  const resources = await getChildResources(
    trx,
    matches.map((m) => m.childId),
  )
  const visible = matches.flatMap((match) => {
    const resource = resources.get(match.childId) as ChildResource
    const decision = decide(actor, 'child.view', resource)
    if (!decision.allowed && decision.hideExistence) return []
    return [{ ...match, mayOpen: decision.allowed }]
  })
  // Appended to the audit when the transaction commits: which children the search showed.
  auditDetail.shown = visible.map((match) => match.childId)
  return visible
}

/** One candidate per child, with the evidence for each of its names (its own and its aliases). */
export function toCandidates(rows: readonly CandidateRow[]): Candidate[] {
  const byChild = new Map<string, Candidate>()
  for (const row of rows) {
    const candidate = byChild.get(row.child_id) ?? {
      childId: row.child_id,
      dateOfBirth: row.date_of_birth,
      nhsNumber: row.nhs_number,
      upn: row.upn,
      names: [],
    }
    candidate.names.push(nameEvidence(row))
    byChild.set(row.child_id, candidate)
  }
  return [...byChild.values()]
}

const nameEvidence = (row: CandidateRow): CandidateName => ({
  givenName: row.given_name,
  familyName: row.family_name,
  aliasKind: row.alias_kind,
  givenSoundsAlike: row.given_sounds_alike,
  familySoundsAlike: row.family_sounds_alike,
})
