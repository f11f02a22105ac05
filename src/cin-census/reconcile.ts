// Reconciliation of a census return with what masa holds for its LA: CP plans in the census year
// that one side has and the other has not, or starts on another day. Pure: the two sides in, the
// list the LA works through out.

import type { CensusChild } from './census.ts'
import type { CensusPeriod } from './rule.ts'

/** A CP plan as either side gives it: the LA child ID and the start date. */
export interface PlanOnRecord {
  child: string
  start: string
}

export type DifferenceKind = 'missing-from-return' | 'missing-from-masa' | 'start-differs'

export interface Difference {
  child: string
  kind: DifferenceKind
  masaStart: string | null
  returnStart: string | null
}

/** The return's CP plans open at some time in the census year (the ones reconciled), per child. */
export function returnPlans(child: CensusChild, period: CensusPeriod): PlanOnRecord[] {
  if (!child.laChildId) return []
  return child.episodes.flatMap((e) =>
    e.protectionPlans
      .filter(
        (p) =>
          p.startDate !== undefined && p.startDate <= period.end && (p.endDate ?? period.end) >= period.start,
      )
      .map((p) => ({ child: child.laChildId as string, start: p.startDate as string })),
  )
}

/**
 * Each plan matched by child and start date; a child's unmatched plans are paired in date order as
 * a start that differs, and what is left over is missing from one side. Ordered by child.
 */
export function reconcile(masa: readonly PlanOnRecord[], census: readonly PlanOnRecord[]): Difference[] {
  const byChild = new Map<string, { masa: string[]; census: string[] }>()
  const sideOf = (child: string) => {
    const side = byChild.get(child) ?? { masa: [], census: [] }
    byChild.set(child, side)
    return side
  }
  for (const plan of masa) sideOf(plan.child).masa.push(plan.start)
  for (const plan of census) sideOf(plan.child).census.push(plan.start)
  const differences: Difference[] = []
  for (const [child, side] of [...byChild].sort(([a], [b]) => a.localeCompare(b))) {
    const masaLeft = side.masa.filter((start) => !side.census.includes(start)).sort()
    const censusLeft = side.census.filter((start) => !side.masa.includes(start)).sort()
    const paired = Math.min(masaLeft.length, censusLeft.length)
    for (let i = 0; i < paired; i++)
      differences.push({
        child,
        kind: 'start-differs',
        masaStart: masaLeft[i] ?? null,
        returnStart: censusLeft[i] ?? null,
      })
    for (const start of masaLeft.slice(paired))
      differences.push({ child, kind: 'missing-from-return', masaStart: start, returnStart: null })
    for (const start of censusLeft.slice(paired))
      differences.push({ child, kind: 'missing-from-masa', masaStart: null, returnStart: start })
  }
  return differences
}
